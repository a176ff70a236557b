package org.regstudy.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.regstudy.common.BadInputException;

/** Every error case of issue 3: the message is one line "FILE:LINE:COL: ..." quoting the value. */
class CsvErrorsTest {
    @TempDir
    static Path dir;

    static CsvOptions cls() {
        return CsvOptions.defaults();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, content (null = no file), options, line, column, expected fragment
                Arguments.of("missing file", null, cls(), 1, 1, "no such file"),
                Arguments.of("empty file", "", cls(), 1, 1, "file is empty"),
                Arguments.of("header only", "a,b,label\n", cls(), 2, 1, "header only"),
                // line 3 "1,2" has 2 fields; its last field "2" starts at column 3
                Arguments.of("too few fields", "a,b,label\n1,2,0\n1,2\n", cls(), 3, 3, "expected 3 fields"),
                // line 2 "1,2,0,9": the surplus 4th field starts at column 7
                Arguments.of("too many fields", "a,b,label\n1,2,0,9\n", cls(), 2, 7, "but found 4"),
                // "1,x7,0": the field x7 starts at column 3
                Arguments.of("non-numeric value", "a,b,label\n1,2,0\n1,x7,1\n", cls(), 3, 3, "'x7'"),
                Arguments.of("empty value", "a,b,label\n1,,0\n", cls(), 2, 3, "empty value for feature 'b'"),
                Arguments.of("NaN", "a,b,label\n1,2,0\nNaN,2,1\n", cls(), 3, 1, "not a finite number for feature 'a': 'NaN'"),
                Arguments.of("infinite", "a,b,label\n1,2,0\n1,-Infinity,1\n", cls(), 3, 3, "'-Infinity'"),
                Arguments.of("beyond float range", "a,b,label\n1,1e39,0\n", cls(), 2, 3, "'1e39'"),
                // feature names that are numbers: the header passed for data and 'label' became a class
                Arguments.of("a header of numbers", "2019,2020,label\n1,2,0\n3,4,1\n", cls(), 1, 1,
                        "line 1 looks like a header with numbers for column names: its label 'label' is text"),
                // "1,2,1.5": the label starts at column 5
                Arguments.of("label not an integer", "a,b,label\n1,2,0\n1,2,1.5\n", cls(), 3, 5, "not an integer class index: '1.5'"),
                // 1.00000001 is 1.0 in float32: it was read as class 1
                Arguments.of("label an integer only in float32", "a,b,label\n1,2,0\n1,2,1.00000001\n", cls(), 3, 5,
                        "not an integer class index: '1.00000001'"),
                Arguments.of("label a word after numbers", "a,b,label\n1,2,0\n1,2,cat\n", cls(), 3, 5, "'cat'"),
                // "18-25" has only a number's characters but is text: a class, not a malformed number
                // a typo in a headerless first row: it would have become the column names
                Arguments.of("malformed number in line 1", "0.5,2..5,0\n1.5,2.5,1\n0.7,2.1,0\n", cls(), 1, 5,
                        "line 1 mixes numbers with '2..5', neither a number nor plainly a column name; say header:"
                        + " present (--header)"),
                Arguments.of("label a range after numbers", "a,b,label\n1,2,0\n1,2,18-25\n", cls(), 3, 5,
                        "label is not an integer class index: '18-25' (the first row's label was a number"),
                Arguments.of("label negative", "a,b,label\n1,2,0\n1,2,-1\n", cls(), 3, 5, "label out of range: '-1'"),
                Arguments.of("label beyond numClasses", "a,b,label\n1,2,0\n1,2,3\n", cls().withNumClasses(3), 3, 5,
                        "label out of range: '3'"),
                Arguments.of("only one class", "a,b,label\n1,2,1\n3,4,1\n", cls(), 2, 5, "only one class ('1')"),
                Arguments.of("only one string class", "a,b,label\n1,2,cat\n3,4,cat\n", cls(), 2, 5, "only one class ('cat')"),
                Arguments.of("regression target not a number", "a,b,y\n1,2,0.5\n1,2,?\n", cls().withTask(TaskType.REGRESSION), 3, 5,
                        "target 'y'"),
                Arguments.of("unknown label column", "a,b,label\n1,2,0\n", cls().withLabelColumn("kind"), 1, 1, "no column named 'kind'"),
                Arguments.of("label index out of range", "a,b,label\n1,2,0\n", cls().withLabelColumn("7"), 1, 1, "index 7 out of range"),
                Arguments.of("blank line inside", "a,b,label\n1,2,0\n\n1,2,1\n", cls(), 3, 1, "blank line"),
                Arguments.of("unterminated quote", "a,b,label\n1,\"2,0\n", cls(), 2, 3, "unterminated"),
                Arguments.of("single column", "label\n0\n1\n", cls(), 1, 1, "at least one feature column"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void errorNamesFileLineAndColumn(String name, String content, CsvOptions options, int line, int col, String fragment)
            throws Exception {
        Path file = dir.resolve(name.replace(' ', '_') + ".csv");
        if (content != null) {
            Files.writeString(file, content);
        }
        BadInputException e = assertThrows(BadInputException.class, () -> CsvLoader.load(file, options));
        String msg = e.getMessage();
        String prefix = file + ":" + line + ":" + col + ": ";
        assertTrue(msg.startsWith(prefix), () -> "expected prefix '" + prefix + "' in: " + msg);
        assertTrue(msg.contains(fragment), () -> "expected '" + fragment + "' in: " + msg);
        assertFalse(msg.contains("\n") || msg.contains("\r"), "one line");
    }

    @ParameterizedTest(name = "valid: {0}")
    @MethodSource("valid")
    void nearMissesStillLoad(String name, String content, int rows) throws Exception {
        Path file = dir.resolve("ok_" + name.replace(' ', '_') + ".csv");
        Files.writeString(file, content);
        assertEquals(rows, CsvLoader.load(file, CsvOptions.defaults()).size());
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("trailing blank lines", "a,b,label\n1,2,0\n3,4,1\n\n\n", 2),
                Arguments.of("byte order mark and CRLF", "\uFEFFa,b,label\r\n1,2,0\r\n3,4,1\r\n", 2),
                Arguments.of("spaces, quotes, exponent", "a,b,label\n 1 ,\"2.5e-1\",0\n3,+4,1.0\n", 2),
                Arguments.of("no header", "1,2,0\n3,4,1\n", 2),
                // column names and classes made of a number's characters that are not numbers
                Arguments.of("header of letter-digit names", "E1,E2,label\n1,2,0\n3,4,1\n", 2),
                Arguments.of("header of year-month names", "2019-01,2019-02,label\n1,2,0\n3,4,1\n", 2),
                Arguments.of("classes that are ranges", "a,b,age\n1,2,18-25\n3,4,26-35\n5,6,18-25\n", 3));
    }

    @org.junit.jupiter.api.Test
    void namesAndClassesMadeOfANumbersCharactersAreText() throws Exception {
        Path file = dir.resolve("ranges.csv");
        Files.writeString(file, "E1,2019-01,age\n1,2,18-25\n3,4,26-35\n5,6,18-25\n");
        Dataset data = CsvLoader.load(file, CsvOptions.defaults());
        assertEquals(java.util.List.of("E1", "2019-01"), data.featureNames());
        assertEquals(java.util.List.of("18-25", "26-35"), data.classNames());
    }
}
