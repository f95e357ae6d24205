package org.sbi4j.estimators.lwf;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.api.Capability;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.FitContext;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.nn.ConditionalDensity;
import org.sbi4j.nn.ConditionalFlow;
import org.sbi4j.nn.DensityModelSpec;
import org.sbi4j.nn.DensityModels;
import org.sbi4j.nn.CopyPool;
import org.sbi4j.nn.GaussianMixtureBase;
import org.sbi4j.nn.ParameterSet;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.ThetaBijection;
import org.sbi4j.nn.TrainingConfig;
import org.sbi4j.nn.TrainingResult;
import org.sbi4j.nn.WeightedGaussianMixture;

/**
 * The likelihood-weighted flow: minimises −Σ_j Σ_i w̄_ij log q(θ_ij | x_j) over training observations x_j, with
 * θ_ij drawn from a proposal g_j and self-normalised weights w̄_ij ∝ p(x_j | θ_ij) π(θ_ij) / g_j(θ_ij) computed
 * in log space (log-sum-exp per observation). That is the importance-sampling estimate of the forward KL
 * Σ_j KL(p(θ | x_j) ‖ q(θ | x_j)) up to constants, so no posterior sample is ever needed.
 *
 * <p><b>Procedure.</b> Round 0 draws from the prior. An observation whose Kish effective sample size (ESS) falls
 * below {@code min-ess-fraction} of the draws has collapsed weights; while adaptation rounds remain, it gets fresh
 * draws from a defensive mixture g_j = α π + (1 − α) q_j. With {@code proposal: mixture} (the default for one
 * observation) q_j is a {@link MixtureProposal}: a Gaussian mixture fitted by weighted EM to all the observation's
 * earlier draws, refitted {@code proposal-steps} times per round (population Monte Carlo / AMIS), each time on
 * the pooled draws tempered only as far as an ESS of {@code proposal-ess} requires. With {@code proposal: flow}
 * (the default amortised) the collapsed weights are tempered (the likelihood raised to β &lt; 1, β chosen by
 * bisection so the ESS reaches twice the threshold), a pilot flow with a Gaussian base is trained on the round's
 * data (warm-started from the previous round) and q_j = q_pilot(· | x_j); the last round is never tempered. The
 * decisions (collapse, and for the flow its tempering and training data) use each round's own draws. The final
 * fit does not: it sees
 * every round's draws of an observation ({@link DrawPool}), weighted by the balance heuristic w ∝ p(x | θ) π(θ) /
 * ḡ(θ), ḡ the average of the proposals that observation used, so no likelihood evaluation is thrown away. Then
 * the number of mixture components is chosen ({@code auto}: the most frequent BIC choice over up to {@value #PROBES}
 * observations that keep all their draws, with each observation's ESS as n), the final flow starts at the
 * identity over a base fitted by weighted EM to the pooled draws (z-scored unconstrained θ) plus a broad
 * N(0, I) component of weight {@code broad-component}, and flow and base train jointly with early stopping.
 *
 * <p><b>Memory and threads.</b> Each observation's draws are weighed as one batch ({@link
 * Likelihood#logLikelihoods}); the draws with a positive weight stay in its pool (θ, log-likelihood, log prior
 * and one log density per pilot: for 10⁴ amortised observations × 4 rounds × 128 draws at d = 2 a few hundred MB)
 * and are compressed to at most {@code kept-draws} rows after the last round, so only each observation's own
 * draws are held, never the θ × x grid; observations are spread over {@link FitContext#threads()} threads, each observation with its own
 * generator seeded from the round's stream, so the fit is the same for any thread count.
 */
final class LwfEstimator implements Estimator {
    /** Observations that keep all their draws, for choosing K. */
    static final int PROBES = 64;
    /** Prior draws that fit the θ standardisation. */
    private static final int SCALE_DRAWS = 10_000;
    /** Largest pooled sample the base's EM fit sees. */
    private static final int EM_POINTS = 20_000;
    /** EM seedings per fit. */
    private static final int EM_RESTARTS = 3;
    /** Probes with an ESS below this do not vote on K (too few effective points to resolve modes). */
    private static final double MIN_PROBE_ESS = 20;

    private final LwfSettings settings;

    LwfEstimator(LwfSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public Set<Capability> requirements() {
        return settings.amortised() ? Set.of(Capability.SIMULATIONS, Capability.LIKELIHOOD)
                : Set.of(Capability.LIKELIHOOD);
    }

    /** Two observations at least; each one is a training observation (see {@link LwfSettings}). */
    @Override
    public int minimumSimulations() {
        return 2;
    }

    @Override
    public LwfPosterior fit(InferenceProblem problem, FitContext context) {
        Likelihood likelihood = problem.requireLikelihood();
        Prior prior = problem.prior();
        List<String> dataNames = problem.simulator().dataNames();
        double[][] xs = observations(problem, dataNames.size());
        boolean amortised = settings.amortised();
        TrainingListener listener = context.listener();
        ThetaBijection bijection = ThetaBijection.forPrior(prior);
        double[][] scaleDraws = insideSupport(prior.sample(SCALE_DRAWS, context.random("standardize")), bijection);
        Map<String, Double> stats = new LinkedHashMap<>();
        long start = System.nanoTime();
        int threads = Math.max(1, context.threads());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lwf-weights");
            t.setDaemon(true);
            return t;
        });
        try {
            ProposalType proposal = settings.proposal.resolve(amortised);
            Round round = new Round(likelihood, prior, bijection, xs, amortised, proposal, pool, threads);
            int rounds = settings.adaptationRounds;
            DrawPool[] pools = new DrawPool[xs.length];
            List<CopyPool<ConditionalDensity>> pilots = new ArrayList<>();
            boolean temperRounds = settings.tempering && proposal == ProposalType.FLOW;
            WeightedDraws[] data = round.weigh(0, pilots, pools, all(xs.length), temperRounds && rounds > 0,
                    context.random("round-0"));
            long evaluations = (long) xs.length * settings.draws;
            report(listener, stats, 0, data, xs.length, "prior");
            ConditionalDensity pilot = null;
            for (int r = 1; r <= rounds; r++) {
                int[] collapsed = collapsed(data);
                if (collapsed.length == 0) {
                    break;
                }
                if (proposal == ProposalType.FLOW) {
                    if (pilot == null) {
                        pilot = ConditionalDensity.create(settings.modelSpec(BaseType.GAUSSIAN, 1), bijection,
                                scaleDraws, amortised ? xs : null, true, Precision.FLOAT32,
                                context.random("pilot-init"));
                    }
                    Training pilotData = Training.of(data, xs, amortised);
                    pilot.fit(pilotData.theta, pilotData.x, pilotData.weights,
                            settings.trainingConfig(false, pilotData.theta.length),
                            context.random("pilot-shuffle-" + r), TrainingListener.NONE);
                    pilots.add(new CopyPool<>(pilot.copy(), ConditionalDensity::copy));
                }
                boolean temper = temperRounds && r < rounds;
                WeightedDraws[] fresh = round.weigh(r, pilots, pools, collapsed, temper, context.random("round-" + r));
                for (int k = 0; k < collapsed.length; k++) {
                    data[collapsed[k]] = fresh[k];
                }
                evaluations += (long) collapsed.length * settings.draws;
                report(listener, stats, r, fresh, collapsed.length, proposal == ProposalType.FLOW
                        ? String.format(Locale.ROOT, "defensive mixture %.2f·prior + %.2f·q", settings.defensiveWeight,
                        1 - settings.defensiveWeight) : round.mixtureSummary(stats, r, collapsed));
            }
            double[] lastEss = new double[data.length];
            for (int j = 0; j < data.length; j++) {
                lastEss[j] = data[j].ess();
            }
            data = pooled(pools, context.random("pool"));
            double[] ess = new double[data.length];
            for (int j = 0; j < data.length; j++) {
                ess[j] = data[j].ess();
            }
            int stillCollapsed = collapsed(data).length;
            stats.put("likelihood-evaluations", (double) evaluations);
            stats.put("training-observations", (double) xs.length);
            stats.put("final-ess-median", median(lastEss));
            stats.put("pooled-ess-median", median(ess));
            stats.put("final-collapsed-share", stillCollapsed / (double) data.length);
            listener.onMessage(String.format(Locale.ROOT, "likelihood-weighted-flow: every round's draws kept with "
                    + "deterministic-mixture weights: median ESS %.1f (the last round's draws alone: %.1f)",
                    median(ess), median(lastEss)));
            if (stillCollapsed > 0) {
                listener.onMessage(String.format(Locale.ROOT, "likelihood-weighted-flow: %d of %d observations still "
                        + "have an effective sample size below min-ess %.1f after %d adaptation rounds; raise draws or "
                        + "adaptation-rounds", stillCollapsed, data.length, settings.minEss(), rounds));
            }
            Training training = Training.of(data, xs, amortised);
            if (training.theta.length == 0) {
                throw SbiException.userError("likelihood-weighted-flow: every likelihood evaluation was zero (log "
                        + "likelihood −∞) or outside the prior support; nothing to train on");
            }
            int components = settings.base == BaseType.MIXTURE ? components(data, stats, bijection, scaleDraws,
                    context) : 1;
            boolean broad = settings.base == BaseType.MIXTURE && settings.broadComponent > 0;
            DensityModelSpec spec = settings.modelSpec(settings.base, components + (broad ? 1 : 0));
            ConditionalDensity density = ConditionalDensity.create(spec, bijection, scaleDraws,
                    amortised ? xs : null, true, Precision.FLOAT32, context.random("init"));
            DensityModels.startAtIdentity(density.model(), density.spec());
            if (settings.base == BaseType.MIXTURE) {
                initialiseBase(density, training, components, settings.broadComponent, context.random("em"));
            }
            TrainingResult result = train(density, training, context, listener);
            if (result.diverged() && result.bestEpoch() == 0) {
                throw new SbiException(org.sbi4j.api.ErrorType.INTERNAL_ERROR, "likelihood-weighted-flow: the "
                        + "training loss was not finite from the first epoch; lower learning-rate");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            TrainingSummary trained = result.toSummary();
            Map<String, Double> all = new LinkedHashMap<>(trained.statistics());
            all.putAll(stats);
            all.put("components", (double) components);
            all.put("training-rows", (double) training.theta.length);
            all.put("training-seconds", seconds);
            all.put("parameters", (double) density.model().parameters().size());
            listener.onMessage(String.format(Locale.ROOT, "likelihood-weighted-flow: %s base%s trained in %.1f s on "
                    + "%d weighted draws of %d observations (%d likelihood evaluations): %d epochs, best epoch %d, "
                    + "best loss %.4f", settings.base, settings.base == BaseType.MIXTURE ? " with " + components
                    + " components" + (broad ? String.format(Locale.ROOT, " and a broad one of weight %.3g",
                    settings.broadComponent) : "") : "", seconds, training.theta.length, xs.length, evaluations, result.epochs(),
                    result.bestEpoch(), result.bestLoss()));
            TrainingSummary summary = new TrainingSummary(trained.epochs(), trained.trainingLoss(),
                    trained.validationLoss(), all);
            return new LwfPosterior(prior, dataNames, density, amortised ? null : xs[0], summary);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The final training. With a mixture base and {@code base-training} frozen: the flow alone (the base's
     * gradient zeroed), then, if {@code joint-learning-rate} is positive, everything at that rate on the same
     * validation split (the same shuffle stream), that phase kept only if its best validation loss is lower.
     */
    private TrainingResult train(ConditionalDensity density, Training training, FitContext context,
                                 TrainingListener listener) {
        TrainingConfig config = settings.trainingConfig(true, training.theta.length);
        if (settings.base != BaseType.MIXTURE || settings.baseTraining != BaseTraining.FROZEN) {
            return density.fit(training.theta, training.x, training.weights, config, context.random("shuffle"),
                    listener);
        }
        TrainingResult frozen = density.fit(training.theta, training.x, training.weights, config,
                context.random("shuffle"), listener, FrozenBaseObjective::new);
        listener.onMessage(String.format(Locale.ROOT, "likelihood-weighted-flow: flow trained over the frozen "
                + "EM base: %d epochs, best epoch %d, validation loss %.4f", frozen.epochs(), frozen.bestEpoch(),
                frozen.bestLoss()));
        if (!(settings.jointLearningRate > 0) || frozen.diverged()) {
            return frozen;
        }
        ParameterSet params = density.model().parameters();
        double[] kept = params.exportDoubles();
        config.learningRate = settings.jointLearningRate;
        TrainingResult joint = density.fit(training.theta, training.x, training.weights, config,
                context.random("shuffle"), listener);
        boolean better = joint.bestLoss() < frozen.bestLoss();
        listener.onMessage(String.format(Locale.ROOT, "likelihood-weighted-flow: joint phase at learning rate %.3g: "
                + "%d epochs, best epoch %d, validation loss %.4f: %s", settings.jointLearningRate, joint.epochs(),
                joint.bestEpoch(), joint.bestLoss(), better ? "kept" : "discarded, the frozen-base fit is kept"));
        if (!better) {
            params.importValues(kept);
            return frozen;
        }
        return joint;
    }

    private double[][] observations(InferenceProblem problem, int dataLength) {
        if (!settings.amortised()) {
            if (settings.observation.length != dataLength) {
                throw SbiException.userError("likelihood-weighted-flow: observation has " + settings.observation.length
                        + " values but the simulator produces " + dataLength);
            }
            return new double[][] {settings.observation.clone()};
        }
        Simulations simulations = problem.requireSimulations();
        if (simulations.size() < 2) {
            throw SbiException.userError("likelihood-weighted-flow needs at least 2 valid simulated observations, got "
                    + simulations.size());
        }
        return simulations.data();
    }

    private static double[][] insideSupport(double[][] draws, ThetaBijection bijection) {
        List<double[]> kept = new ArrayList<>(draws.length);
        for (double[] row : draws) {
            if (bijection.inSupport(row)) {
                kept.add(row);
            }
        }
        return kept.toArray(new double[0][]);
    }

    private static int[] all(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private int[] collapsed(WeightedDraws[] data) {
        return Arrays.stream(all(data.length)).filter(j -> data[j].collapsed(settings.minEss())).toArray();
    }

    /**
     * Every observation's pooled draws with balance-heuristic weights, compressed like a round's (all rows in the
     * non-amortised mode and for the probes, else {@code kept-draws}); one seed per observation, drawn in order.
     */
    private WeightedDraws[] pooled(DrawPool[] pools, UniformRandomProvider rng) {
        WeightedDraws[] out = new WeightedDraws[pools.length];
        for (int j = 0; j < pools.length; j++) {
            int cap = !settings.amortised() || j < PROBES ? Integer.MAX_VALUE : settings.keptDraws;
            out[j] = pools[j].weigh(settings.defensiveWeight, settings.minEss(), cap,
                    RandomSource.XO_RO_SHI_RO_128_PP.create(rng.nextLong()));
        }
        return out;
    }

    private void report(TrainingListener listener, Map<String, Double> stats, int round, WeightedDraws[] draws,
                        int count, String proposal) {
        double[] ess = new double[draws.length];
        int collapsed = 0;
        int tempered = 0;
        double minBeta = 1;
        for (int j = 0; j < draws.length; j++) {
            ess[j] = draws[j].ess();
            collapsed += draws[j].collapsed(settings.minEss()) ? 1 : 0;
            if (draws[j].beta() < 1) {
                tempered++;
                minBeta = Math.min(minBeta, draws[j].beta());
            }
        }
        stats.put("round-" + round + "-observations", (double) count);
        stats.put("round-" + round + "-ess-median", median(ess));
        stats.put("round-" + round + "-collapsed", (double) collapsed);
        stats.put("round-" + round + "-tempered", (double) tempered);
        listener.onMessage(String.format(Locale.ROOT, "likelihood-weighted-flow: round %d (%s) on %d observations "
                + "× %d draws: median ESS %.1f, %d below min-ess %.1f%s", round, proposal, count, settings.draws,
                median(ess), collapsed, settings.minEss(), tempered > 0 ? String.format(Locale.ROOT,
                        "; tempered %d of them (β down to %.3g) for the next proposal", tempered, minBeta) : ""));
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    /**
     * K for the mixture base: the setting, or for {@code auto} the most frequent BIC choice (K = 1…8, n = the
     * observation's ESS) among the probe observations with ESS ≥ {@value #MIN_PROBE_ESS}; ties go to the
     * larger K; without such probes, the choice of the probe with the largest ESS.
     */
    private int components(WeightedDraws[] data, Map<String, Double> stats, ThetaBijection bijection,
                           double[][] scaleDraws, FitContext context) {
        int fixed = settings.fixedComponents();
        if (fixed > 0) {
            return fixed;
        }
        ConditionalDensity scaler = ConditionalDensity.create(settings.modelSpec(BaseType.GAUSSIAN, 1),
                bijection, scaleDraws, null, true, Precision.FLOAT32, RandomSource.XO_RO_SHI_RO_128_PP.create(0L));
        UniformRandomProvider rng = context.random("components");
        int[] votes = new int[LwfSettings.MAX_AUTO_COMPONENTS + 1];
        int fallback = 1;
        double bestEss = -1;
        int probes = Math.min(PROBES, data.length);
        for (int j = 0; j < probes; j++) {
            WeightedDraws d = data[j];
            double n = Math.min(d.ess(), WeightedGaussianMixture.effectiveSize(d.weights()));
            if (d.size() < 2 || !(n > 1)) {
                continue;
            }
            int k = WeightedGaussianMixture.select(scaler.modelTheta(d.theta()), d.weights(),
                    LwfSettings.MAX_AUTO_COMPONENTS, n, EM_RESTARTS, rng).best().components();
            if (n >= MIN_PROBE_ESS) {
                votes[k]++;
            }
            if (n > bestEss) {
                bestEss = n;
                fallback = k;
            }
        }
        int chosen = fallback;
        int most = 0;
        for (int k = 1; k < votes.length; k++) {
            if (votes[k] >= most && votes[k] > 0) {
                most = votes[k];
                chosen = k;
            }
        }
        for (int k = 1; k < votes.length; k++) {
            stats.put("auto-votes-k" + k, (double) votes[k]);
        }
        context.listener().onMessage(String.format(Locale.ROOT, "likelihood-weighted-flow: components: auto chose "
                + "K = %d (BIC per observation, votes for K = 1..8: %s)", chosen,
                Arrays.toString(Arrays.copyOfRange(votes, 1, votes.length))));
        return chosen;
    }

    /**
     * Weighted EM on the pooled draws in the model's coordinates; the fit becomes the base, with a broad N(0, I)
     * component of weight {@code broad} appended when it is positive (the EM weights scaled by 1 − broad).
     */
    private static void initialiseBase(ConditionalDensity density, Training training, int components, double broad,
                                       UniformRandomProvider rng) {
        WeightedDraws pooled = WeightedDraws.resample(training.theta, training.weights, EM_POINTS, rng);
        WeightedGaussianMixture.Fit fit = WeightedGaussianMixture.fit(density.modelTheta(pooled.theta()),
                pooled.weights(), components, EM_RESTARTS, rng);
        GaussianMixtureBase base = (GaussianMixtureBase) ((ConditionalFlow) density.model()).base();
        if (!(broad > 0)) {
            base.setComponents(fit.weights(), fit.means(), fit.cholesky());
            return;
        }
        int d = fit.means()[0].length;
        double[] weights = new double[components + 1];
        double[][] means = Arrays.copyOf(fit.means(), components + 1);
        double[][][] cholesky = Arrays.copyOf(fit.cholesky(), components + 1);
        for (int k = 0; k < components; k++) {
            weights[k] = (1 - broad) * fit.weights()[k];
        }
        weights[components] = broad;
        means[components] = new double[d];
        cholesky[components] = new double[d][d];
        for (int i = 0; i < d; i++) {
            cholesky[components][i][i] = 1;
        }
        base.setComponents(weights, means, cholesky);
    }

    /** The flattened weighted training pairs: per observation, its kept rows with weights summing to 1. */
    private static final class Training {
        final double[][] theta;
        final double[][] x;
        final double[] weights;

        private Training(double[][] theta, double[][] x, double[] weights) {
            this.theta = theta;
            this.x = x;
            this.weights = weights;
        }

        /** Rows weighted so that their mean weight is 1: the loss is then the mean over observations. */
        static Training of(WeightedDraws[] data, double[][] xs, boolean amortised) {
            int rows = 0;
            int used = 0;
            for (WeightedDraws d : data) {
                rows += d.size();
                used += d.size() > 0 ? 1 : 0;
            }
            double[][] theta = new double[rows][];
            double[][] x = amortised ? new double[rows][] : null;
            double[] weights = new double[rows];
            double scale = used == 0 ? 0 : (double) rows / used;
            int r = 0;
            for (int j = 0; j < data.length; j++) {
                for (int i = 0; i < data[j].size(); i++) {
                    theta[r] = data[j].theta()[i];
                    if (x != null) {
                        x[r] = xs[j];
                    }
                    weights[r++] = data[j].weights()[i] * scale;
                }
            }
            return new Training(theta, x, weights);
        }
    }

    /** One round of proposals and weights over a set of observations, on the thread pool. */
    private final class Round {
        private final Likelihood likelihood;
        private final Prior prior;
        private final ThetaBijection bijection;
        private final double[][] xs;
        private final boolean amortised;
        private final ProposalType proposal;
        /** Per observation, the mixture proposals of its adaptation rounds (proposal {@code mixture}). */
        private final List<List<MixtureProposal>> mixtures;
        private final ExecutorService pool;
        private final int threads;

        Round(Likelihood likelihood, Prior prior, ThetaBijection bijection, double[][] xs, boolean amortised,
              ProposalType proposal, ExecutorService pool, int threads) {
            this.likelihood = likelihood;
            this.prior = prior;
            this.bijection = bijection;
            this.xs = xs;
            this.amortised = amortised;
            this.proposal = proposal;
            this.mixtures = new ArrayList<>(xs.length);
            for (int j = 0; j < xs.length; j++) {
                mixtures.add(new ArrayList<>());
            }
            this.pool = pool;
            this.threads = threads;
        }

        /**
         * The report's description of a mixture-proposal round, with the median K and tempering exponent of the
         * proposals fitted for the given observations recorded in {@code stats}.
         */
        String mixtureSummary(Map<String, Double> stats, int round, int[] which) {
            double[] k = new double[which.length];
            double[] beta = new double[which.length];
            for (int i = 0; i < which.length; i++) {
                List<MixtureProposal> fitted = mixtures.get(which[i]);
                MixtureProposal m = fitted.get(fitted.size() - 1);
                k[i] = m.components();
                beta[i] = m.beta();
            }
            stats.put("round-" + round + "-proposal-components-median", median(k));
            stats.put("round-" + round + "-proposal-beta-median", median(beta));
            return String.format(Locale.ROOT, "defensive mixture %.2f·prior + %.2f·Gaussian mixture fitted by weighted "
                    + "EM to the earlier draws, %d refits: last refit's median K %.0f, median β %.3g", settings.defensiveWeight,
                    1 - settings.defensiveWeight, settings.proposalSteps, median(k), median(beta));
        }

        /**
         * Draws and weighs for the given observations; observation {@code which[k]} uses the k-th seed of
         * {@code rng}, so the result does not depend on the thread count.
         */
        WeightedDraws[] weigh(int round, List<CopyPool<ConditionalDensity>> pilots, DrawPool[] pools, int[] which,
                              boolean temper, UniformRandomProvider rng) {
            CopyPool<ConditionalDensity> q = round == 0 || proposal != ProposalType.FLOW ? null
                    : pilots.get(round - 1);
            long[] seeds = new long[which.length];
            for (int k = 0; k < seeds.length; k++) {
                seeds[k] = rng.nextLong();
            }
            WeightedDraws[] out = new WeightedDraws[which.length];
            int blocks = Math.min(which.length, threads * 4);
            List<Future<?>> futures = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                int from = (int) ((long) which.length * b / blocks);
                int to = (int) ((long) which.length * (b + 1) / blocks);
                futures.add(pool.submit(() -> {
                    ConditionalDensity density = q == null ? null : q.borrow();
                    try {
                        for (int k = from; k < to; k++) {
                            int j = which[k];
                            int cap = !amortised || j < PROBES ? settings.draws : settings.keptDraws;
                            UniformRandomProvider stream = RandomSource.XO_RO_SHI_RO_128_PP.create(seeds[k]);
                            out[k] = round > 0 && proposal == ProposalType.MIXTURE
                                    ? oneMixture(xs[j], pools, j, cap, stream)
                                    : one(xs[j], density, pilots, pools, j, temper, cap, stream);
                        }
                    } finally {
                        if (density != null) {
                            q.release(density);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while weighing round " + round, e);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(cause);
                }
            }
            return out;
        }

        private WeightedDraws one(double[] x, ConditionalDensity q, List<CopyPool<ConditionalDensity>> pilots,
                                  DrawPool[] pools, int j, boolean temper, int cap, UniformRandomProvider rng) {
            int m = settings.draws;
            double[] x0 = amortised ? x : null;
            if (q == null) {
                double[][] theta = prior.sample(m, rng);
                Evaluated e = evaluate(x, theta, null);
                pools[j] = DrawPool.ofPrior(theta, e.logL, e.logPriors);
                return WeightedDraws.weigh(theta, e.logL, e.logRatio, temper, settings.minEss(), cap, rng);
            }
            double[][] theta = defensive(m, rng, n -> q.sample(x0, n, rng, null));
            double[] logQ = q.logDensity(theta, x0);
            Evaluated e = evaluate(x, theta, logQ);
            List<Function<double[][], double[]>> earlier = new ArrayList<>();
            for (int c = 0; c < pilots.size() - 1; c++) {
                CopyPool<ConditionalDensity> pilot = pilots.get(c);
                earlier.add(t -> pilot.apply(p -> p.logDensity(t, x0)));
            }
            pools[j] = extend(pools[j], theta, e, logQ, earlier, t -> q.logDensity(t, x0));
            return WeightedDraws.weigh(theta, e.logL, e.logRatio, temper, settings.minEss(), cap, rng);
        }

        /**
         * A round of the {@code mixture} proposal for observation j, in {@code proposal-steps} steps: each fits a
         * mixture to the pool, draws its share of the round's draws from it, weighs them and adds them to the pool.
         * The round's weights are each draw's own π / g_step.
         */
        private WeightedDraws oneMixture(double[] x, DrawPool[] pools, int j, int cap, UniformRandomProvider rng) {
            List<MixtureProposal> fitted = mixtures.get(j);
            int m = settings.draws;
            int steps = Math.min(settings.proposalSteps, m);
            double[][] theta = new double[m][];
            double[] logL = new double[m];
            double[] logRatio = new double[m];
            for (int s = 0; s < steps; s++) {
                int from = (int) ((long) m * s / steps);
                int n = (int) ((long) m * (s + 1) / steps) - from;
                MixtureProposal mixture = MixtureProposal.fit(pools[j], settings.defensiveWeight,
                        settings.proposalEss, settings.tempering, settings.proposalCriterion, prior, bijection, rng);
                double[][] step = defensive(n, rng, k -> mixture.sample(k, rng));
                double[] logQ = mixture.logDensity(step);
                Evaluated e = evaluate(x, step, logQ);
                List<Function<double[][], double[]>> earlier = new ArrayList<>();
                for (MixtureProposal f : fitted) {
                    earlier.add(f::logDensity);
                }
                fitted.add(mixture);
                pools[j] = extend(pools[j], step, e, logQ, earlier, mixture::logDensity);
                System.arraycopy(step, 0, theta, from, n);
                System.arraycopy(e.logL, 0, logL, from, n);
                System.arraycopy(e.logRatio, 0, logRatio, from, n);
            }
            return WeightedDraws.weigh(theta, logL, logRatio, false, settings.minEss(), cap, rng);
        }

        /** m draws of α·prior + (1 − α)·q: the prior's count is binomial, its draws first. */
        private double[][] defensive(int m, UniformRandomProvider rng, IntFunction<double[][]> q) {
            double alpha = settings.defensiveWeight;
            int fromPrior = 0;
            for (int i = 0; i < m; i++) {
                fromPrior += rng.nextDouble() < alpha ? 1 : 0;
            }
            double[][] theta = new double[m][];
            double[][] a = prior.sample(fromPrior, rng);
            double[][] b = q.apply(m - fromPrior);
            System.arraycopy(a, 0, theta, 0, fromPrior);
            System.arraycopy(b, 0, theta, fromPrior, m - fromPrior);
            return theta;
        }

        /**
         * The log-likelihoods of the draws inside the prior's support (one batch), their log priors, and their
         * log importance ratios π / g with g = α π + (1 − α) q ({@code logQ}; {@code null} for prior draws).
         */
        private Evaluated evaluate(double[] x, double[][] theta, double[] logQ) {
            int m = theta.length;
            double alpha = settings.defensiveWeight;
            double[] logRatio = new double[m];
            double[] logPriors = new double[m];
            List<double[]> inside = new ArrayList<>(m);
            int[] index = new int[m];
            for (int i = 0; i < m; i++) {
                double logPrior = bijection.inSupport(theta[i]) ? prior.logDensity(theta[i])
                        : Double.NEGATIVE_INFINITY;
                logPriors[i] = logPrior;
                if (logPrior == Double.NEGATIVE_INFINITY) {
                    logRatio[i] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                if (logQ == null) {
                    logRatio[i] = 0;
                } else {
                    double a = Math.log(alpha) + logPrior;
                    double b = alpha < 1 ? Math.log1p(-alpha) + logQ[i] : Double.NEGATIVE_INFINITY;
                    double max = Math.max(a, b);
                    logRatio[i] = logPrior - (max + Math.log(Math.exp(a - max) + Math.exp(b - max)));
                }
                index[inside.size()] = i;
                inside.add(theta[i]);
            }
            double[] logL = new double[m];
            Arrays.fill(logL, Double.NEGATIVE_INFINITY);
            if (!inside.isEmpty()) {
                double[] values = likelihood.logLikelihoods(inside.toArray(new double[0][]), x);
                for (int k = 0; k < values.length; k++) {
                    logL[index[k]] = values[k];
                }
            }
            return new Evaluated(logL, logPriors, logRatio);
        }

        /**
         * Adds a round's draws to an observation's pool: the earlier proposals' densities of the new draws, and the
         * current proposal's density of the stored ones (the observation was adapted in every round before this
         * one).
         */
        private DrawPool extend(DrawPool pool, double[][] theta, Evaluated e, double[] logQ,
                                List<Function<double[][], double[]>> earlier, Function<double[][], double[]> current) {
            int before = pool.rounds() - 1;
            if (before != earlier.size()) {
                throw new IllegalStateException("observation adapted in " + before + " of the " + earlier.size()
                        + " earlier rounds");
            }
            double[][] newLogPilots = new double[before + 1][];
            for (int c = 0; c < before; c++) {
                newLogPilots[c] = earlier.get(c).apply(theta);
            }
            newLogPilots[before] = logQ;
            return pool.plus(theta, e.logL, e.logPriors, newLogPilots, current.apply(pool.theta()));
        }
    }

    /** A batch of draws after the likelihood: log p(x | θ), log π(θ) and log π(θ)/g(θ), −∞ outside the support. */
    private record Evaluated(double[] logL, double[] logPriors, double[] logRatio) {
    }
}
