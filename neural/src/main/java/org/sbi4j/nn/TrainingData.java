package org.sbi4j.nn;

import java.util.List;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.TrainingListener;

/**
 * A neural estimator's training data, prepared the same way for npe and fmpe: the valid simulations (at least
 * 2), θ moved inside the open support of the {@link ThetaBijection} the settings choose, and x after the
 * {@code log-data} {@link DataTransform}.
 *
 * @param simulations the simulations as handed over
 * @param prior the prior
 * @param dataNames the simulator's data names
 * @param bijection θ → the network's unconstrained coordinates
 * @param theta training θ (inside the bijection's support)
 * @param dataTransform the log of data columns
 * @param x training x (after the transform)
 */
public record TrainingData(Simulations simulations, Prior prior, List<String> dataNames, ThetaBijection bijection,
                           double[][] theta, DataTransform dataTransform, double[][] x) {

    /**
     * Prepares the data.
     *
     * @param problem the inference problem (with simulations)
     * @param estimator the estimator's name, for messages
     * @param transformTheta the {@code transform-theta} setting
     * @param transformIntervals the {@code transform-intervals} setting
     * @param logData the {@code log-data} setting
     * @param listener where messages go
     * @return the data
     */
    public static TrainingData prepare(InferenceProblem problem, String estimator, boolean transformTheta,
                                       boolean transformIntervals, DataTransform.Mode logData,
                                       TrainingListener listener) {
        Simulations simulations = FitReport.trainingSimulations(problem, estimator);
        Prior prior = problem.prior();
        List<String> dataNames = problem.simulator().dataNames();
        ThetaBijection bijection = SupportTruncation.bijectionFor(prior, transformTheta, transformIntervals);
        double[][] theta = SupportTruncation.insideOpenSupport(simulations.theta(), bijection, prior);
        DataTransform dataTransform = DataTransform.forTraining(simulations.data(), dataNames.size(), logData,
                estimator, listener);
        return new TrainingData(simulations, prior, dataNames, bijection, theta, dataTransform,
                dataTransform.apply(simulations.data()));
    }
}
