package org.sbi4j.simulators.benchmarks;

import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.prior.BoxUniformPrior;

/**
 * sbibm's SLCP-with-distractors task (TASKS.md §5): the 8 SLCP numbers plus 92 uninformative draws from a
 * Student-t mixture, shuffled by a fixed permutation into 100 data columns. The posterior equals the SLCP
 * posterior; the likelihood is the SLCP likelihood times the (θ-free) distractor density. The constants are
 * read from the jar once per simulator.
 */
public final class SlcpDistractorsSimulator extends BenchmarkTask implements Likelihood {
    private static final int DATA = SlcpModel.DATA + DistractorMixture.DIMENSION;

    private final DistractorMixture distractors = new DistractorMixture();
    /** Output column j holds v[source[j]], where v = (x_slcp, n). */
    private final int[] source;
    /** The output column of v[k], for k = 0..99. */
    private final int[] target;
    private final int[] distractorColumns;

    /** The task without reference data. */
    public SlcpDistractorsSimulator() {
        this(null);
    }

    /**
     * @param referenceFolder the task's reference folder ({@code .../slcp_distractors}), or {@code null}
     */
    public SlcpDistractorsSimulator(Path referenceFolder) {
        super(numberedNames("parameter", SlcpModel.PARAMETERS), numberedNames("data", DATA),
                BoxUniformPrior.cube(SlcpModel.PARAMETERS, -SlcpModel.PRIOR_BOUND, SlcpModel.PRIOR_BOUND)
                        .withNames(numberedNames("parameter", SlcpModel.PARAMETERS)),
                referenceFolder);
        CsvTable permutation = CsvTable.readResource("sbibm/slcp_distractors/permutation_idx.csv");
        double[] output = permutation.column("output_column_0based");
        double[] input = permutation.column("source_index_0based");
        source = new int[DATA];
        target = new int[DATA];
        java.util.Arrays.fill(target, -1);
        for (int i = 0; i < DATA; i++) {
            int j = (int) output[i];
            int k = (int) input[i];
            source[j] = k;
            if (target[k] >= 0) {
                throw new SbiException(ErrorType.INTERNAL_ERROR, "slcp-distractors: the permutation in the jar repeats "
                        + k);
            }
            target[k] = j;
        }
        distractorColumns = java.util.Arrays.copyOfRange(target, SlcpModel.DATA, DATA);
    }

    /** The 0-based output columns that hold the 8 SLCP numbers, in SLCP order. */
    public int[] slcpColumns() {
        return java.util.Arrays.copyOf(target, SlcpModel.DATA);
    }

    @Override
    public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
        NormalizedGaussianSampler normal = ZigguratSampler.NormalizedGaussian.of(rng);
        ContinuousSampler exponential = ZigguratSampler.Exponential.of(rng);
        double[] v = new double[DATA];
        double[] z = new double[DistractorMixture.DIMENSION];
        double[][] x = new double[theta.length][DATA];
        for (int i = 0; i < theta.length; i++) {
            checkParameters(theta[i]);
            SlcpModel.simulate(theta[i], normal, v, 0);
            distractors.sample(rng, normal, exponential, z, v, SlcpModel.DATA);
            double[] row = x[i];
            for (int j = 0; j < DATA; j++) {
                row[j] = v[source[j]];
            }
        }
        return SimulationResult.of(x);
    }

    @Override
    public double logLikelihood(double[] theta, double[] x) {
        checkParameters(theta);
        checkData(x);
        return SlcpModel.logLikelihood(theta, x, target) + distractorLogDensity(x);
    }

    /** The distractor density does not depend on θ: it is computed once per batch. */
    @Override
    public double[] logLikelihoods(double[][] theta, double[] x) {
        checkData(x);
        double distractor = distractorLogDensity(x);
        double[] out = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            checkParameters(theta[i]);
            out[i] = SlcpModel.logLikelihood(theta[i], x, target) + distractor;
        }
        return out;
    }

    private double distractorLogDensity(double[] x) {
        double[] n = new double[DistractorMixture.DIMENSION];
        for (int k = 0; k < n.length; k++) {
            n[k] = x[distractorColumns[k]];
        }
        return distractors.logDensity(n);
    }
}
