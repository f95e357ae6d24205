package org.sbi4j.estimators.fmpe;

import java.util.Arrays;
import java.util.Locale;
import org.sbi4j.api.SbiException;
import org.sbi4j.nn.NeuralSettings;
import org.sbi4j.nn.VectorFieldSpec;
import org.sbi4j.nn.ode.OdeSolver;
import org.sbi4j.spi.Setting;

/**
 * Settings of {@code fmpe}: the probability path (σ_min, the time prior's exponent α), the vector field (a
 * residual network gated by time features and an MLP embedding of x), training (Adam, validation at fixed times,
 * early stopping, weight averaging, with npe's defaults) and the ODE solver of sampling and of the log density.
 * With these defaults two_moons at 10⁴ simulations reaches C2ST 0.598 (observations 1–10); the comparisons behind
 * them, and what is not measured yet, are in {@code docs/benchmarks.md} (FMPE).
 * {@link #validate()} refuses bad values with a user error that names the setting and what it accepts.
 */
public final class FmpeSettings extends NeuralSettings {

    /**
     * fmpe splits each training batch into two shards (the gradient of the whole batch, summed from two halves, so
     * both cores train): on two_moons 10⁴ the same 242 epochs (best 222, validation loss 0.5032) and C2ST 0.5984
     * against 0.5981 with one shard (docs/benchmarks.md, fifth session).
     */
    public FmpeSettings() {
        shards = 2;
    }

    @Setting("σ_min of the Gaussian optimal-transport path, [0, 0.5]: the noise level left at t = 1 "
            + "(θ_t = (1 − (1 − σ_min)t)·θ₀ + t·θ₁); the FMPE authors use 1e-4, DINGO 1e-3")
    public double sigmaMin = 1e-3;

    @Setting("time-prior exponent α >= 0: training times t = U^(1/(1+α)), density (1+α)·t^α, so larger α trains "
            + "more near t = 1 where the posterior's detail forms; 0 = uniform")
    public double timePriorExponent = 1.0;

    @Setting("width of the residual stream and of every residual block, 1..10000 (64 with 3 blocks costs about a "
            + "quarter and was nearly as accurate on two moons with 5,000 simulations: KL 1.15 vs 1.12 nats)")
    public int hiddenFeatures = 128;

    @Setting("number of residual blocks, each gated by [time features, embedded x], 1..100")
    public int blocks = 4;

    @Setting("layer norm before each activation inside the blocks")
    public boolean layerNorm = false;

    @Setting("sinusoidal time frequencies F: time features [t, sin(2π·s·2^k·t), cos(2π·s·2^k·t)], k < F, s = 1/4, "
            + "0..16")
    public int timeFrequencies = 3;

    @Setting("output width of the x embedding (MLP, or conv with embedding: conv) that gates every block, >= 0; "
            + "0 feeds the z-scored x directly (not with embedding: conv)")
    public int embeddingDim = 32;

    @Setting("hidden-layer widths of the MLP x embedding, each >= 1; empty = a linear projection")
    public int[] embeddingHidden = {64};

    @Setting("ODE solver of sampling and of the log density: dopri5 (adaptive Dormand-Prince 5(4), default), "
            + "rk4, midpoint or euler (fixed steps)")
    public OdeMethod solver = OdeMethod.DOPRI5;

    @Setting("relative tolerance of dopri5, (0, 1); also bounds the accuracy of the log density (DINGO uses 1e-7; "
            + "on two moons the log densities at 1e-3, 1e-4 and 1e-5 agreed to 0.002 nats, 1e-5 costs 1.5x the "
            + "evaluations of 1e-4)")
    public double rtol = 1e-4;

    @Setting("absolute tolerance of dopri5 (standardised θ units), (0, 1)")
    public double atol = 1e-4;

    @Setting("relative tolerance of dopri5 when drawing without densities, (0, 1); rtol, atol keep bounding the log "
            + "densities and the draws with densities (on two moons 10^4, 1e-3 cut a 10,000-draw solve from 50-62 to "
            + "38-44 evaluations and moved the C2ST from 0.5981 to 0.5999)")
    public double sampleRtol = 1e-4;

    @Setting("absolute tolerance of dopri5 when drawing without densities (standardised θ units), (0, 1)")
    public double sampleAtol = 1e-4;

    @Setting("row shards of sampling and of the log density, 1..64: the draws (or rows) of one observation are cut "
            + "into a multiple of this many ODE solves, which run on the job's threads; the results depend on this "
            + "number, never on the threads (an adaptive solver takes its own steps in each shard)")
    public int samplingShards = 2;

    @Setting("number of equal steps of the fixed-step solvers (rk4, midpoint, euler), 1..100000")
    public int steps = 50;

    @Setting("divergence in the log density's ODE: exact (d backward passes per evaluation, default) or "
            + "hutchinson (an unbiased stochastic estimate, seeded by the observation)")
    public DivergenceMethod divergence = DivergenceMethod.EXACT;

    @Setting("Rademacher probes per evaluation of the hutchinson divergence, 1..1000")
    public int hutchinsonProbes = 1;

    @Setting("simulator feedback (flow matching with simulator feedback): {control: none|gradient|learned, "
            + "gate-time, budget, width, depth, steps, scheme, cost, ...}; none (default) is plain fmpe")
    public FeedbackSettings feedback = new FeedbackSettings();

    @Override
    public void validate() {
        check(sigmaMin >= 0 && sigmaMin <= 0.5, "sigma-min", sigmaMin, "a number in [0, 0.5], e.g. 0.001");
        check(timePriorExponent >= 0 && Double.isFinite(timePriorExponent), "time-prior-exponent",
                timePriorExponent, "a finite number >= 0 (0 = uniform times)");
        check(hiddenFeatures >= 1 && hiddenFeatures <= 10_000, "hidden-features", hiddenFeatures, "1..10000");
        check(blocks >= 1 && blocks <= 100, "blocks", blocks, "1..100");
        check(timeFrequencies >= 0 && timeFrequencies <= 16, "time-frequencies", timeFrequencies, "0..16");
        check(embeddingDim >= 0, "embedding-dim", embeddingDim, "0 (no embedding) or a width >= 1");
        check(embedding != EmbeddingType.CONV || embeddingDim >= 1, "embedding-dim", embeddingDim,
                "a width >= 1 with embedding: conv");
        check(embeddingHidden != null, "embedding-hidden", "null", "a list of widths >= 1, or [] for none");
        for (int width : embeddingHidden) {
            check(width >= 1, "embedding-hidden", Arrays.toString(embeddingHidden), "widths >= 1");
        }
        try {
            validateShared();
        } catch (IllegalArgumentException e) {
            throw SbiException.userError("fmpe: " + e.getMessage());
        }
        check(solver != null, "solver", "null", "dopri5, rk4, midpoint or euler");
        check(rtol > 0 && rtol < 1, "rtol", rtol, "a number in (0, 1), e.g. 1e-5");
        check(atol > 0 && atol < 1, "atol", atol, "a number in (0, 1), e.g. 1e-5");
        check(sampleRtol > 0 && sampleRtol < 1, "sample-rtol", sampleRtol, "a number in (0, 1), e.g. 1e-3");
        check(sampleAtol > 0 && sampleAtol < 1, "sample-atol", sampleAtol, "a number in (0, 1), e.g. 1e-3");
        check(samplingShards >= 1 && samplingShards <= 64, "sampling-shards", samplingShards, "1..64");
        check(steps >= 1 && steps <= 100_000, "steps", steps, "1..100000");
        check(divergence != null, "divergence", "null", "exact or hutchinson");
        check(hutchinsonProbes >= 1 && hutchinsonProbes <= 1000, "hutchinson-probes", hutchinsonProbes, "1..1000");
        check(feedback != null, "feedback", "null", "a section such as {control: learned}");
        feedback.validate();
    }

    /** A user error naming the setting, its value and what it accepts, unless {@code ok}. */
    static void check(boolean ok, String key, Object value, String allowed) {
        if (!ok) {
            throw SbiException.userError(String.format(Locale.ROOT, "fmpe: %s = %s is invalid; allowed: %s", key,
                    value, allowed));
        }
    }

    /**
     * The vector field's architecture (dimensions are filled in from the training data).
     *
     * @param dataLength length of x
     * @return the spec
     * @throws IllegalArgumentException when a conv embedding's image shape does not match the data
     */
    VectorFieldSpec fieldSpec(int dataLength) {
        VectorFieldSpec spec = new VectorFieldSpec();
        spec.hiddenFeatures = hiddenFeatures;
        spec.blocks = blocks;
        spec.layerNorm = layerNorm;
        spec.timeFrequencies = timeFrequencies;
        spec.embeddingDim = embeddingDim;
        spec.convEmbedding = embeddingDim > 0 ? convEmbedding(dataLength) : null;
        spec.embeddingHidden = embeddingDim > 0 && spec.convEmbedding == null ? embeddingHidden.clone() : new int[0];
        return spec;
    }

    /** A fresh ODE solver of log densities (and draws with densities) for one thread. */
    OdeSolver odeSolver() {
        return solver.solver(rtol, atol, steps);
    }

    /** A fresh ODE solver of draws without densities for one thread. */
    OdeSolver sampleSolver() {
        return solver.solver(sampleRtol, sampleAtol, steps);
    }
}
