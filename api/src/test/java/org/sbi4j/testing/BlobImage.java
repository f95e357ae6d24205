package org.sbi4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.prior.BoxUniformPrior;
import org.sbi4j.api.prior.Gaussian;

/**
 * A small image simulator for tests of image embeddings: θ = (u, v) uniform on [0, 1]² places a Gaussian blob
 * (width 0.15, peak 1) on a {@code side × side} image (pixel centres at ((j + ½)/side, (i + ½)/side)), plus
 * noise of sd 0.1; x is the image row by row. The blob's position is well identified, so a posterior of the
 * image should concentrate far below the prior's sd of 0.29 per coordinate.
 */
public final class BlobImage implements Simulator {
    private static final double WIDTH = 0.15;
    private static final double NOISE = 0.1;
    private final int side;
    private final Prior prior = BoxUniformPrior.cube(2, 0, 1).withNames(List.of("u", "v"));

    /** @param side image height and width in pixels */
    public BlobImage(int side) {
        this.side = side;
    }

    @Override
    public List<String> parameterNames() {
        return prior.parameterNames();
    }

    @Override
    public List<String> dataNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < side * side; i++) {
            names.add("p" + i);
        }
        return names;
    }

    @Override
    public Optional<Prior> defaultPrior() {
        return Optional.of(prior);
    }

    /**
     * The noise-free image.
     *
     * @param theta (u, v)
     * @return side² pixels, row by row
     */
    public double[] image(double[] theta) {
        double[] x = new double[side * side];
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                double du = (j + 0.5) / side - theta[0];
                double dv = (i + 0.5) / side - theta[1];
                x[i * side + j] = Math.exp(-(du * du + dv * dv) / (2 * WIDTH * WIDTH));
            }
        }
        return x;
    }

    @Override
    public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
        double[][] x = new double[theta.length][];
        for (int r = 0; r < theta.length; r++) {
            x[r] = image(theta[r]);
            for (int k = 0; k < x[r].length; k++) {
                x[r][k] += NOISE * Gaussian.next(rng);
            }
        }
        return SimulationResult.of(x);
    }

    /**
     * Asserts that a posterior of this simulator's images finds the blob: for each true position, one image
     * simulated at seed {@code 40 + k}, and {@code draws} posterior draws at seed {@code 50 + k} have means within
     * 0.08 of the truth and sds below a third of the prior's 0.29 per coordinate.
     *
     * @param posterior the posterior to check
     * @param truths true positions (u, v)
     * @param draws posterior draws per position
     */
    public void assertLocates(Posterior posterior, double[][] truths, int draws) {
        for (int k = 0; k < truths.length; k++) {
            double[] x0 = simulate(new double[][] {truths[k]}, SeededRandom.of(40 + k)).data()[0];
            double[][] sample = posterior.sample(x0, draws, SeededRandom.of(50 + k));
            for (int j = 0; j < 2; j++) {
                double mean = 0;
                double sq = 0;
                for (double[] d : sample) {
                    mean += d[j];
                    sq += d[j] * d[j];
                }
                mean /= sample.length;
                double sd = Math.sqrt(sq / sample.length - mean * mean);
                assertThat(Math.abs(mean - truths[k][j])).as("position %d coordinate %d", k, j).isLessThan(0.08);
                assertThat(sd).as("position %d coordinate %d sd", k, j).isLessThan(0.29 / 3);
            }
        }
    }
}
