package org.sbi4j.runtime.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestBenchmarkRunner {
    @TempDir
    Path dir;

    @Test
    void parsesObservationLists() {
        assertThat(BenchmarkRunner.parseObservations("1-4")).containsExactly(1, 2, 3, 4);
        assertThat(BenchmarkRunner.parseObservations("3")).containsExactly(3);
        assertThat(BenchmarkRunner.parseObservations("1, 5,7-8")).containsExactly(1, 5, 7, 8);
        assertThatThrownBy(() -> BenchmarkRunner.parseObservations("4-2")).hasMessageContaining("range like 1-10");
        assertThatThrownBy(() -> BenchmarkRunner.parseObservations("all")).hasMessageContaining("range like 1-10");
    }

    @Test
    void publishedResultsPreferTheRerunAndMapEstimatorNames() throws IOException {
        Path csv = Files.writeString(dir.resolve("p.csv"), "source,task,algorithm,num_simulations,num_observation,C2ST,MMD\n"
                + "main_paper.csv,gaussian_mixture,NPE,1000,1,0.9,0\n"
                + "gaussian_mixture_rerun.csv,gaussian_mixture,NPE,1000,1,0.7,0\n"
                + "main_paper.csv,two_moons,REJ-ABC,1000,2,0.95,0\n");
        PublishedResults p = PublishedResults.read(csv);
        assertThat(p.c2st("gaussian_mixture", "npe", 1000, 1)).contains(0.7);
        assertThat(p.c2st("two_moons", "rejection-abc", 1000, 2)).contains(0.95);
        assertThat(p.c2st("two_moons", "rejection-abc", 1000, 3)).isEmpty();
        assertThat(p.c2st("two_moons", "unknown-method", 1000, 2)).isEmpty();
        assertThat(PublishedResults.read(dir.resolve("absent.csv")).c2st("two_moons", "npe", 1000, 1)).isEmpty();
    }
}
