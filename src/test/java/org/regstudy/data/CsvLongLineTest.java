package org.regstudy.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regstudy.common.BadInputException;

class CsvLongLineTest {

    @TempDir
    Path dir;

    @Test
    void aLineOverTheLimitIsRefusedBeforeItIsBuiltInMemory() throws Exception {
        // line 2 holds MAX_LINE_CHARS + 10 characters: refused at line 2, column 1
        Path f = dir.resolve("long.csv");
        try (BufferedWriter w = Files.newBufferedWriter(f)) {
            w.write("a,label\n");
            for (int i = 0; i < CsvLoader.MAX_LINE_CHARS + 10; i++) {
                w.write('1');
            }
            w.write(",0\n");
        }
        BadInputException e = assertThrows(BadInputException.class, () -> CsvLoader.load(f, CsvOptions.defaults()));
        assertEquals(f + ":2:1: line longer than " + CsvLoader.MAX_LINE_CHARS + " characters", e.getMessage());
    }

    @Test
    void crLfAndCrLineEndsReadLikeLf() throws Exception {
        Path f = dir.resolve("ends.csv");
        Files.writeString(f, "a,b,label\r\n1,2,0\r3,4,1\n5,6,0");
        Dataset d = CsvLoader.load(f, CsvOptions.defaults());
        assertEquals(3, d.size());
        assertEquals(6f, d.features().getFloat(2, 1));
        assertTrue(d.classCounts()[0] == 2 && d.classCounts()[1] == 1);
    }
}
