package org.sbi4j.simulators.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.ToDoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;

/**
 * Checks that a stored observation is a typical draw of the simulator at its true parameters: the
 * likelihood percentile of the observation among fresh simulations (a mid-rank p-value, uniform on (0, 1)
 * when the simulator is right) must not be tiny. A percentile near 1 only says the observation lies near
 * the mode, which is no evidence against the simulator on its own; a systematic error in the noise scale
 * shows in the mean percentile of all observations, which is checked too.
 */
final class ObservationCheck {
    private ObservationCheck() {
    }

    /**
     * The fraction of simulations at θ* whose log likelihood is below that of the observation (ties count
     * half).
     *
     * @param simulator the task (also a {@link Likelihood})
     * @param reference its reference data
     * @param number observation number
     * @param simulations how many simulations
     * @param rng randomness
     * @return the percentile in [0, 1]
     */
    static double likelihoodPercentile(Simulator simulator, ReferenceData reference, int number, int simulations,
                                       UniformRandomProvider rng) {
        double[] truth = reference.trueParameters(number);
        return percentile(simulator, truth, reference.observation(number),
                x -> ((Likelihood) simulator).logLikelihood(truth, x), simulations, rng);
    }

    /**
     * The fraction of simulations at {@code truth} whose statistic is below that of the observation (ties
     * count half).
     *
     * @param simulator the task
     * @param truth θ*
     * @param observation x₀
     * @param logLikelihoodAtTruth x ↦ log p(x | θ*), or any statistic to rank by
     * @param simulations how many simulations
     * @param rng randomness
     * @return the percentile in [0, 1]
     */
    static double percentile(Simulator simulator, double[] truth, double[] observation,
                             ToDoubleFunction<double[]> logLikelihoodAtTruth, int simulations,
                             UniformRandomProvider rng) {
        double observed = logLikelihoodAtTruth.applyAsDouble(observation);
        assertThat(observed).as("log likelihood of the observation at its true parameters").isFinite();
        double[][] theta = new double[simulations][];
        java.util.Arrays.fill(theta, truth);
        SimulationResult result = simulator.simulate(theta, rng);
        double below = 0;
        int valid = 0;
        for (int i = 0; i < simulations; i++) {
            if (!result.isValid(i)) {
                continue;
            }
            valid++;
            double ll = logLikelihoodAtTruth.applyAsDouble(result.row(i));
            if (ll < observed) {
                below += 1;
            } else if (ll == observed) {
                below += 0.5;
            }
        }
        return below / valid;
    }

    /**
     * Asserts that every listed observation is typical: each percentile is at least 0.0002 (a one-sided test
     * at level 0.0002 per observation, about 2% for the ~90 observations of all tasks together) and their mean
     * lies within 3 standard errors (√(1/12/m)) of 1/2.
     *
     * @param simulator the task
     * @param observations the observation numbers to check
     * @param simulations simulations per observation
     * @param seed seed
     * @return the percentiles
     */
    static double[] assertTypical(Simulator simulator, int[] observations, int simulations, long seed) {
        return assertTypical(simulator, observations, simulations, seed,
                truth -> x -> ((Likelihood) simulator).logLikelihood(truth, x));
    }

    /**
     * As {@link #assertTypical(Simulator, int[], int, long)}, with a faster way to evaluate the likelihood
     * at a fixed θ*.
     *
     * @param simulator the task
     * @param observations the observation numbers to check
     * @param simulations simulations per observation
     * @param seed seed
     * @param likelihoodAt θ* ↦ (x ↦ log p(x | θ*))
     * @return the percentiles
     */
    static double[] assertTypical(Simulator simulator, int[] observations, int simulations, long seed,
                                  java.util.function.Function<double[], ToDoubleFunction<double[]>> likelihoodAt) {
        ReferenceData reference = simulator.referenceData().orElseThrow();
        UniformRandomProvider rng = org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] percentiles = new double[observations.length];
        double sum = 0;
        for (int k = 0; k < observations.length; k++) {
            double[] truth = reference.trueParameters(observations[k]);
            percentiles[k] = percentile(simulator, truth, reference.observation(observations[k]),
                    likelihoodAt.apply(truth), simulations, rng);
            assertThat(percentiles[k]).as("likelihood percentile of observation %d among %d simulations at θ*",
                    observations[k], simulations).isGreaterThanOrEqualTo(0.0002);
            sum += percentiles[k];
        }
        double meanPercentile = sum / observations.length;
        System.out.println("likelihood percentiles of the observations: " + java.util.Arrays.toString(percentiles));
        double se = Math.sqrt(1.0 / 12 / observations.length);
        assertThat(meanPercentile).as("mean likelihood percentile of the observations %s",
                java.util.Arrays.toString(percentiles)).isBetween(0.5 - 3 * se, 0.5 + 3 * se);
        return percentiles;
    }

    /** The numbers 1..10. */
    static int[] allObservations() {
        return new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    }
}
