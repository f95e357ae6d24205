package org.sbi4j.simulators.lensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLensingEvaluation {

    /**
     * Three lenses: their floors are reduced χ² of pure noise (1 ± 0.022 each, so within 0.1); draws at the true θ
     * score exactly the floor, draws at another lens's θ score far above it; the same seed gives the same lenses.
     */
    @Test
    void floorIsTheChiSquareAtTheTruthAndScoresReadTheRunFolder(@TempDir Path dir) throws IOException {
        String floorLine = LensingEvaluation.lenses(dir.resolve("lenses"), 3, 7);
        assertThat(floorLine).startsWith("floor lenses=3 chi2-mean=");
        List<String> floors = Files.readAllLines(dir.resolve("lenses/floor.csv"));
        List<String> truth = Files.readAllLines(dir.resolve("lenses/truth.csv"));
        assertThat(truth).hasSize(4);
        for (String line : floors.subList(1, 4)) {
            assertThat(Double.parseDouble(line.split(",")[1])).isBetween(0.9, 1.1);
        }
        Path run = dir.resolve("run");
        for (int k = 1; k <= 3; k++) {
            Path obs = run.resolve("obs0" + k);
            Files.createDirectories(obs);
            List<String> rows = new ArrayList<>(List.of(truth.get(0), truth.get(k), truth.get(k)));
            if (k == 3) {
                rows.add(truth.get(1));
            }
            Files.write(obs.resolve("samples.csv"), rows);
        }
        String score = LensingEvaluation.score(dir.resolve("lenses"), run, "exact");
        assertThat(score).startsWith("exact lenses=3 chi2-mean=");
        List<String> perLens = Files.readAllLines(run.resolve("chi2.csv"));
        for (int k = 1; k <= 2; k++) {
            String[] cols = perLens.get(k).split(",");
            assertThat(Double.parseDouble(cols[1])).isCloseTo(Double.parseDouble(floors.get(k).split(",")[1]),
                    org.assertj.core.data.Offset.offset(1e-4));
            assertThat(Double.parseDouble(cols[2])).isLessThan(1e-4);
        }
        String[] third = perLens.get(3).split(",");
        assertThat(Double.parseDouble(third[1])).isGreaterThan(1.3);
        assertThat(third[4]).isEqualTo("3");

        LensingEvaluation.lenses(dir.resolve("again"), 3, 7);
        assertThat(Files.readAllLines(dir.resolve("again/truth.csv"))).isEqualTo(truth);
        assertThatThrownBy(() -> LensingEvaluation.score(dir.resolve("lenses"), dir.resolve("none"), "x"))
                .hasMessageContaining("samples.csv is missing");
    }
}
