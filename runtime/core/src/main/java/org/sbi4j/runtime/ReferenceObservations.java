package org.sbi4j.runtime;

import org.sbi4j.api.AnalyticPosterior;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulator;
import org.sbi4j.runtime.simulate.Seeds;

/**
 * What is known about the true posterior of an observation: a benchmark task's stored reference samples and true
 * parameters, or exact draws when the simulator has a closed-form posterior under its own prior.
 */
public final class ReferenceObservations {
    private ReferenceObservations() {
    }

    /**
     * The simulator's reference observation {@code number}, with its reference posterior samples and true parameters.
     *
     * @param model the trained model
     * @param number the observation's number, from 1
     * @return the observation, named {@code refNN}
     */
    public static ObservationInput reference(TrainedModel model, int number) {
        ReferenceData ref = model.simulator().referenceData().orElseThrow(() -> SbiException.userError("simulator '"
                + model.manifest().simulator().name() + "' has no reference observations (only benchmark tasks "
                + "whose data folder is present have them); give an observation file instead"));
        if (number < 1 || number > ref.observationCount()) {
            throw SbiException.userError("reference observation " + number + " does not exist; simulator '"
                    + model.manifest().simulator().name() + "' has reference observations 1 to " + ref.observationCount());
        }
        return attach(model, ObservationInput.of(String.format("ref%02d", number), ref.observation(number)),
                number, Integer.MAX_VALUE, 0);
    }

    /**
     * Attaches the reference of an observation when one is known.
     *
     * @param model the trained model
     * @param input the observation
     * @param referenceNumber the simulator's reference observation it is, or 0
     * @param points the most exact draws
     * @param seed the seed of exact draws
     * @return the observation with its reference, or as it was
     */
    public static ObservationInput attach(TrainedModel model, ObservationInput input, int referenceNumber, int points,
                                          long seed) {
        Simulator simulator = model.simulator();
        if (referenceNumber > 0 && simulator.referenceData().isPresent()) {
            ReferenceData ref = simulator.referenceData().get();
            return input.withReference(ref.referenceSamples(referenceNumber), "reference posterior samples",
                    ref.trueParameters(referenceNumber));
        }
        boolean ownPrior = "default".equals(model.manifest().prior().name());
        if (simulator instanceof AnalyticPosterior exact && ownPrior) {
            int n = Math.min(points, 10_000);
            return input.withReference(exact.samplePosterior(input.values(), n,
                    Seeds.random(seed, "exact-posterior", 0)), "exact posterior", null);
        }
        return input;
    }
}
