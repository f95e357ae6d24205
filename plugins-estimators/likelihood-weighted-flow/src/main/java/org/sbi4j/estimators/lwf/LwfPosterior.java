package org.sbi4j.estimators.lwf;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Observations;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.nn.ConditionalDensity;
import org.sbi4j.nn.CopyPool;
import org.sbi4j.nn.ParameterRows;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.ThetaBijection;
import org.sbi4j.nn.SavedSummary;

/**
 * The posterior of a likelihood-weighted flow: q(θ | x₀) for any x₀ (amortised), or q(θ) for the one observation
 * it was trained for (non-amortised; other observations are refused).
 *
 * <p><b>Support.</b> The flow models θ after the prior-bounds bijection (log for a half-line, logit for an
 * interval), so q lives on the prior's support and is normalised there: {@link #logDensity} is exact and −∞
 * outside the support. A draw that rounding puts exactly on a bound (probability ≈ 2⁻⁵³) is redrawn.
 *
 * <p>Thread-safe: concurrent calls each borrow their own copy of the network.
 */
public final class LwfPosterior implements Posterior {
    /** Format tag written into every saved model. */
    static final String FORMAT = "likelihood-weighted-flow/1";
    private static final int MAX_REDRAWS = 100;

    private final Prior prior;
    private final List<String> dataNames;
    private final CopyPool<ConditionalDensity> pool;
    private final ThetaBijection bijection;
    private final double[] observation;
    private final TrainingSummary summary;

    /**
     * Draws with their log densities, from one pass through the flow.
     *
     * @param theta {@code n × d} draws
     * @param logDensity log q of each draw
     */
    public record Draws(double[][] theta, double[] logDensity) {
    }

    /**
     * @param prior the prior
     * @param dataNames the simulator's data names
     * @param density the trained density
     * @param observation the one observation of a non-amortised fit, or {@code null}
     * @param summary what the training did
     */
    LwfPosterior(Prior prior, List<String> dataNames, ConditionalDensity density, double[] observation,
                 TrainingSummary summary) {
        this.prior = requireNonNull(prior, "prior is null");
        this.dataNames = List.copyOf(dataNames);
        this.pool = new CopyPool<>(requireNonNull(density, "density is null"), ConditionalDensity::copy);
        this.bijection = density.bijection();
        this.observation = observation == null ? null : observation.clone();
        this.summary = requireNonNull(summary, "summary is null");
        if (density.spec().thetaDim != prior.dimension()) {
            throw new IllegalArgumentException("the density models " + density.spec().thetaDim
                    + " parameters but the prior has " + prior.dimension());
        }
        int expected = observation == null ? dataNames.size() : 0;
        if (density.spec().contextDim != expected) {
            throw new IllegalArgumentException("the density is conditioned on " + density.spec().contextDim
                    + " data values, expected " + expected);
        }
    }

    @Override
    public List<String> parameterNames() {
        return prior.parameterNames();
    }

    @Override
    public boolean hasLogDensity() {
        return true;
    }

    @Override
    public TrainingSummary trainingSummary() {
        return summary;
    }

    /** Whether the posterior answers any observation (false: only the one it was trained for). */
    public boolean isAmortised() {
        return observation == null;
    }

    @Override
    public double[][] sample(double[] x, int n, UniformRandomProvider rng) {
        return sampleWithLogDensity(x, n, rng).theta();
    }

    /**
     * Draws from q(θ | x₀) with log q of each draw (for importance sampling or diagnostics), in one pass.
     *
     * @param x x₀
     * @param n number of draws, at least 0
     * @param rng the only source of randomness
     * @return draws and their normalised log densities
     */
    public Draws sampleWithLogDensity(double[] x, int n, UniformRandomProvider rng) {
        double[] context = context(x);
        if (n < 0) {
            throw new IllegalArgumentException("number of samples must be at least 0, got " + n);
        }
        requireNonNull(rng, "rng is null");
        double[][] out = new double[n][];
        double[] logQ = new double[n];
        ConditionalDensity density = pool.borrow();
        try {
            double[] lq = new double[n];
            double[][] draws = density.sample(context, n, rng, lq);
            int[] missing = new int[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (inSupport(draws[i])) {
                    out[i] = draws[i];
                    logQ[i] = lq[i];
                } else {
                    missing[count++] = i;
                }
            }
            for (int attempt = 0; count > 0; attempt++) {
                if (attempt >= MAX_REDRAWS) {
                    throw new IllegalStateException("likelihood-weighted-flow: draws keep landing outside the prior "
                            + "support " + bijection.encode());
                }
                double[] lq2 = new double[count];
                double[][] again = density.sample(context, count, rng, lq2);
                int left = 0;
                for (int k = 0; k < count; k++) {
                    if (inSupport(again[k])) {
                        out[missing[k]] = again[k];
                        logQ[missing[k]] = lq2[k];
                    } else {
                        missing[left++] = missing[k];
                    }
                }
                count = left;
            }
        } finally {
            pool.release(density);
        }
        return new Draws(out, logQ);
    }

    private boolean inSupport(double[] theta) {
        return bijection.inSupport(theta) && prior.inSupport(theta);
    }

    /** The network's conditioning input for x₀: x₀ itself, or {@code null} for a non-amortised model. */
    private double[] context(double[] x) {
        Observations.check(x, dataNames, "the likelihood-weighted flow conditions on the data");
        if (observation == null) {
            return x;
        }
        if (!Arrays.equals(x, observation)) {
            throw SbiException.userError("this likelihood-weighted-flow model was trained for the one observation "
                    + Arrays.toString(observation) + " (non-amortised: the observation setting), not for "
                    + Arrays.toString(x) + "; train without the observation setting for an amortised model");
        }
        return null;
    }

    @Override
    public double[] logDensity(double[][] theta, double[] x) {
        double[] context = context(x);
        ParameterRows.check(theta, parameterNames());
        double[] out;
        ConditionalDensity density = pool.borrow();
        try {
            out = density.logDensity(theta, context);
        } finally {
            pool.release(density);
        }
        for (int r = 0; r < theta.length; r++) {
            if (!prior.inSupport(theta[r])) {
                out[r] = Double.NEGATIVE_INFINITY;
            }
        }
        return out;
    }

    /** {@inheritDoc} True: the flow is normalised on the prior's support by construction. */
    @Override
    public boolean isLogDensityNormalized() {
        return true;
    }

    /**
     * {@inheritDoc} Properties {@code format}, {@code amortised}, {@code prior-bounds}, {@code parameter-names},
     * {@code data-length}, the array {@code observation} of a non-amortised model, the flow under {@code flow/} and
     * the training summary under {@code summary/}.
     */
    @Override
    public void save(ModelWriter out) throws IOException {
        out.putProperty("format", FORMAT);
        out.putProperty("amortised", Boolean.toString(observation == null));
        out.putProperty("prior-bounds", ThetaBijection.forPrior(prior).encode());
        out.putProperty("parameter-names", String.join(",", parameterNames()));
        out.putProperty("data-length", Integer.toString(dataNames.size()));
        if (observation != null) {
            out.putArray("observation", observation, observation.length);
        }
        pool.prototype().write(out, "flow");
        SavedSummary.write(out, summary);
    }

    /**
     * Restores a posterior written by {@link #save}.
     *
     * @param reader the saved model
     * @param prior the prior, rebuilt from the saved configuration
     * @param dataNames the simulator's data names
     * @return an equivalent posterior: the same draws for the same generator
     * @throws IOException when an entry is missing or does not fit the problem
     */
    static LwfPosterior load(ModelReader reader, Prior prior, List<String> dataNames) throws IOException {
        String format = reader.property("format");
        if (!FORMAT.equals(format)) {
            throw new IOException("likelihood-weighted-flow model has format '" + format + "', this version reads "
                    + FORMAT);
        }
        String bounds = ThetaBijection.forPrior(prior).encode();
        if (!bounds.equals(reader.property("prior-bounds"))) {
            throw new IOException("likelihood-weighted-flow model was trained with prior bounds "
                    + reader.property("prior-bounds") + " but the prior now has " + bounds);
        }
        if (!Integer.toString(dataNames.size()).equals(reader.property("data-length"))) {
            throw new IOException("likelihood-weighted-flow model was trained on data of length "
                    + reader.property("data-length") + " but the simulator produces " + dataNames.size() + " values");
        }
        ConditionalDensity density = ConditionalDensity.read(reader, "flow", Precision.FLOAT32);
        if (!bounds.equals(density.bijection().encode())) {
            throw new IOException("likelihood-weighted-flow model has the bijection " + density.bijection().encode()
                    + " but the prior needs " + bounds);
        }
        double[] observation = Boolean.parseBoolean(reader.property("amortised")) ? null : reader.array("observation");
        TrainingSummary summary = SavedSummary.read(reader, "likelihood-weighted-flow");
        try {
            return new LwfPosterior(prior, dataNames, density, observation, summary);
        } catch (IllegalArgumentException e) {
            throw new IOException("likelihood-weighted-flow model does not fit the problem: " + e.getMessage(), e);
        }
    }
}
