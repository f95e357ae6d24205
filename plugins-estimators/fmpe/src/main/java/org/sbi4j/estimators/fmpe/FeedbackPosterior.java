package org.sbi4j.estimators.fmpe;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.TrainingSummary;
import org.sbi4j.nn.ConditionalVectorField;
import org.sbi4j.nn.ControlNetwork;
import org.sbi4j.nn.CopyPool;
import org.sbi4j.nn.DataTransform;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.SavedSummary;
import org.sbi4j.nn.SupportTruncation;
import org.sbi4j.nn.TruncatedPosterior;

/**
 * The fmpe posterior with simulator feedback (spec §4.6): the pretrained field integrated from noise to t_c with
 * fmpe's own solver ({@code solver}, adaptive by default, exactly as plain fmpe), then to t = 1 with
 * {@code feedback.steps} fixed steps of {@code feedback.scheme} with the velocity corrected by the control
 * network, where each stage evaluation runs the simulator once at the one-step estimates of all draws of a chunk (plus one
 * vector–Jacobian product for the gradient control with the l2 cost). The simulator's noise is fixed per draw.
 *
 * <p><b>No density.</b> The control depends on the simulator, so the controlled flow's divergence would need
 * the simulator's second derivatives: {@link #hasLogDensity()} is false, and the runtime skips importance-sampling
 * refinement and density-based diagnostics with that reason.
 *
 * <p>Draws depend only on the generator and n: the first value of the generator seeds the simulator noise, the rest
 * gives θ₀ as for plain fmpe. Thread-safe: each call borrows its own copy of the field and the control network.
 */
public final class FeedbackPosterior extends TruncatedPosterior {
    /** Format tag written into every saved model. */
    static final String FORMAT = "fmpe-feedback/1";

    /** The pair a sampling thread borrows. */
    private record Networks(ConditionalVectorField field, ControlNetwork control) {
        Networks copy() {
            return new Networks(field.copy(), control.copy());
        }
    }

    private final CopyPool<Networks> pool;
    private final FeedbackSettings settings;
    private final FmpeSettings fmpe;
    private final Simulator simulator;
    private final DataTransform dataTransform;

    /**
     * @param prior the prior
     * @param dataNames the simulator's data names
     * @param field the pretrained field
     * @param control the fine-tuned control network
     * @param dataTransform the log of data columns
     * @param settings the fmpe settings (feedback on)
     * @param simulator the simulator the control calls
     * @param summary what the training did
     */
    FeedbackPosterior(Prior prior, List<String> dataNames, ConditionalVectorField field, ControlNetwork control,
                      DataTransform dataTransform, FmpeSettings settings, Simulator simulator,
                      TrainingSummary summary) {
        super(FmpeEstimatorFactory.NAME, prior, dataNames, field.bijection(), dataTransform, settings.minAcceptance,
                summary);
        this.pool = new CopyPool<>(new Networks(field, control), Networks::copy);
        this.settings = requireNonNull(settings.feedback, "feedback is null");
        this.fmpe = settings;
        this.simulator = requireNonNull(simulator, "simulator is null");
        this.dataTransform = dataTransform;
        SimulatorFeedback probe = feedback(field);
        if (!probe.shape().equals(control.shape())) {
            throw new IllegalArgumentException("the control network has shape " + control.shape().encode()
                    + " but these settings and this simulator need " + probe.shape().encode());
        }
    }

    private SimulatorFeedback feedback(ConditionalVectorField field) {
        return new SimulatorFeedback(settings, simulator, field.coordinates(), dataTransform);
    }

    /** Simulator calls (likelihood-gradient evaluations for the likelihood cost) per draw. */
    public int simulatorCallsPerSample() {
        return feedback(pool.prototype().field()).callsPerSample();
    }

    @Override
    protected SupportTruncation.Proposals proposals(double[] context, double[] observation) {
        return (m, rng, logDensity) -> {
            if (logDensity != null) {
                throw new UnsupportedOperationException(noDensity());
            }
            UniformRandomProvider noise = RandomSource.XO_RO_SHI_RO_128_PP.create(rng.nextLong());
            return pool.apply(nets -> {
                SimulatorFeedback feedback = feedback(nets.field());
                double[] x0 = new double[context.length];
                for (int j = 0; j < x0.length; j++) {
                    x0[j] = nets.field().coordinates().x().apply(j, context[j]);
                }
                SimulatorFeedback.GatedSolver solver = new SimulatorFeedback.GatedSolver(fmpe.odeSolver(),
                        settings);
                return nets.field().sample(context, m, rng, solver, (velocity, from, rows) ->
                        feedback.controlled(velocity, nets.control(), rows, x0, observation,
                                feedback.samplingRunner(rows, noise), solver));
            });
        };
    }

    @Override
    protected double[] untruncatedLogDensity(double[][] theta, double[] context, double[] observation) {
        throw new UnsupportedOperationException(noDensity());
    }

    private static String noDensity() {
        return "fmpe with simulator feedback has no tractable density: its control depends on the simulator, so "
                + "the divergence of the controlled flow would need the simulator's second derivatives; sample it, "
                + "or use feedback.control: none for densities";
    }

    /** {@inheritDoc} False: the controlled flow has no tractable density. */
    @Override
    public boolean hasLogDensity() {
        return false;
    }

    /** {@inheritDoc} False: there is no density. */
    @Override
    public boolean isLogDensityNormalized() {
        return false;
    }

    @Override
    public double[] logDensity(double[][] theta, double[] observation) {
        throw new UnsupportedOperationException(noDensity());
    }

    @Override
    public void save(ModelWriter out) throws IOException {
        Networks nets = pool.prototype();
        nets.field().write(out, "field");
        nets.control().write(out, "control");
        writeCommon(out, FORMAT);
    }

    /**
     * Restores a posterior written by {@link #save}, with the simulator of the saved configuration.
     *
     * @param settings the settings it was trained with
     * @param reader the saved model
     * @param prior the prior
     * @param simulator the simulator rebuilt from the saved configuration
     * @return an equivalent posterior
     * @throws IOException when an entry is missing or does not fit
     */
    static FeedbackPosterior load(FmpeSettings settings, ModelReader reader, Prior prior, Simulator simulator)
            throws IOException {
        if (simulator == null) {
            throw SbiException.userError("fmpe with simulator feedback calls the simulator while sampling, but the "
                    + "saved model's configuration gives none; sample it with the configuration it was trained "
                    + "with");
        }
        checkFormat(reader, "fmpe", FORMAT);
        List<String> dataNames = simulator.dataNames();
        ConditionalVectorField field = ConditionalVectorField.read(reader, "field", Precision.FLOAT32);
        if (field.spec().thetaDim != prior.dimension() || field.spec().contextDim != dataNames.size()) {
            throw new IOException("fmpe model has " + field.spec().thetaDim + " parameters and data of length "
                    + field.spec().contextDim + ", but the prior has " + prior.dimension() + " parameters and the "
                    + "simulator produces " + dataNames.size() + " values");
        }
        SupportTruncation.checkSavedBounds("fmpe", reader.property("prior-bounds"), field.bijection(),
                SupportTruncation.bijectionFor(prior, settings.transformTheta, settings.transformIntervals), prior);
        ControlNetwork control = ControlNetwork.read(reader, "control", Precision.FLOAT32);
        try {
            return new FeedbackPosterior(prior, dataNames, field, control,
                    readDataTransform(reader, "fmpe", dataNames.size()), settings, simulator,
                    SavedSummary.read(reader, "fmpe"));
        } catch (IllegalArgumentException e) {
            throw new IOException("fmpe feedback model: " + e.getMessage(), e);
        }
    }
}
