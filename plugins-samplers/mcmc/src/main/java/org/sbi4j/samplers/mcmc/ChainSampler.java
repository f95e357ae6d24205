package org.sbi4j.samplers.mcmc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.api.Sampler;
import org.sbi4j.api.SamplerResult;
import org.sbi4j.api.SamplingProblem;

/**
 * The multi-chain driver every MCMC sampler here shares. Chains move in unconstrained space
 * ({@link Unconstrained}), start from importance resampling of proposal draws ({@link ChainStarts}), warm up
 * through {@link WarmUpSchedule}'s windows, then keep every {@code thin}-th iteration. All chains advance
 * together, so each density call is one batch across chains; each chain draws from its own stream seeded from
 * {@code rng}, and nothing runs on other threads here, so the same seed gives the same chains for any thread
 * count. The result carries per-parameter R-hat and effective sample sizes, the kernel's own statistics, and
 * warnings that name the fix.
 */
abstract class ChainSampler implements Sampler {
    /** R-hat above this warns. */
    static final double RHAT_LIMIT = 1.01;
    /**
     * An effective sample size below this per chain warns: 100 per chain is where R-hat and the ESS themselves become
     * reliable (Vehtari et al. 2021, "Rank-normalization, folding, and localization: an improved R-hat").
     */
    static final double MIN_ESS_PER_CHAIN = 100;
    /** Nor may it fall below this share of the samples asked for, so that most draws carry information. */
    static final double MIN_ESS_SHARE = 0.1;

    /** Builds the kernel of one call. */
    @FunctionalInterface
    interface KernelFactory {
        /**
         * A kernel for {@code streams.length} chains of the target, each with its own stream.
         *
         * @param target the target in unconstrained space
         * @param streams one stream per chain
         * @param initialScale per coordinate, the scale of the starting points
         * @param schedule the warm-up windows
         * @return the kernel
         */
        ChainKernel kernel(Unconstrained target, UniformRandomProvider[] streams, double[] initialScale,
                           WarmUpSchedule schedule);
    }

    private final String name;
    private final ChainSettings settings;
    private final KernelFactory kernels;

    /**
     * @param name the sampler's config name, for messages
     * @param settings its settings (validated here)
     * @param kernels builds each call's kernel from the settings
     */
    ChainSampler(String name, ChainSettings settings, KernelFactory kernels) {
        settings.validate();
        this.name = name;
        this.settings = settings;
        this.kernels = kernels;
    }

    /** The sampler's config name, for messages. */
    final String name() {
        return name;
    }

    /** Checks the problem before any work (e.g. that a gradient exists). */
    void check(SamplingProblem problem) {
    }

    @Override
    public SamplerResult sample(SamplingProblem problem, int n, UniformRandomProvider rng) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        check(problem);
        Unconstrained target = new Unconstrained(problem.target(), problem.prior());
        int chains = settings.chains;
        int d = target.dimension();
        UniformRandomProvider[] streams = new UniformRandomProvider[chains];
        for (int c = 0; c < chains; c++) {
            streams[c] = RandomSource.XO_SHI_RO_256_PP.create(new long[] {rng.nextLong(), rng.nextLong(),
                rng.nextLong(), rng.nextLong()});
        }
        ChainStarts starts = ChainStarts.draw(problem, target, chains, settings.startCandidates, rng);
        WarmUpSchedule schedule = new WarmUpSchedule(settings.warmUp);
        ChainKernel kernel = kernels.kernel(target, streams, starts.scale(), schedule);
        kernel.start(starts.u());
        for (int it = 0; it < settings.warmUp; it++) {
            kernel.step(it);
        }
        kernel.endWarmUp();
        int kept = Math.max((n + chains - 1) / chains, settings.minDrawsPerChain);
        double[][][] draws = new double[chains][kept][];
        for (int k = 0; k < kept; k++) {
            for (int t = 0; t < settings.thin; t++) {
                kernel.step(-1);
            }
            double[][] u = kernel.position();
            for (int c = 0; c < chains; c++) {
                draws[c][k] = target.toConstrained(u[c]);
            }
        }
        return result(problem, n, draws, kernel, target);
    }

    private SamplerResult result(SamplingProblem problem, int n, double[][][] draws, ChainKernel kernel,
                                 Unconstrained target) {
        int chains = draws.length;
        int kept = draws[0].length;
        int d = target.dimension();
        // iteration-major order, so that any prefix or even spread represents every chain equally
        long total = (long) chains * kept;
        double[][] samples = new double[n][];
        for (int i = 0; i < n; i++) {
            long j = i * total / n;
            samples[i] = draws[(int) (j % chains)][(int) (j / chains)].clone();
        }
        Map<String, Double> statistics = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        statistics.put("chains", (double) chains);
        statistics.put("warm-up", (double) settings.warmUp);
        statistics.put("thin", (double) settings.thin);
        statistics.put("draws-per-chain", (double) kept);
        List<String> names = problem.prior().parameterNames();
        double maxRhat = Double.NaN;
        double minEss = Double.NaN;
        String worstRhat = null;
        String worstEss = null;
        for (int i = 0; i < d; i++) {
            double[][] x = new double[chains][kept];
            for (int c = 0; c < chains; c++) {
                for (int k = 0; k < kept; k++) {
                    x[c][k] = draws[c][k][i];
                }
            }
            double rhat = ChainDiagnostics.rankRhat(x);
            double ess = ChainDiagnostics.bulkEss(x);
            statistics.put("r-hat:" + names.get(i), rhat);
            statistics.put("effective-sample-size:" + names.get(i), ess);
            if (!(rhat <= maxRhat)) {
                maxRhat = rhat;
                worstRhat = names.get(i);
            }
            if (!(ess >= minEss)) {
                minEss = ess;
                worstEss = names.get(i);
            }
        }
        statistics.put("r-hat", maxRhat);
        statistics.put("effective-sample-size", minEss);
        kernel.statistics(statistics);
        statistics.put("density-evaluations", (double) target.evaluations());
        if (chains > 1 && !(maxRhat <= RHAT_LIMIT)) {
            warnings.add(String.format("%s: R-hat of %s is %.3f > %.2f, so the %d chains disagree: they have not "
                    + "converged or are stuck in different modes; raise warm-up (now %d) and thin (now %d), or, for a "
                    + "multimodal posterior, prefer importance-sampling or more chains with a sampler that mixes",
                    name(), worstRhat, maxRhat, RHAT_LIMIT, chains, settings.warmUp, settings.thin));
        }
        double wanted = Math.max(MIN_ESS_PER_CHAIN * chains, MIN_ESS_SHARE * Math.min(n, kept * (double) chains));
        if (!(minEss >= wanted)) {
            long thin = (long) Math.ceil(settings.thin * wanted / Math.max(minEss, 1.0));
            warnings.add(String.format("%s: the effective sample size of %s is %.0f for %d samples, so the draws are "
                    + "autocorrelated and carry less information than their number; raise thin to about %d (now %d)"
                    + "%s", name(), worstEss, minEss, n, Math.min(thin, Integer.MAX_VALUE), settings.thin,
                    kernel.essHint()));
        }
        warnings.addAll(kernel.warnings());
        return new SamplerResult(samples, null, statistics, warnings);
    }
}
