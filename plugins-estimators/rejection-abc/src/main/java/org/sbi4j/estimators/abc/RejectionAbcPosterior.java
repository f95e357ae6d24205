package org.sbi4j.estimators.abc;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Observations;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.TrainingSummary;

/**
 * The rejection-ABC posterior: for each observation it keeps the closest simulations of its bank and samples
 * a Gaussian KDE on their parameters, truncated to the prior support, or resamples them. It has no density.
 * Immutable and thread-safe.
 */
final class RejectionAbcPosterior implements Posterior {
    static final String FORMAT = "rejection-abc/1";

    private final Prior prior;
    private final List<String> dataNames;
    private final SimulationBank bank;
    private final AbcOptions options;
    private final int kept;

    /**
     * @param prior the prior, for parameter names and the support of KDE draws
     * @param dataNames names of the data components, for error messages
     * @param bank the simulations
     * @param options the settings
     */
    RejectionAbcPosterior(Prior prior, List<String> dataNames, SimulationBank bank, AbcOptions options) {
        this.prior = requireNonNull(prior, "prior is null");
        this.dataNames = List.copyOf(dataNames);
        this.bank = requireNonNull(bank, "bank is null");
        this.options = requireNonNull(options, "options is null");
        if (bank.parameterDimension() != prior.dimension()) {
            throw new IllegalArgumentException("the simulations have " + bank.parameterDimension()
                    + " parameters but the prior has " + prior.dimension());
        }
        if (bank.dataDimension() != dataNames.size()) {
            throw new IllegalArgumentException("the simulations have " + bank.dataDimension()
                    + " data components but the simulator has " + dataNames.size());
        }
        this.kept = options.keptCount(bank.size());
    }

    /** How many simulations each observation keeps. */
    int keptCount() {
        return kept;
    }

    @Override
    public List<String> parameterNames() {
        return prior.parameterNames();
    }

    @Override
    public double[][] sample(double[] observation, int n, UniformRandomProvider rng) {
        checkObservation(observation);
        if (n < 0) {
            throw new IllegalArgumentException("number of samples must be at least 0, got " + n);
        }
        requireNonNull(rng, "rng is null");
        int d = bank.parameterDimension();
        double[][] out = new double[n][d];
        if (n == 0) {
            return out;
        }
        int[] nearest = bank.nearest(observation, kept);
        if (options.kde()) {
            double[] points = new double[kept * d];
            for (int c = 0; c < kept; c++) {
                bank.copyParameters(nearest[c], points, c * d);
            }
            new GaussianKde(points, kept, d, options.bandwidth()).sample(out, prior, rng);
        } else {
            for (double[] row : out) {
                bank.copyParameters(nearest[rng.nextInt(kept)], row, 0);
            }
        }
        return out;
    }

    @Override
    public TrainingSummary trainingSummary() {
        return TrainingSummary.of(Map.of(
                "simulations-in-bank", (double) bank.size(),
                "simulations-kept-per-observation", (double) kept));
    }

    @Override
    public void save(ModelWriter out) throws IOException {
        int n = bank.size();
        out.putArray("theta", bank.theta(), n, bank.parameterDimension());
        out.putArray("x", bank.data(), n, bank.dataDimension());
        out.putArray("scales", bank.scales(), bank.dataDimension());
        out.putProperty("format", FORMAT);
        out.putProperty("simulations", Integer.toString(n));
        out.putProperty("kept", Integer.toString(kept));
        out.putProperty("scale", options.scale().name().toLowerCase(Locale.ROOT));
        out.putProperty("kde", Boolean.toString(options.kde()));
        out.putProperty("bandwidth", options.bandwidth().name().toLowerCase(Locale.ROOT));
    }

    /**
     * Restores a posterior written by {@link #save}.
     *
     * @param options the settings it was trained with
     * @param reader the saved model
     * @param prior the prior
     * @param dataNames the simulator's data names
     * @return an equivalent posterior: the same samples for the same generator
     * @throws IOException when an entry is missing or the arrays do not fit the problem
     */
    static RejectionAbcPosterior load(AbcOptions options, ModelReader reader, Prior prior, List<String> dataNames)
            throws IOException {
        String format = reader.property("format");
        if (!FORMAT.equals(format)) {
            throw new IOException("rejection-abc model has format '" + format + "', this version reads " + FORMAT);
        }
        int[] thetaShape = reader.shape("theta");
        int[] dataShape = reader.shape("x");
        if (thetaShape.length != 2 || thetaShape[1] != prior.dimension()) {
            throw new IOException("rejection-abc model: theta has shape " + java.util.Arrays.toString(thetaShape)
                    + " but the prior has " + prior.dimension() + " parameters");
        }
        if (dataShape.length != 2 || dataShape[0] != thetaShape[0] || dataShape[1] != dataNames.size()) {
            throw new IOException("rejection-abc model: x has shape " + java.util.Arrays.toString(dataShape)
                    + " but " + thetaShape[0] + " rows of " + dataNames.size() + " data components are expected");
        }
        SimulationBank bank;
        try {
            bank = SimulationBank.restore(reader.array("theta"), reader.array("x"), reader.array("scales"),
                    prior.dimension(), dataNames.size());
        } catch (IllegalArgumentException e) {
            throw new IOException("rejection-abc model: " + e.getMessage(), e);
        }
        RejectionAbcPosterior posterior = new RejectionAbcPosterior(prior, dataNames, bank, options);
        String savedKept = reader.property("kept");
        if (!Integer.toString(posterior.kept).equals(savedKept)) {
            throw new IOException("rejection-abc model kept " + savedKept + " simulations per observation but "
                    + "these settings keep " + posterior.kept + "; load it with the settings it was trained with");
        }
        return posterior;
    }

    private void checkObservation(double[] observation) {
        Observations.check(observation, dataNames, "rejection ABC needs finite data to compute distances");
    }
}
