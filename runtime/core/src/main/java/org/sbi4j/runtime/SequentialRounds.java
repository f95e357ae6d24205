package org.sbi4j.runtime;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Capability;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulations;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.config.TruncationSpec;
import org.sbi4j.runtime.sample.SampledPosterior;
import org.sbi4j.runtime.simulate.Seeds;
import org.sbi4j.runtime.store.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sequential rounds by the truncated-prior scheme (Deistler et al. 2022, "Truncated proposals for scalable and
 * hassle-free simulation-based inference"), for any estimator that trains on simulations. Round 1 is the ordinary
 * training on the prior's share of the budget. Each later round estimates the highest-density level of the current
 * posterior for x₀ (the {@code epsilon}-quantile of log q(θ | x₀) over draws of q; for a posterior known up to a
 * constant the same quantile of its unnormalised density, which is monotone in the normalised one), draws its share
 * of θ from the prior by rejection, keeping those above the level, simulates them through {@link
 * org.sbi4j.api.FitContext#simulate}, and fits the estimator again, from scratch, on every simulation so far with its
 * plain loss. The prior truncated to a region that holds the posterior's mass leaves the posterior unchanged, so no
 * correction is needed, for posterior, ratio and likelihood estimators alike; the result answers x₀ only.
 */
final class SequentialRounds {
    private static final Logger LOG = LoggerFactory.getLogger(SequentialRounds.class);
    /** Prior draws whose density is evaluated at once during the rejection. */
    private static final int CHUNK = 10_000;

    private final ResolvedRun run;
    private final Refinement refinement;
    private final RunContext context;
    private final double[] observation;

    /** Fits the run's estimator on a bank. */
    @FunctionalInterface
    interface Fit {
        Posterior fit(ResolvedRun run, Simulations simulations, RunContext context);
    }

    /**
     * The result of the rounds.
     *
     * @param posterior the posterior of the last round
     * @param simulations every valid simulation of every round
     * @param statistics the simulations of all rounds together
     * @param fitSeconds wall time of all fits together
     * @param record what the model file records
     */
    record Outcome(Posterior posterior, Simulations simulations, Manifest.SimulationStatistics statistics,
                   double fitSeconds, Manifest.Sequential record) {
    }

    SequentialRounds(ResolvedRun run, Refinement refinement, RunContext context, double[] observation) {
        this.run = requireNonNull(run, "run is null");
        this.refinement = requireNonNull(refinement, "refinement is null");
        this.context = requireNonNull(context, "context is null");
        this.observation = requireNonNull(observation, "observation is null");
    }

    /**
     * Round {@code r}'s share of the budget: equal shares, the first {@code budget mod rounds} rounds one more.
     *
     * @param budget the whole simulation budget
     * @param rounds the number of rounds
     * @param round the round, from 1
     * @return its simulations
     */
    static int share(int budget, int rounds, int round) {
        return budget / rounds + (round <= budget % rounds ? 1 : 0);
    }

    /**
     * The one observation a sequential run trains for, checked before any simulation: refuses a run with no
     * observation, with several, with an i.i.d. set, with an estimator that uses no simulations, or whose first
     * round is below the estimator's minimum.
     *
     * @param run the resolved run, with {@code rounds} above 1
     * @return x₀
     */
    static double[] observation(ResolvedRun run) {
        RunConfig config = run.config();
        String why = "rounds = " + config.rounds + " trains a posterior for one observation (each round simulates "
                + "where the posterior of that observation lies), ";
        if (!run.estimator().requirements().contains(Capability.SIMULATIONS)) {
            throw SbiException.userError(why + "but estimator '" + config.estimator.type() + "' trains on no "
                    + "simulations; remove rounds (or set rounds: 1)");
        }
        List<ResolvedRun.NamedObservation> observations = run.observations();
        if (observations.size() != 1) {
            throw SbiException.userError(why + "and the config gives " + observations.size() + " observations; give "
                    + "exactly one under observations: (one config, or --set, per observation: each trains its own "
                    + "model), or set rounds: 1 for an amortised posterior that answers any observation");
        }
        ResolvedRun.NamedObservation only = observations.get(0);
        if (only.isSet()) {
            throw SbiException.userError(why + "but observation '" + only.name() + "' is a set of "
                    + only.set().length + " i.i.d. rows; sequential rounds take a single observation row, so give "
                    + "one row or set rounds: 1");
        }
        int first = share(config.simulation.budget, config.rounds, 1);
        int last = share(config.simulation.budget, config.rounds, config.rounds);
        int minimum = run.estimator().minimumSimulations();
        if (last < minimum) {
            throw SbiException.userError("simulation.budget = " + config.simulation.budget + " split over rounds = "
                    + config.rounds + " gives " + last + " simulations to a round, below the " + minimum
                    + " estimator '" + config.estimator.type() + "' needs to train; raise simulation.budget to at "
                    + "least " + (long) minimum * config.rounds + " or use fewer rounds");
        }
        assert first >= last;
        return only.values().clone();
    }

    /**
     * Runs rounds 2 to R after the first fit.
     *
     * @param first the posterior fitted in round 1
     * @param bank round 1's simulations
     * @param firstStats round 1's simulation statistics
     * @param firstFitSeconds round 1's fit time
     * @param fit how the estimator is fitted
     * @return the last round's posterior with everything it was trained on
     */
    Outcome continueFrom(Posterior first, Simulations bank, Manifest.SimulationStatistics firstStats,
                         double firstFitSeconds, Fit fit) {
        RunConfig config = run.config();
        TruncationSpec truncation = config.truncation;
        List<Manifest.Round> rounds = new ArrayList<>();
        rounds.add(new Manifest.Round(1, (int) firstStats.requested(), (int) firstStats.valid(), null, 1.0,
                bank.size(), firstFitSeconds));
        Posterior posterior = first;
        Simulations all = bank;
        long requested = firstStats.requested();
        long invalid = firstStats.invalid();
        double simSeconds = firstStats.seconds();
        double fitSeconds = firstFitSeconds;
        for (int r = 2; r <= config.rounds; r++) {
            Phases.enter("round:" + r);
            int n = share(config.simulation.budget, config.rounds, r);
            requireDensity(posterior);
            long start = System.nanoTime();
            double threshold = threshold(posterior, truncation, r);
            Rejection accepted = reject(posterior, threshold, n, truncation, r);
            LOG.info("round {} of {}: {} simulations from the prior truncated to the posterior's {} highest-density "
                            + "region (log q ≥ {}, {} of {} prior draws accepted)", r, config.rounds, n,
                    1 - truncation.epsilon, String.format("%.4g", threshold), n, accepted.candidates());
            SimulationResult result = context.simulate("truncated-round-" + r, accepted.theta());
            all = append(all, accepted.theta(), result);
            int valid = result.size() - result.invalidCount();
            simSeconds += (System.nanoTime() - start) / 1e9;
            requested += n;
            invalid += result.invalidCount();
            if (valid < n) {
                LOG.warn("round {}: {} of {} simulations failed or returned NaN/∞ and were dropped", r, n - valid, n);
            }
            LOG.info("round {} of {}: training on {} simulations", r, config.rounds, all.size());
            long fitStart = System.nanoTime();
            posterior = fit.fit(run, all, context);
            double seconds = (System.nanoTime() - fitStart) / 1e9;
            fitSeconds += seconds;
            rounds.add(new Manifest.Round(r, n, valid, threshold, (double) n / accepted.candidates(), all.size(),
                    seconds));
        }
        return new Outcome(posterior, all, new Manifest.SimulationStatistics(requested, all.size(), invalid,
                simSeconds), fitSeconds, new Manifest.Sequential(observation.clone(), truncation.epsilon,
                List.copyOf(rounds)));
    }

    private void requireDensity(Posterior posterior) {
        if (!posterior.hasLogDensity()) {
            throw SbiException.userError("rounds = " + run.config().rounds + " truncates the prior to the posterior's "
                    + "highest-density region, but the posterior of estimator '" + run.config().estimator.type()
                    + "' has no log density; use an estimator with one (npe, fmpe, nre, ...) or set rounds: 1");
        }
    }

    /** The epsilon-quantile of log q(θ | x₀) over draws of the current posterior. */
    private double threshold(Posterior posterior, TruncationSpec truncation, int round) {
        UniformRandomProvider rng = Seeds.random(run.config().seed, "truncation-draws", round);
        Posterior drawable = refinement.apply(posterior, run);
        double[][] draws = drawable instanceof SampledPosterior sampled
                ? sampled.draw(observation.clone(), truncation.draws, rng).samples()
                : drawable.sample(observation.clone(), truncation.draws, rng);
        double[] logQ = posterior.logDensity(draws, observation.clone());
        for (int i = 0; i < logQ.length; i++) {
            if (Double.isNaN(logQ[i])) {
                logQ[i] = Double.NEGATIVE_INFINITY;
            }
        }
        Arrays.sort(logQ);
        double level = logQ[(int) Math.floor(truncation.epsilon * logQ.length)];
        if (!Double.isFinite(level)) {
            throw new SbiException(org.sbi4j.api.ErrorType.INTERNAL_ERROR, "round " + round + ": the posterior's own draws "
                    + "have a log density of " + level + " at its " + truncation.epsilon + "-quantile, so no "
                    + "highest-density region can be drawn; the previous round's fit failed (check its training "
                    + "loss) or truncation.epsilon is too small for truncation.draws");
        }
        return level;
    }

    /** Parameters drawn from the prior and kept when log q(θ | x₀) reaches the level. */
    private record Rejection(double[][] theta, long candidates) {
    }

    private Rejection reject(Posterior posterior, double threshold, int n, TruncationSpec truncation, int round) {
        UniformRandomProvider rng = Seeds.random(run.config().seed, "truncation-prior", round);
        double[][] kept = new double[n][];
        int accepted = 0;
        long candidates = 0;
        long limit = (long) Math.ceil(n / truncation.minAcceptance);
        while (accepted < n) {
            double[][] theta = run.prior().sample(CHUNK, rng);
            double[] logQ = posterior.logDensity(theta, observation.clone());
            for (int i = 0; i < theta.length && accepted < n; i++) {
                candidates++;
                if (logQ[i] >= threshold) {
                    kept[accepted++] = theta[i];
                }
            }
            if (accepted < n && candidates >= limit) {
                throw SbiException.userError("round " + round + " of " + run.config().rounds + ": only " + accepted
                        + " of " + candidates + " prior draws (" + String.format("%.2g", (double) accepted / candidates)
                        + ") lie in the posterior's highest-density region, below truncation.min-acceptance = "
                        + truncation.minAcceptance + "; the region is too small a part of the prior to draw by "
                        + "rejection: use fewer rounds, a larger truncation.epsilon, a lower truncation.min-acceptance "
                        + "(slower), or a narrower prior");
            }
        }
        return new Rejection(kept, candidates);
    }

    /** The bank with the valid rows of a round appended. */
    private static Simulations append(Simulations bank, double[][] theta, SimulationResult result) {
        int valid = result.size() - result.invalidCount();
        double[][] allTheta = Arrays.copyOf(bank.theta(), bank.size() + valid);
        double[][] allData = Arrays.copyOf(bank.data(), bank.size() + valid);
        int k = bank.size();
        for (int i = 0; i < theta.length; i++) {
            if (result.isValid(i)) {
                allTheta[k] = theta[i];
                allData[k++] = result.row(i);
            }
        }
        return new Simulations(allTheta, allData, bank.invalidCount() + result.invalidCount());
    }
}
