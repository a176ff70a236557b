package org.regstudy.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regstudy.common.BadInputException;

class SequenceLoaderTest {
    @TempDir
    Path dir;

    @Test
    void slidingWindowsOverASeries() throws Exception {
        Path f = dir.resolve("s.csv");
        Files.writeString(f, "u,y\n0,10\n1,11\n2,12\n3,13\n4,14\n5,15\n6,16\n");
        CsvOptions opt = CsvOptions.defaults().withTask(TaskType.REGRESSION).withLabelColumn("y");
        Dataset d = SequenceLoader.slidingWindows(f, opt, 3, 2);
        // 7 rows, W = 3, stride 2: floor((7 - 3 - 1) / 2) + 1 = 2 windows starting at steps 0 and 2
        assertArrayEquals(new long[] {2, 2, 3}, d.features().shape());
        assertArrayEquals(new long[] {2, 1, 3}, d.labels().shape());
        assertEquals(List.of("u", "y"), d.featureNames());
        // window 1 starts at step 2: u = 2,3,4; y = 12,13,14; labels y_{t+1} = 13,14,15
        assertArrayEquals(new float[] {2, 3, 4}, d.features().slice(1).slice(0).toFloatVector());
        assertArrayEquals(new float[] {12, 13, 14}, d.features().slice(1).slice(1).toFloatVector());
        assertArrayEquals(new float[] {13, 14, 15}, d.labels().slice(1).slice(0).toFloatVector());
        assertTrue(d.fingerprint().description().contains("window=3 stride=2"));
        BadInputException e = assertThrows(BadInputException.class, () -> SequenceLoader.slidingWindows(f, opt, 7, 1));
        assertTrue(e.getMessage().startsWith(f + ":8:1: series has 7 rows"), e.getMessage());
    }

    @Test
    void generatedSeriesFileLoadsAsWindows() {
        Path f = dir.resolve("series.csv");
        DatasetCsv.writeSeries(Generators.series(SequenceKind.SINE, 40, 0.1, 3), "x", f);
        Dataset file = SequenceLoader.slidingWindows(f, CsvOptions.defaults().withTask(TaskType.REGRESSION), 10, 1);
        Dataset gen = Generators.sequence(SequenceKind.SINE, 40, 10, 0.1, 3);
        assertEquals(gen.features(), file.features());
        assertEquals(gen.labels(), file.labels());
    }

    @Test
    void oneSequencePerRowGroup() throws Exception {
        Path f = dir.resolve("g.csv");
        Files.writeString(f, "id,a,b,label\n7,1,2,x\n7,3,4,y\n9,5,6,y\n9,7,8,y\n");
        Dataset d = SequenceLoader.groups(f, CsvOptions.defaults(), "id");
        // 2 sequences of 2 steps, inputs a and b, classes x and y
        assertArrayEquals(new long[] {2, 2, 2}, d.features().shape());
        assertArrayEquals(new long[] {2, 2, 2}, d.labels().shape());
        assertEquals(List.of("a", "b"), d.featureNames());
        assertArrayEquals(new float[] {5, 7}, d.features().slice(1).slice(0).toFloatVector());
        assertArrayEquals(new float[] {6, 8}, d.features().slice(1).slice(1).toFloatVector());
        // sequence 0: step 0 class x, step 1 class y
        assertArrayEquals(new float[] {1, 0}, d.labels().slice(0).slice(0).toFloatVector());
        assertArrayEquals(new float[] {0, 1}, d.labels().slice(0).slice(1).toFloatVector());

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "id,a,label\n1,1,0\n1,2,1\n2,3,0\n");
        BadInputException e = assertThrows(BadInputException.class, () -> SequenceLoader.groups(bad, CsvOptions.defaults(), "id"));
        // the second group starts on line 4, the id column at character 1
        assertTrue(e.getMessage().startsWith(bad + ":4:1: sequence '2.0' has 1 rows"), e.getMessage());
    }

    @Test
    void aGroupColumnNameTwoHeaderColumnsShareIsRefused() throws Exception {
        // the first 'g' was taken as the ids and the second kept as an input, without a word
        Path f = dir.resolve("twice.csv");
        Files.writeString(f, "g,g,v,label\n1,7,0.1,a\n1,7,0.2,b\n2,8,0.3,a\n2,8,0.4,b\n");
        BadInputException e = assertThrows(BadInputException.class, () -> SequenceLoader.groups(f, CsvOptions.defaults(), "g"));
        assertEquals(f + ":1:1: the group column 'g' names two columns of the header; give the group column's index"
                + " instead", e.getMessage());
        assertEquals(2, SequenceLoader.groups(f, CsvOptions.defaults(), "0").size());
    }

    @Test
    void groupIdsAFloatCannotTellApartAreRefused() throws Exception {
        // 100000001 and 100000002 both round to the float32 100000000 (its spacing there is 8),
        // so the two 2-row sequences would merge into one of 4 rows; the first too-large id is on line 2
        Path f = dir.resolve("big-ids.csv");
        Files.writeString(f, "id,a,label\n100000001,1,0\n100000001,2,1\n100000002,3,0\n100000002,4,1\n");
        BadInputException e = assertThrows(BadInputException.class, () -> SequenceLoader.groups(f, CsvOptions.defaults(), "id"));
        assertTrue(e.getMessage().startsWith(f + ":2:1: sequence id 1.0E8 in column 'id' is too large"), e.getMessage());
        // 2^24 itself is exact and accepted
        Path ok = dir.resolve("edge-ids.csv");
        Files.writeString(ok, "id,a,label\n16777216,1,0\n16777216,2,1\n-16777216,3,0\n-16777216,4,1\n");
        assertArrayEquals(new long[] {2, 1, 2}, SequenceLoader.groups(ok, CsvOptions.defaults(), "id").features().shape());
    }
}
