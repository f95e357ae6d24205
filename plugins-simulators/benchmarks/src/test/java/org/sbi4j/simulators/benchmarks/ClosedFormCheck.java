package org.sbi4j.simulators.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.sbi4j.api.AnalyticPosterior;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.api.Simulator;

/** Checks of a closed-form posterior against the likelihood and the stored reference samples. */
final class ClosedFormCheck {
    private ClosedFormCheck() {
    }

    /**
     * Bayes' rule pointwise: log p(θ | x) − log p(θ) − log p(x | θ) must equal −log p(x), the same for every θ
     * and equal to the closed-form evidence.
     *
     * @param task the task
     * @param observation x
     * @param logEvidence the closed-form log p(x)
     * @param seed seed for the prior draws used as test points
     */
    static void assertBayesRule(Simulator task, double[] observation, double logEvidence, long seed) {
        AnalyticPosterior posterior = (AnalyticPosterior) task;
        Likelihood likelihood = (Likelihood) task;
        var prior = task.defaultPrior().orElseThrow();
        double[][] points = posterior.samplePosterior(observation, 50, PosteriorCheck.rng(seed));
        for (double[] theta : points) {
            double gap = posterior.posteriorLogDensity(theta, observation) - prior.logDensity(theta)
                    - likelihood.logLikelihood(theta, observation);
            assertThat(gap).as("log posterior − log prior − log likelihood at %s", java.util.Arrays.toString(theta))
                    .isCloseTo(-logEvidence, within(1e-9 * (1 + Math.abs(logEvidence))));
        }
    }

    /**
     * Exact posterior draws against the stored reference samples: means and sds within {@code k} Monte Carlo
     * standard errors (20,000 draws vs the 10,000 reference samples).
     *
     * @param task the task
     * @param k number of standard errors
     * @param observations observation numbers
     */
    static void assertSamplesMatchReference(Simulator task, double k, int... observations) {
        ReferenceData reference = task.referenceData().orElseThrow();
        for (int number : observations) {
            double[][] draws = ((AnalyticPosterior) task).samplePosterior(reference.observation(number), 20_000,
                    PosteriorCheck.rng(1000 + number));
            Moments.of(draws).assertAgreesWith(PosteriorCheck.reference(task, number), k, task.parameterNames());
        }
    }
}
