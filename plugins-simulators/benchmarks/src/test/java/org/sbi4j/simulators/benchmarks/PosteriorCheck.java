package org.sbi4j.simulators.benchmarks;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.Prior;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.api.Simulator;

/** Estimates of a task's posterior to compare with the stored reference samples. */
final class PosteriorCheck {
    private PosteriorCheck() {
    }

    /** A seeded generator for the checks. */
    static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /**
     * Moments of the stored reference samples of one observation.
     *
     * @param task the task (with reference data)
     * @param number observation number
     * @return the moments (iid standard errors)
     */
    static Moments reference(Simulator task, int number) {
        return Moments.of(task.referenceData().orElseThrow().referenceSamples(number));
    }

    /**
     * Self-normalised importance sampling of prior × likelihood with draws from a proposal.
     *
     * @param task the task, a {@link Likelihood}, whose default prior is the target's prior
     * @param proposal where the draws come from (the prior itself or something wider)
     * @param observation x₀
     * @param draws number of proposal draws
     * @param seed seed
     * @return the weighted moments
     */
    static Moments importance(Simulator task, Prior proposal, double[] observation, int draws, long seed) {
        Prior prior = task.defaultPrior().orElseThrow();
        Likelihood likelihood = (Likelihood) task;
        double[][] theta = proposal.sample(draws, rng(seed));
        double[] logLikelihood = likelihood.logLikelihoods(theta, observation);
        double[] logWeights = new double[draws];
        for (int i = 0; i < draws; i++) {
            double lp = prior.logDensity(theta[i]);
            logWeights[i] = lp == Double.NEGATIVE_INFINITY ? lp
                    : lp + logLikelihood[i] - (proposal == prior ? lp : proposal.logDensity(theta[i]));
        }
        return Moments.weighted(theta, logWeights);
    }

    /**
     * Prior × likelihood, by importance sampling from the prior, against the reference samples.
     *
     * @param task the task
     * @param number observation number
     * @param draws prior draws
     * @param seed seed
     * @param minimumEss smallest acceptable effective sample size of the weights
     */
    static void assertImportanceFromPriorMatchesReference(Simulator task, int number, int draws, long seed,
                                                          double minimumEss) {
        assertImportanceMatchesReference(task, task.defaultPrior().orElseThrow(), number, draws, seed, minimumEss);
    }

    /**
     * A defensive proposal: 80% a Gaussian (in log θ when {@code logScale}) fitted to the reference samples
     * and widened, 20% the prior.
     *
     * @param task the task
     * @param number observation number
     * @param widen factor on the standard deviations
     * @param logScale whether to fit in log θ (positive parameters)
     * @return the proposal
     */
    static Prior fittedProposal(Simulator task, int number, double widen, boolean logScale) {
        return new MixtureProposal(task.defaultPrior().orElseThrow(),
                task.referenceData().orElseThrow().referenceSamples(number), theta -> 0, 1, widen, logScale);
    }

    /**
     * Prior × likelihood, by importance sampling from {@code proposal}, against the reference samples: every
     * mean and sd within 3 combined Monte Carlo standard errors.
     *
     * @param task the task
     * @param proposal the proposal
     * @param number observation number
     * @param draws proposal draws
     * @param seed seed
     * @param minimumEss smallest acceptable effective sample size of the weights
     */
    static void assertImportanceMatchesReference(Simulator task, Prior proposal, int number, int draws, long seed,
                                                 double minimumEss) {
        ReferenceData reference = task.referenceData().orElseThrow();
        Moments importance = importance(task, proposal, reference.observation(number), draws, seed);
        org.assertj.core.api.Assertions.assertThat(importance.effectiveSampleSize()).isGreaterThan(minimumEss);
        importance.assertAgreesWith(reference(task, number), 3, task.parameterNames());
    }
}
