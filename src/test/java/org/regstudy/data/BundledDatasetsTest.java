package org.regstudy.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledDatasetsTest {
    static final Path DATA = Path.of("data");

    @Test
    void breastCancerHasDocumentedShapeAndClasses() {
        Dataset d = CsvLoader.load(DATA.resolve("breast_cancer.csv"), CsvOptions.defaults());
        assertEquals(569, d.size());
        assertEquals(30, d.numFeatures());
        assertEquals(2, d.numOutputs());
        // 212 malignant (label 0) + 357 benign (label 1) = 569
        assertArrayEquals(new int[] {212, 357}, d.classCounts());
        assertEquals("radius_mean", d.featureNames().get(0));
        assertEquals("fractal_dimension_worst", d.featureNames().get(29));
        // first row, first value in the file is 17.99
        assertEquals(17.99f, d.features().getFloat(0, 0), 0f);
        // sha256sum data/breast_cancer.csv
        assertEquals("e52145ba5e530a368072df572b34a088a09e062064fd03c5440d29f33f57c0a3", d.fingerprint().sha256());
    }

    @Test
    void digitsHasDocumentedShapeAndClasses() {
        Dataset d = CsvLoader.load(DATA.resolve("digits.csv"), CsvOptions.defaults());
        assertEquals(1797, d.size());
        assertEquals(64, d.numFeatures());
        assertEquals(10, d.numOutputs());
        int[] counts = d.classCounts();
        assertEquals(1797, java.util.Arrays.stream(counts).sum());
        // sklearn's load_digits class counts
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, counts);
    }

    @Test
    void irisHasDocumentedShapeAndClasses() {
        Dataset d = CsvLoader.load(DATA.resolve("iris.csv"), CsvOptions.defaults());
        assertEquals(150, d.size());
        assertEquals(4, d.numFeatures());
        assertArrayEquals(new int[] {50, 50, 50}, d.classCounts());
        assertEquals(List.of("0", "1", "2"), d.classNames());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), d.featureNames());
    }

    @Test
    void stringLabelsMapToSortedIndicesAndLabelByName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.csv");
        Files.writeString(f, "species,a,b\nversicolor,1,2\nsetosa,3,4\n\"virginica\",5,6\nsetosa,7,8\n");
        Dataset d = CsvLoader.load(f, CsvOptions.defaults().withLabelColumn("species"));
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertArrayEquals(new int[] {1, 0, 2, 0}, d.classIndices());
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals(5f, d.features().getFloat(2, 0), 0f);
    }

    @Test
    void headerlessFileWithIndexLabelAndRegression(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.csv");
        Files.writeString(f, "1.5,10,2\n-2.5,20,3\n");
        Dataset d = CsvLoader.load(f, new CsvOptions("1", CsvOptions.Header.AUTO, TaskType.REGRESSION, null));
        assertEquals(2, d.size());
        assertEquals(List.of("col0", "col2"), d.featureNames());
        assertEquals(20f, d.labels().getFloat(1, 0), 0f);
        assertEquals(3f, d.features().getFloat(1, 1), 0f);
    }

    @Test
    void rowsCopiesInGivenOrder() {
        Dataset d = CsvLoader.load(DATA.resolve("iris.csv"), CsvOptions.defaults());
        Dataset sub = d.rows(new int[] {149, 0, 50});
        assertArrayEquals(new int[] {2, 0, 1}, sub.classIndices());
        assertEquals(d.features().getFloat(149, 2), sub.features().getFloat(0, 2), 0f);
        // copy, not a view: the original is untouched
        sub.features().putScalar(0, 0, 999f);
        assertEquals(5.9f, d.features().getFloat(149, 0), 0f);
    }
}
