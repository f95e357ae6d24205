package org.sbi4j.simulators.benchmarks;

import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.prior.BoxUniformPrior;

/**
 * sbibm's SLCP task (simple likelihood, complex posterior; TASKS.md §5): θ ~ U(−3, 3)⁵, x = four
 * correlated bivariate normal points; the likelihood is exact, the posterior has four modes.
 */
public final class SlcpSimulator extends BenchmarkTask implements Likelihood {
    private static final int[] IDENTITY = {0, 1, 2, 3, 4, 5, 6, 7};

    /** The task without reference data. */
    public SlcpSimulator() {
        this(null);
    }

    /**
     * @param referenceFolder the task's reference folder ({@code .../slcp}), or {@code null}
     */
    public SlcpSimulator(Path referenceFolder) {
        super(numberedNames("parameter", SlcpModel.PARAMETERS), numberedNames("data", SlcpModel.DATA),
                BoxUniformPrior.cube(SlcpModel.PARAMETERS, -SlcpModel.PRIOR_BOUND, SlcpModel.PRIOR_BOUND)
                        .withNames(numberedNames("parameter", SlcpModel.PARAMETERS)),
                referenceFolder);
    }

    @Override
    public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
        NormalizedGaussianSampler normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] x = new double[theta.length][SlcpModel.DATA];
        for (int i = 0; i < theta.length; i++) {
            checkParameters(theta[i]);
            SlcpModel.simulate(theta[i], normal, x[i], 0);
        }
        return SimulationResult.of(x);
    }

    @Override
    public double logLikelihood(double[] theta, double[] x) {
        checkParameters(theta);
        checkData(x);
        return SlcpModel.logLikelihood(theta, x, IDENTITY);
    }
}
