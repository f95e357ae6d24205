package org.sbi4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.AnalyticPosterior;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Proposal;
import org.sbi4j.api.SamplingProblem;
import org.sbi4j.api.Simulator;
import org.sbi4j.runtime.ResolvedRun;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.config.ConfigFiles;
import org.sbi4j.runtime.diagnostics.Calibration;
import org.sbi4j.runtime.diagnostics.CalibrationReport;
import org.sbi4j.runtime.diagnostics.CalibrationSampler;
import org.sbi4j.runtime.diagnostics.CalibrationVerdict;
import org.sbi4j.runtime.parallel.LocalWorkerPool;
import org.sbi4j.runtime.sample.ImportanceSampler;
import org.sbi4j.runtime.sample.ImportanceWeights;
import org.sbi4j.runtime.sample.PriorTimesLikelihood;
import org.sbi4j.runtime.simulate.Seeds;

/**
 * The diagnostics on sbibm's 10-d Gaussian linear task, whose posterior is known exactly: the exact posterior
 * passes SBC, coverage and TARP; the same posterior shrunk by 2 about its mean is flagged over-confident; and
 * importance sampling with the exact posterior as proposal has efficiency 1 and the closed-form evidence.
 */
class TestCalibrationAcceptance {
    private static final Sbi4j SBI = Sbi4j.builder().homeDirectory(TestEndToEnd.ROOT).build();
    private static final ResolvedRun RUN = SBI.resolve(SBI.config(ConfigFiles.parse(
            "simulator: {type: gaussian-linear}\nestimator: {type: rejection-abc}\n", "test")));

    /** The exact posterior of the task, its spread scaled by {@code scale} about the exact mean. */
    private static Posterior exact(double scale) {
        AnalyticPosterior truth = (AnalyticPosterior) RUN.simulator();
        return new Posterior() {
            @Override
            public List<String> parameterNames() {
                return RUN.prior().parameterNames();
            }

            @Override
            public double[][] sample(double[] x, int n, UniformRandomProvider rng) {
                double[][] draws = truth.samplePosterior(x, n, rng);
                if (scale != 1) {
                    // the posterior mean of this conjugate model is x/2 (prior and noise covariances are both 0.1 I)
                    for (double[] row : draws) {
                        for (int j = 0; j < row.length; j++) {
                            row[j] = x[j] / 2 + scale * (row[j] - x[j] / 2);
                        }
                    }
                }
                return draws;
            }

            @Override
            public boolean hasLogDensity() {
                return scale == 1;
            }

            @Override
            public double[] logDensity(double[][] theta, double[] x) {
                double[] out = new double[theta.length];
                for (int i = 0; i < theta.length; i++) {
                    out[i] = truth.posteriorLogDensity(theta[i], x);
                }
                return out;
            }

            @Override
            public void save(ModelWriter out) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static CalibrationReport calibrate(Posterior posterior) {
        Prior prior = RUN.prior();
        Simulator simulator = RUN.simulator();
        return Calibration.analyze(CalibrationSampler.draw(prior, simulator, posterior, 1000, 199, 42, 2), 42);
    }

    @Test
    void theExactPosteriorIsCalibrated() {
        // the conjugate check of the sampler used below: mean x/2, sd sqrt(0.05)
        double[] x = new double[10];
        x[0] = 0.4;
        double[][] draws = exact(1).sample(x, 20_000, Seeds.random(1, "test", 0));
        double mean = 0;
        for (double[] row : draws) {
            mean += row[0] / draws.length;
        }
        assertThat(mean).isCloseTo(0.2, within(0.01));

        CalibrationReport report = calibrate(exact(1));
        // family-wise: no parameter rejects uniformity at 1% after Bonferroni over the 10 parameters (and the 2 tests)
        assertThat(java.util.Arrays.stream(report.sbc().pValues()).min().orElseThrow()).isGreaterThan(0.01 / 20);
        assertThat(report.sbc().verdicts()).containsOnly(CalibrationVerdict.CALIBRATED);
        assertThat(report.coverage().method()).isEqualTo("hpd");
        assertThat(report.coverage().verdict()).isEqualTo(CalibrationVerdict.CALIBRATED);
        assertThat(report.tarp().verdict()).isEqualTo(CalibrationVerdict.CALIBRATED);
    }

    @Test
    void aPosteriorShrunkByTwoIsFlaggedOverConfident() {
        CalibrationReport report = calibrate(exact(0.5));
        assertThat(report.sbc().verdicts()).containsOnly(CalibrationVerdict.OVER_CONFIDENT);
        assertThat(report.sbc().sentences()).allSatisfy(s -> assertThat(s).contains("over-confident"));
        assertThat(report.coverage().verdict()).isEqualTo(CalibrationVerdict.OVER_CONFIDENT);
        assertThat(report.tarp().verdict()).isEqualTo(CalibrationVerdict.OVER_CONFIDENT);
    }

    @Test
    void importanceSamplingWithThePerfectProposalHasEfficiencyOneAndTheExactEvidence() {
        double[] x0 = RUN.simulator().referenceData().orElseThrow().observation(1);
        SamplingProblem problem = new SamplingProblem(new PriorTimesLikelihood(RUN.prior(),
                (Likelihood) RUN.simulator(), x0, LocalWorkerPool.shared(), 2), RUN.prior(), Proposal.of(exact(1), x0), 2);
        ImportanceWeights w = new ImportanceSampler(10_000, 10_000).weigh(problem, 10_000, Seeds.random(7, "test", 0));
        assertThat(w.sampleEfficiency()).isCloseTo(1.0, within(1e-9));
        // closed form: x ~ N(0, (0.1 + 0.1) I) in 10 dimensions
        double logEvidence = 0;
        for (double v : x0) {
            logEvidence += -0.5 * Math.log(2 * Math.PI * 0.2) - v * v / (2 * 0.2);
        }
        assertThat(w.logEvidence()).isCloseTo(logEvidence, within(1e-6));
        assertThat(Math.abs(w.logEvidence() - logEvidence)).isLessThanOrEqualTo(Math.max(w.logEvidenceStandardError(),
                1e-6));
    }
}
