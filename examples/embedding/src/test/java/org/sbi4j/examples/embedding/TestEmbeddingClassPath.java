package org.sbi4j.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A host that only trains and samples depends on sbi4j-core: no CLI, progress-bar, plotting or Spark library comes
 * along.
 */
class TestEmbeddingClassPath {
    @Test
    void theCoreBringsNoCommandLineProgressBarOrPlottingLibrary() {
        for (String absent : List.of("picocli.CommandLine", "me.tongfei.progressbar.ProgressBar",
                "org.knowm.xchart.XYChart", "org.sbi4j.runtime.cli.Sbi4jCli", "org.sbi4j.runtime.report.Diagnostics",
                "org.apache.spark.SparkContext", "scala.Function2", "org.sbi4j.runtime.spark.SparkBackendFactory")) {
            assertThat(present(absent)).as(absent).isFalse();
        }
        assertThat(present("org.sbi4j.runtime.Sbi4j")).isTrue();
    }

    private static boolean present(String name) {
        try {
            Class.forName(name, false, TestEmbeddingClassPath.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
