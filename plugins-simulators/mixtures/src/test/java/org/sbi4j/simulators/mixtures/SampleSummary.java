package org.sbi4j.simulators.mixtures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.Prior;
import org.sbi4j.testing.SeededRandom;

/**
 * Per-mode masses (nearest mode centre), per-dimension means and standard deviations of a weighted sample,
 * each with its Monte Carlo standard error: for self-normalised weights w̄, SE² = Σ w̄ᵢ² ψᵢ² with ψ the
 * influence function of the statistic (the delta method); equal weights give the usual s/√n.
 */
final class SampleSummary {
    /** Visits weighted points; called twice with the same points (for the two passes). */
    interface WeightedSource {
        void forEach(WeightedVisitor visitor);
    }

    /** Receives one weighted point. */
    interface WeightedVisitor {
        void visit(double[] theta, double weight);
    }

    final double[] mass;
    final double[] massError;
    final double[] mean;
    final double[] meanError;
    final double[] sd;
    final double[] sdError;
    final double effectiveSampleSize;

    private SampleSummary(WeightedSource source, double[][] centres) {
        int modes = centres.length;
        int d = centres[0].length;
        mass = new double[modes];
        massError = new double[modes];
        mean = new double[d];
        meanError = new double[d];
        sd = new double[d];
        sdError = new double[d];
        double[] total = new double[1];
        double[] squareMoment = new double[d];
        source.forEach((theta, w) -> {
            total[0] += w;
            mass[nearest(theta, centres)] += w;
            for (int j = 0; j < d; j++) {
                mean[j] += w * theta[j];
                squareMoment[j] += w * theta[j] * theta[j];
            }
        });
        for (int k = 0; k < modes; k++) {
            mass[k] /= total[0];
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= total[0];
            sd[j] = Math.sqrt(squareMoment[j] / total[0] - mean[j] * mean[j]);
        }
        double[] squares = new double[1];
        source.forEach((theta, w) -> {
            squares[0] += w * w;
            int k0 = nearest(theta, centres);
            for (int k = 0; k < modes; k++) {
                double psi = (k == k0 ? 1 : 0) - mass[k];
                massError[k] += w * w * psi * psi;
            }
            for (int j = 0; j < d; j++) {
                double c = theta[j] - mean[j];
                meanError[j] += w * w * c * c;
                double psi = (c * c - sd[j] * sd[j]) / (2 * sd[j]);
                sdError[j] += w * w * psi * psi;
            }
        });
        for (int k = 0; k < modes; k++) {
            massError[k] = Math.sqrt(massError[k]) / total[0];
        }
        for (int j = 0; j < d; j++) {
            meanError[j] = Math.sqrt(meanError[j]) / total[0];
            sdError[j] = Math.sqrt(sdError[j]) / total[0];
        }
        effectiveSampleSize = total[0] * total[0] / squares[0];
    }

    /** Summary of equally weighted draws. */
    static SampleSummary ofDraws(double[][] draws, double[][] centres) {
        return new SampleSummary(visitor -> {
            for (double[] theta : draws) {
                visitor.visit(theta, 1);
            }
        }, centres);
    }

    /**
     * Self-normalised importance sampling from the prior: {@code draws} prior points weighted by the
     * likelihood of the observation, regenerated from the seed in chunks for each pass.
     */
    static SampleSummary ofImportanceSampling(Prior prior, Likelihood likelihood, double[] observation,
                                              double[][] centres, int draws, long seed) {
        double shift = Double.NEGATIVE_INFINITY;
        for (double[] c : centres) {
            shift = Math.max(shift, likelihood.logLikelihood(clampToPrior(prior, c), observation));
        }
        double logShift = shift;
        int chunk = 100_000;
        return new SampleSummary(visitor -> {
            UniformRandomProvider rng = SeededRandom.of(seed);
            for (int done = 0; done < draws; done += chunk) {
                double[][] theta = prior.sample(Math.min(chunk, draws - done), rng);
                double[] logWeights = likelihood.logLikelihoods(theta, observation);
                for (int i = 0; i < theta.length; i++) {
                    // weights below e^{-60} of the largest change no sum by more than draws · 1e-26
                    if (logWeights[i] - logShift > -60) {
                        visitor.visit(theta[i], Math.exp(logWeights[i] - logShift));
                    }
                }
            }
        }, centres);
    }

    private static double[] clampToPrior(Prior prior, double[] theta) {
        double[] low = prior.lowerBounds();
        double[] high = prior.upperBounds();
        double[] out = theta.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.max(low[j], Math.min(high[j], out[j]));
        }
        return out;
    }

    static int nearest(double[] theta, double[][] centres) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int k = 0; k < centres.length; k++) {
            double distance = 0;
            for (int j = 0; j < theta.length; j++) {
                double dj = theta[j] - centres[k][j];
                distance += dj * dj;
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = k;
            }
        }
        return best;
    }

    /**
     * Asserts that every statistic of the two summaries agrees within {@code sigmas} combined standard errors.
     */
    static void assertAgree(SampleSummary actual, SampleSummary expected, double sigmas) {
        for (int k = 0; k < actual.mass.length; k++) {
            assertClose("mass of mode " + k, actual.mass[k], actual.massError[k], expected.mass[k],
                    expected.massError[k], sigmas);
        }
        for (int j = 0; j < actual.mean.length; j++) {
            assertClose("mean of theta_" + (j + 1), actual.mean[j], actual.meanError[j], expected.mean[j],
                    expected.meanError[j], sigmas);
            assertClose("sd of theta_" + (j + 1), actual.sd[j], actual.sdError[j], expected.sd[j],
                    expected.sdError[j], sigmas);
        }
    }

    private static void assertClose(String what, double a, double aError, double b, double bError, double sigmas) {
        double error = Math.sqrt(aError * aError + bError * bError);
        assertThat(Math.abs(a - b)).as("%s: %s ± %s vs %s ± %s", what, a, aError, b, bError)
                .isLessThanOrEqualTo(sigmas * error + 1e-12);
    }
}
