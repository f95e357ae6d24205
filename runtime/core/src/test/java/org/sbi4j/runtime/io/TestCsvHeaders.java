package org.sbi4j.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.api.SbiException;

class TestCsvHeaders {
    private static final List<String> DATA = List.of("data_1", "data_2");

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void columnsNamedInAnotherOrderAreTakenByName() throws IOException {
        assertThat(Csv.readObservation(file("swapped.csv", "data_2,data_1\n2,1\n"), DATA)).containsExactly(1, 2);
        assertThat(Csv.readObservation(file("quoted.csv", "\"data_2\",\"data_1\"\n2,1\n"), DATA)).containsExactly(1, 2);
        assertThat(Csv.readSamples(file("samples.csv", "b,a\n2,1\n4,3\n"), List.of("a", "b")))
                .isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
    }

    @Test
    void otherNamesKeepTheFileOrderWithAWarningNamingBothLists() {
        List<String> warnings = new ArrayList<>();
        double[][] rows = HeaderMatch.arrange(List.of("x", "y"), new double[][] {{1, 2}}, DATA, "observation file o.csv",
                "the simulator's data columns", warnings::add);
        assertThat(rows[0]).containsExactly(1, 2);
        assertThat(warnings).containsExactly("observation file o.csv: its header (x, y) does not name the simulator's "
                + "data columns (data_1, data_2); the values are taken in the file's order");
        List<String> none = new ArrayList<>();
        HeaderMatch.arrange(DATA, rows, DATA, "o", "k", none::add);
        HeaderMatch.arrange(List.of("data_2", "data_1"), rows, DATA, "o", "k", none::add);
        assertThat(none).isEmpty();
    }

    @Test
    void duplicateOrPartlyMatchingHeadersAreRefused() throws IOException {
        Path twice = file("twice.csv", "data_1,data_1\n1,2\n");
        assertThatThrownBy(() -> Csv.readObservation(twice, DATA)).isInstanceOf(SbiException.class)
                .hasMessageContaining("names the column 'data_1' twice")
                .hasMessageContaining("the simulator's data columns are data_1, data_2");
        Path partly = file("partly.csv", "data_1,x\n1,2\n");
        assertThatThrownBy(() -> Csv.readObservation(partly, DATA))
                .hasMessageContaining("names some of the simulator's data columns but not data_2")
                .hasMessageContaining("its header is data_1, x");
        Path samples = file("s.csv", "a,c\n1,2\n");
        assertThatThrownBy(() -> Csv.readSamples(samples, List.of("a", "b")))
                .hasMessageContaining("samples file " + samples + " names some of the model's parameters but not b");
    }

    @Test
    void byteOrderMarksAndUtf16AreReadAndUtf16WithoutAMarkIsRefused() throws IOException {
        byte[] utf8 = "data_2,data_1\n2,1\n".getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        assertThat(Csv.readObservation(Files.write(dir.resolve("bom.csv"), bom), DATA)).containsExactly(1, 2);
        Path utf16 = Files.write(dir.resolve("utf16.csv"), "data_2,data_1\r\n2,1\r\n".getBytes(StandardCharsets.UTF_16));
        assertThat(Csv.readObservation(utf16, DATA)).containsExactly(1, 2);
        Path le = Files.write(dir.resolve("le.csv"), "data_1,data_2\n1,2\n".getBytes(StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> Csv.readObservation(le, DATA))
                .hasMessageContaining("looks like UTF-16 text without a byte-order mark")
                .hasMessageContaining("Save it as UTF-8");
        Path latin = Files.write(dir.resolve("latin.csv"), "d\u00e4ta_1,data_2\n1,2\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Csv.readObservation(latin, DATA)).hasMessageContaining("is not UTF-8 text");
    }
}
