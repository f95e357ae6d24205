package org.sbi4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.config.ConfigFiles;
import org.sbi4j.runtime.config.RunConfig;

/**
 * Posteriors known only up to a constant ({@code Posterior.needsSampler()}), here the exact-likelihood posterior of
 * the test simulator x = θ + N(0, 0.5²) with θ ~ N(0, I₂): the posterior of m i.i.d. observations is
 * N(4 Σx / (1 + 4m), 1 / (1 + 4m)).
 */
class TestUnnormalisedPosteriors {
    private static final String LIKELIHOOD = "seed: 3\nsimulator: {type: linear-gaussian, noise: 0.5}\n"
            + "estimator: {type: likelihood}\n";

    @TempDir
    Path dir;

    private final Sbi4j sbi = Sbi4j.builder().build();

    private RunConfig config(String yaml) {
        return sbi.config(ConfigFiles.parse(yaml, "test"));
    }

    private static double[] mean(double[][] draws) {
        double[] m = new double[draws[0].length];
        for (double[] d : draws) {
            for (int j = 0; j < m.length; j++) {
                m[j] += d[j] / draws.length;
            }
        }
        return m;
    }

    @Test
    void directMeansTheDefaultSamplerOnTheOwnDensity() {
        TrainedModel model = sbi.train(config(LIKELIHOOD));
        // the test simulator's likelihood has no gradient: slice, not nuts
        assertThat(model.refinement()).isEqualTo("slice");
        double[] x = {1.0, -0.5};
        double[][] draws = model.sample(x, 4000, 5);
        double[] m = mean(draws);
        double sd = Math.sqrt(0.2);
        assertThat(Math.abs(m[0] - 0.8) / sd).isLessThan(0.1);
        assertThat(Math.abs(m[1] + 0.4) / sd).isLessThan(0.1);
        assertThat(model.sample(x, 500, 5)).as("same seed, same draws").isDeepEqualTo(model.sample(x, 500, 5));
        // ceil(n / 100) chains, 4 to 100
        assertThat(model.draw(x, 4000, 5).sampling().statistics()).containsEntry("chains", 40.0);
        assertThat(model.draw(x, 199, 5).sampling().statistics()).containsEntry("chains", 4.0);
        assertThat(model.draw(x, 20_000, 5).sampling().statistics()).containsEntry("chains", 100.0);
    }

    @Test
    void anIidSetAddsTheLogRatios() {
        TrainedModel model = sbi.train(config(LIKELIHOOD));
        double[][] set = {{1.0, -0.5}, {0.6, 0.1}, {1.4, -0.2}};
        double[] m = mean(model.draw(set, 4000, 7).samples());
        double sd = Math.sqrt(1.0 / 13);
        assertThat(Math.abs(m[0] - 4 * 3.0 / 13) / sd).isLessThan(0.1);
        assertThat(Math.abs(m[1] - 4 * -0.6 / 13) / sd).isLessThan(0.1);
    }

    @Test
    void anIidFileIsOneSetAndADirectPosteriorRefusesIt() throws Exception {
        Path file = dir.resolve("set.csv");
        Files.writeString(file, "x1,x2\n1.0,-0.5\n0.6,0.1\n1.4,-0.2\n");
        RunConfig config = config(LIKELIHOOD + "observations: [{file: " + file + ", iid: true}]\n");
        ResolvedRun run = sbi.resolve(config);
        assertThat(run.observations()).hasSize(1);
        assertThat(run.observations().get(0).set()).hasNumberOfRows(3);
        TrainedModel regression = sbi.train(config("seed: 3\nsimulator: {type: linear-gaussian, noise: 0.5}\n"
                + "estimator: {type: linear-regression}\nsimulation: {budget: 500, batch-size: 250}\n"));
        assertThatThrownBy(() -> regression.draw(run.observations().get(0).set(), 100, 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("i.i.d. set of 3 observations")
                .hasMessageContaining("nre").hasMessageContaining("drop iid: true");
        assertThatThrownBy(() -> sbi.resolve(config(LIKELIHOOD + "observations: [{values: [1, 2], iid: true}]\n")))
                .isInstanceOf(SbiException.class).hasMessageContaining("give the rows in a CSV file");
    }

    @Test
    void aGradientSamplerWithoutAGradientIsRefusedWithTheFix() {
        assertThatThrownBy(() -> sbi.train(config(LIKELIHOOD + "sampler: {type: nuts}\n")))
                .isInstanceOf(SbiException.class).hasMessageContaining("needs the gradient")
                .hasMessageContaining("metropolis-hastings or slice");
    }
}
