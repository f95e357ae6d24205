package org.sbi4j.simulators.lotkavolterra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sbi4j.testing.SeededRandom;

/**
 * The simulator against the stored sbibm observations (read from {@code ../../data/sbibm} relative to the
 * module; skipped when absent): the data are consistent with the model at the true parameters, and the
 * likelihood there is far higher than at prior draws.
 */
class TestLotkaVolterraSbibmObservations {
    private static final Path DATA = Path.of("../../data/sbibm/lotka_volterra");

    private static double[] readRow(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] cells = lines.get(1).split(",");
        double[] row = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = Double.parseDouble(cells[i].trim());
        }
        return row;
    }

    @Test
    void likelihoodAtTrueParametersIsFarAbovePriorDraws() throws IOException {
        Path obs = DATA.resolve("obs01");
        assumeTrue(Files.isDirectory(obs), "sbibm data not found at " + obs.toAbsolutePath());
        double[] x = readRow(obs.resolve("observation.csv"));
        double[] truth = readRow(obs.resolve("true_parameters.csv"));
        LotkaVolterraOdeSimulator simulator = new LotkaVolterraOdeSimulator();
        double atTruth = simulator.logLikelihood(truth, x);
        double[][] draws = simulator.defaultPrior().orElseThrow().sample(1000, SeededRandom.of(77));
        double best = Double.NEGATIVE_INFINITY;
        for (double v : simulator.logLikelihoods(draws, x)) {
            best = Math.max(best, v);
        }
        System.out.printf("log likelihood at θ*: %.2f, best of 1000 prior draws: %.2f%n", atTruth, best);
        assertThat(atTruth).isFinite();
        assertThat(atTruth).isGreaterThan(best + 20);
    }

    @Test
    void observationsAreConsistentWithTheModelAtTheirTrueParameters() throws IOException {
        assumeTrue(Files.isDirectory(DATA.resolve("obs10")), "sbibm data not found at " + DATA.toAbsolutePath());
        LotkaVolterraOdeSimulator simulator = new LotkaVolterraOdeSimulator();
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int o = 1; o <= 10; o++) {
            Path dir = DATA.resolve(String.format("obs%02d", o));
            double[] x = readRow(dir.resolve("observation.csv"));
            double[] u = simulator.solveOde(readRow(dir.resolve("true_parameters.csv")));
            for (int m = 0; m < x.length; m++) {
                double z = (Math.log(x[m]) - Math.log(Math.min(Math.max(u[m], 1e-10), 1e4))) / 0.1;
                sum += z;
                sumSq += z * z;
                n++;
            }
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        System.out.printf("standardised residuals over %d entries: mean %.3f, sd %.3f%n", n, mean, sd);
        // 200 standard normals: the mean has standard error 0.07, the sd about 0.05; a wrong grid, order or
        // noise level gives residuals of order 10
        assertThat(mean).isBetween(-0.3, 0.3);
        assertThat(sd).isBetween(0.8, 1.25);
    }
}
