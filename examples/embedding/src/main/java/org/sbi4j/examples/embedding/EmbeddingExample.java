package org.sbi4j.examples.embedding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.TrainedModel;
import org.sbi4j.runtime.config.ComponentSpec;
import org.sbi4j.runtime.config.RunConfig;

/**
 * A host application embedding sbi4j: builds a config in code, trains, saves, reloads and answers two
 * observations. Swapping the estimator is a change of the {@code estimator} spec only.
 */
public final class EmbeddingExample {
    private EmbeddingExample() {
    }

    /**
     * Trains on two-moons and prints posterior means for two observations.
     *
     * @param args optional: the simulation budget (default 20000)
     * @throws Exception when the model cannot be written
     */
    public static void main(String[] args) throws Exception {
        int budget = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        double[] means = run(budget);
        System.out.printf("posterior mean of |θ₁ + θ₂|: %.3f for x0 = (0, 0), %.3f for x0 = (-0.3, 0.15)%n",
                means[0], means[1]);
    }

    /**
     * Trains, saves, reloads and answers two observations.
     *
     * @param budget simulations
     * @return the posterior mean of |θ₁ + θ₂| for x₀ = (0, 0) and for x₀ = (−0.3, 0.15)
     * @throws java.io.IOException when the model cannot be written
     */
    static double[] run(int budget) throws java.io.IOException {
        Sbi4j sbi = Sbi4j.builder().build();

        RunConfig config = new RunConfig();
        config.seed = 7;
        config.simulator = new ComponentSpec("two-moons", Map.of());
        config.estimator = new ComponentSpec("rejection-abc", Map.of("keep", 100));
        config.simulation.budget = budget;

        TrainedModel model = sbi.train(config);
        Path file = Files.createTempDirectory("sbi4j-embedding").resolve("two-moons.zip");
        model.save(file);

        TrainedModel reloaded = sbi.load(file);
        List<double[]> observations = List.of(new double[] {0.0, 0.0}, new double[] {-0.3, 0.15});
        double[] means = new double[observations.size()];
        for (int k = 0; k < means.length; k++) {
            means[k] = meanAbsSum(reloaded.sample(observations.get(k), 2000, 1));
        }
        Files.deleteIfExists(file);
        return means;
    }

    static double meanAbsSum(double[][] samples) {
        double sum = 0;
        for (double[] s : samples) {
            sum += Math.abs(s[0] + s[1]);
        }
        return sum / samples.length;
    }
}
