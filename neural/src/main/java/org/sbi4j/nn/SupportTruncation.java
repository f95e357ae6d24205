package org.sbi4j.nn;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;

/**
 * A neural posterior truncated to the prior's support, shared by the estimators that learn θ in the
 * coordinates of a {@link ThetaBijection} (npe, fmpe).
 *
 * <p><b>Sampling.</b> Draws outside the prior support are rejected and redrawn. When the bijection covers the
 * support (every bounded parameter transformed) no draw is ever rejected. Otherwise the share of draws kept is
 * tracked ({@link #acceptanceRate()}, a one-time warning through {@link System.Logger} below 10%), and sampling
 * fails with an {@link SbiException} once at least {@value #VERDICT_DRAWS} draws have been made and fewer than
 * {@code min-acceptance} of them were inside.
 *
 * <p><b>Density.</b> The truncated density is {@code log q(θ | x₀) − log Z(x₀)} inside the support and {@code −∞}
 * outside, Z(x₀) the mass q puts inside. With a covering bijection Z = 1 exactly; otherwise Z is estimated (as sbi
 * does) from {@value #NORMALIZER_DRAWS} draws with a generator seeded by x₀, once per observation and cached, so
 * the answer is deterministic; its relative standard error is √((1 − Z)/(Z·{@value #NORMALIZER_DRAWS})).
 *
 * <p>Thread-safe; results depend only on the arguments and the generators' states.
 */
public final class SupportTruncation {
    /** Draws after which a low acceptance rate is an error. */
    public static final int VERDICT_DRAWS = 20_000;
    /** Draws used to estimate the mass inside the support. */
    public static final int NORMALIZER_DRAWS = 10_000;
    /** Observations (spread over the simulations) at which the acceptance is probed after training. */
    public static final int PROBE_OBSERVATIONS = 20;
    /** Draws per probed observation. */
    public static final int PROBE_DRAWS = 200;
    /** Largest batch drawn in one round of rejection sampling. */
    private static final int MAX_ROUND = 1 << 16;
    /** Hard stop when not a single draw lands inside, whatever {@code min-acceptance} says. */
    private static final long GIVE_UP_DRAWS = 2_000_000;
    /** Acceptance below which a warning is logged once. */
    private static final double WARN_ACCEPTANCE = 0.1;
    private static final int MAX_CACHED_NORMALIZERS = 1024;
    private static final System.Logger LOG = System.getLogger(SupportTruncation.class.getName());

    /** Draws from the untruncated posterior at one observation. */
    @FunctionalInterface
    public interface Proposals {
        /**
         * Draws {@code m} rows of θ.
         *
         * @param m number of draws
         * @param rng the only source of randomness
         * @param logDensity if not {@code null} (length ≥ m), receives the untruncated log q of each draw
         * @return {@code m} rows of θ
         */
        double[][] draw(int m, UniformRandomProvider rng, double[] logDensity);
    }

    /**
     * Draws and, when asked for, their truncated log densities.
     *
     * @param theta {@code n × d}
     * @param logDensity {@code n} values, or {@code null}
     */
    public record Draws(double[][] theta, double[] logDensity) {
    }

    private final String estimator;
    private final Prior prior;
    private final ThetaBijection bijection;
    private final boolean covers;
    private final double minAcceptance;
    private final AtomicLong proposed = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final Map<Observation, Double> logNormalizers = new ConcurrentHashMap<>();

    /**
     * @param estimator the estimator's name, for messages
     * @param prior the prior
     * @param bijection the coordinates the posterior was learned in
     * @param minAcceptance the smallest acceptable share of draws inside the support
     */
    public SupportTruncation(String estimator, Prior prior, ThetaBijection bijection, double minAcceptance) {
        this.estimator = requireNonNull(estimator, "estimator is null");
        this.prior = requireNonNull(prior, "prior is null");
        this.bijection = requireNonNull(bijection, "bijection is null");
        this.covers = coversSupport(bijection, prior);
        this.minAcceptance = minAcceptance;
    }

    /**
     * The map of θ to a network's coordinates: identity without {@code transformTheta}; else log for every
     * half-bounded parameter and, with {@code transformIntervals}, logit for every finite interval.
     *
     * @param prior the prior, whose bounds decide
     * @param transformTheta the {@code transform-theta} setting
     * @param transformIntervals the {@code transform-intervals} setting
     * @return the bijection
     */
    public static ThetaBijection bijectionFor(Prior prior, boolean transformTheta, boolean transformIntervals) {
        if (!transformTheta) {
            return ThetaBijection.identity(prior.dimension());
        }
        double[] lower = prior.lowerBounds();
        double[] upper = prior.upperBounds();
        if (!transformIntervals) {
            for (int i = 0; i < lower.length; i++) {
                if (Double.isFinite(lower[i]) && Double.isFinite(upper[i])) {
                    lower[i] = Double.NEGATIVE_INFINITY;
                    upper[i] = Double.POSITIVE_INFINITY;
                }
            }
        }
        return new ThetaBijection(lower, upper);
    }

    /**
     * Whether the bijection maps onto the prior's support exactly, so that no draw can fall outside it.
     *
     * @param bijection the bijection
     * @param prior the prior
     * @return true when every bounded parameter is transformed
     */
    public static boolean coversSupport(ThetaBijection bijection, Prior prior) {
        double[] lower = prior.lowerBounds();
        double[] upper = prior.upperBounds();
        for (int i = 0; i < lower.length; i++) {
            boolean bounded = Double.isFinite(lower[i]) || Double.isFinite(upper[i]);
            if (bounded && bijection.kind(i) == ThetaBijection.Kind.IDENTITY) {
                return false;
            }
        }
        return true;
    }

    /**
     * The training θ, with any row that lies exactly on a finite bound moved to the nearest representable point
     * inside (the transform is undefined on the bound; a prior draw lands there with probability ~2⁻⁵³). Rows
     * outside the bounds are a user error when the transform is on.
     *
     * @param theta simulated θ
     * @param bijection the coordinates
     * @param prior the prior
     * @return {@code theta}, or a copy with the rows on a bound moved inside
     */
    public static double[][] insideOpenSupport(double[][] theta, ThetaBijection bijection, Prior prior) {
        int d = prior.dimension();
        double[] lower = prior.lowerBounds();
        double[] upper = prior.upperBounds();
        double[][] out = theta;
        for (int r = 0; r < theta.length; r++) {
            double[] row = theta[r];
            if (row.length != d) {
                throw new IllegalArgumentException("simulation " + r + " has " + row.length + " parameters but the "
                        + "prior has " + d);
            }
            if (bijection.inSupport(row)) {
                continue;
            }
            double[] fixed = row.clone();
            for (int i = 0; i < d; i++) {
                if (fixed[i] == lower[i]) {
                    fixed[i] = Math.nextUp(lower[i]);
                } else if (fixed[i] == upper[i]) {
                    fixed[i] = Math.nextDown(upper[i]);
                }
            }
            if (!bijection.inSupport(fixed)) {
                throw SbiException.userError("simulation " + r + " has θ = " + Arrays.toString(row)
                        + ", outside the prior bounds " + bijection.encode() + "; with transform-theta: true every "
                        + "simulated θ must lie inside them (set transform-theta: false to train on it anyway)");
            }
            if (out == theta) {
                out = theta.clone();
            }
            out[r] = fixed;
        }
        return out;
    }

    /**
     * Share of draws inside the prior support over up to {@value #PROBE_OBSERVATIONS} training observations spread
     * over {@code x}, {@value #PROBE_DRAWS} draws each.
     *
     * @param x training observations (in the network's data space)
     * @param draws draws at one observation: {@code (x, m, rng) → m rows of θ}
     * @param rng the only source of randomness
     * @return the acceptance
     */
    public double probeAcceptance(double[][] x, ProbeDraws draws, UniformRandomProvider rng) {
        int k = Math.min(PROBE_OBSERVATIONS, x.length);
        long inside = 0;
        for (int i = 0; i < k; i++) {
            for (double[] theta : draws.draw(x[(int) ((long) i * x.length / k)], PROBE_DRAWS, rng)) {
                if (inSupport(theta)) {
                    inside++;
                }
            }
        }
        return (double) inside / ((long) k * PROBE_DRAWS);
    }

    /** Draws at a given observation, for {@link #probeAcceptance}. */
    @FunctionalInterface
    public interface ProbeDraws {
        /**
         * @param x an observation
         * @param m number of draws
         * @param rng randomness
         * @return {@code m} rows of θ
         */
        double[][] draw(double[] x, int m, UniformRandomProvider rng);
    }

    /**
     * Checks a model file against the prior it is loaded with: the prior's bounds when it was saved, and the
     * coordinates the settings now give.
     *
     * @param estimator the estimator's name, for messages
     * @param savedPriorBounds the saved {@code prior-bounds} property
     * @param saved the saved bijection
     * @param expected the bijection the settings and the prior give now
     * @param prior the prior
     * @throws IOException when they differ
     */
    public static void checkSavedBounds(String estimator, String savedPriorBounds, ThetaBijection saved,
                                        ThetaBijection expected, Prior prior) throws IOException {
        String bounds = ThetaBijection.forPrior(prior).encode();
        if (!bounds.equals(savedPriorBounds)) {
            throw new IOException(estimator + " model was trained with prior bounds " + savedPriorBounds
                    + " but the prior now has " + bounds);
        }
        if (!expected.encode().equals(saved.encode())) {
            throw new IOException(estimator + " model was trained with prior bounds " + saved.encode()
                    + " but the prior now has " + bounds);
        }
    }

    /**
     * Checks that every θ row has the prior's dimension.
     *
     * @param theta rows
     * @throws SbiException naming the first bad row
     */
    public void checkRows(double[][] theta) {
        requireNonNull(theta, "theta is null");
        int d = prior.dimension();
        for (int r = 0; r < theta.length; r++) {
            if (theta[r] == null || theta[r].length != d) {
                throw SbiException.userError("θ row " + r + " has " + (theta[r] == null ? "no" : theta[r].length)
                        + " values but the prior has " + d + " parameters (" + String.join(", ",
                        prior.parameterNames()) + ")");
            }
        }
    }

    /** Whether the bijection covers the support (then nothing is ever rejected and Z = 1). */
    public boolean coversSupport() {
        return covers;
    }

    /**
     * Whether θ lies inside the prior support and the bijection's open support (a logit draw rounded onto a
     * bound is rejected too, so that every sample has a finite log density).
     */
    public boolean inSupport(double[] theta) {
        return bijection.inSupport(theta) && prior.inSupport(theta);
    }

    /**
     * {@code n} draws inside the support, by rejection.
     *
     * @param observation x₀ (for messages)
     * @param n number of draws
     * @param rng the only source of randomness
     * @param proposals the untruncated posterior at x₀
     * @param withDensity whether to return the truncated log densities too (then {@link #logNormalizer} may run)
     * @return the draws
     */
    public Draws sample(double[] observation, int n, UniformRandomProvider rng, Proposals proposals,
                        boolean withDensity) {
        if (n < 0) {
            throw new IllegalArgumentException("number of samples must be at least 0, got " + n);
        }
        requireNonNull(rng, "rng is null");
        if (n == 0) {
            return new Draws(new double[0][prior.dimension()], withDensity ? new double[0] : null);
        }
        double[][] out = new double[n][];
        double[] outDensity = withDensity ? new double[n] : null;
        int filled = 0;
        long drawn = 0;
        long kept = 0;
        while (filled < n) {
            int remaining = n - filled;
            int m;
            if (drawn == 0) {
                m = remaining;
            } else {
                double rate = (kept + 1.0) / (drawn + 1.0);
                m = (int) Math.min(MAX_ROUND, Math.ceil(remaining / rate * 1.1) + 16);
            }
            double[] density = withDensity ? new double[m] : null;
            double[][] draws = proposals.draw(m, rng, density);
            drawn += m;
            for (int i = 0; i < m; i++) {
                if (inSupport(draws[i])) {
                    kept++;
                    if (filled < n) {
                        if (withDensity) {
                            outDensity[filled] = density[i];
                        }
                        out[filled++] = draws[i];
                    }
                }
            }
            if (filled < n && drawn >= VERDICT_DRAWS
                    && (kept < minAcceptance * drawn || (kept == 0 && drawn >= GIVE_UP_DRAWS))) {
                record(drawn, kept);
                throw massOutside(observation, kept, drawn);
            }
        }
        record(drawn, kept);
        if (withDensity && !covers) {
            double logZ = logNormalizer(observation, proposals);
            for (int i = 0; i < n; i++) {
                outDensity[i] -= logZ;
            }
        }
        return new Draws(out, outDensity);
    }

    /**
     * Truncates untruncated log densities in place: {@code −∞} outside the support, minus log Z inside.
     *
     * @param theta the points
     * @param logDensity their untruncated log densities, overwritten
     * @param observation x₀
     * @param proposals the untruncated posterior at x₀ (for Z)
     */
    public void truncate(double[][] theta, double[] logDensity, double[] observation, Proposals proposals) {
        double logZ = covers ? 0.0 : logNormalizer(observation, proposals);
        for (int r = 0; r < theta.length; r++) {
            logDensity[r] = prior.inSupport(theta[r]) && logDensity[r] > Double.NEGATIVE_INFINITY
                    ? logDensity[r] - logZ : Double.NEGATIVE_INFINITY;
        }
    }

    private void record(long drawn, long kept) {
        proposed.addAndGet(drawn);
        accepted.addAndGet(kept);
        if (kept < WARN_ACCEPTANCE * drawn && warned.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, String.format(Locale.ROOT, "%s: only %.2f%% of the posterior "
                    + "draws fell inside the prior support and the rest were redrawn; train with "
                    + "transform-theta: true (and transform-intervals: true for a box prior) to avoid this", estimator,
                    100.0 * kept / drawn));
        }
    }

    private SbiException massOutside(double[] observation, long kept, long drawn) {
        return SbiException.userError(String.format(Locale.ROOT, "the %s posterior for the observation %s puts "
                + "its mass outside the prior support: only %d of %d draws (%.4f%%, below min-acceptance %.4f%%) "
                + "fell inside. The observation may lie far from every simulation (check it against the simulated "
                + "data), or train with transform-theta: true (and transform-intervals: true for a box prior) so that "
                + "all draws respect the prior's bounds", estimator.toUpperCase(Locale.ROOT), describe(observation),
                kept, drawn, 100.0 * kept / drawn, 100.0 * minAcceptance));
    }

    /** Share of all draws made so far by {@link #sample} that fell inside the prior support (1 before any). */
    public double acceptanceRate() {
        long p = proposed.get();
        return p == 0 ? 1.0 : (double) accepted.get() / p;
    }

    /** Number of draws {@link #sample} has made so far, kept or rejected. */
    public long drawsProposed() {
        return proposed.get();
    }

    /**
     * log Z(x₀), the log of the mass the untruncated density puts inside the prior support (0 with a covering
     * bijection), estimated by Monte Carlo with a generator seeded by x₀ and cached.
     *
     * @param observation x₀
     * @param proposals the untruncated posterior at x₀
     * @return log Z(x₀)
     */
    public double logNormalizer(double[] observation, Proposals proposals) {
        if (covers) {
            return 0.0;
        }
        Observation key = new Observation(observation.clone());
        Double cached = logNormalizers.get(key);
        if (cached != null) {
            return cached;
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(Arrays.hashCode(observation) * 31L + 7);
        int inside = 0;
        for (double[] row : proposals.draw(NORMALIZER_DRAWS, rng, null)) {
            if (inSupport(row)) {
                inside++;
            }
        }
        if (inside == 0 || inside < minAcceptance * NORMALIZER_DRAWS) {
            throw massOutside(observation, inside, NORMALIZER_DRAWS);
        }
        double logZ = Math.log((double) inside / NORMALIZER_DRAWS);
        if (logNormalizers.size() >= MAX_CACHED_NORMALIZERS) {
            logNormalizers.clear();
        }
        logNormalizers.put(key, logZ);
        return logZ;
    }

    private static String describe(double[] observation) {
        if (observation.length <= 6) {
            return Arrays.toString(observation);
        }
        return "[" + observation[0] + ", " + observation[1] + ", …] (" + observation.length + " values)";
    }

    /** An observation as a map key, compared by value. */
    private static final class Observation {
        private final double[] values;
        private final int hash;

        Observation(double[] values) {
            this.values = values;
            this.hash = Arrays.hashCode(values);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Observation o && Arrays.equals(values, o.values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
