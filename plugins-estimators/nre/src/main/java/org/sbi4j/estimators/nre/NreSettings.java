package org.sbi4j.estimators.nre;

import org.sbi4j.nn.Activation;
import org.sbi4j.nn.DataTransform;
import org.sbi4j.nn.TrainingConfig;
import org.sbi4j.nn.TrainingSettings;
import org.sbi4j.spi.Setting;

/**
 * Settings of {@code nre}. The classifier follows sbi's NRE default (a residual network of 2 blocks, 50 hidden
 * units, ReLU). Training differs from NPE's: Adam at 2·10⁻³ annealed to 0 by a cosine schedule over 200 epochs
 * (batches of 200, 10% validation, clipping at norm 5, weights averaged over about 3 epochs, the best validation
 * epoch kept), with patience 200, so early stopping does not cut the schedule short. The classification loss
 * saturates early (almost every marginal pair is easy to tell from a joint one) and its validation loss stops
 * improving long before the ratio is resolved near the posterior; only the annealed, small steps at the end learn
 * that part (gaussian_mixture 10⁴, observations 1–3: C2ST 0.72 with NPE's constant 5·10⁻⁴ and patience 20, 0.61
 * with this schedule). θ is mapped through NPE's bijection (log for half-bounded parameters) and z-scored, x is
 * z-scored after the same automatic log of wide positive columns. A batch holds at least two joint pairs.
 */
public final class NreSettings extends TrainingSettings {

    @Setting("classification task: a (AALR: joint against marginal pairs, balanced; default), b (contrastive "
            + "among atoms; the ratio is then known only up to a constant per observation) or c (contrastive with a "
            + "class for 'no joint pair', weight gamma)")
    public NreVariant variant = NreVariant.A;

    @Setting("atoms K per observation of variants b and c, 2..1000 (sbi: 10)")
    public int atoms = 10;

    @Setting("variant c: odds γ = p(a joint pair among the atoms) / p(none), > 0 (sbi: 1)")
    public double gamma = 1.0;

    @Setting("width of the classifier's hidden layers, 1..10000")
    public int hiddenFeatures = 50;

    @Setting("residual blocks of the classifier, 0..20")
    public int blocks = 2;

    @Setting("nonlinearity of the classifier: relu (default), elu, tanh or gelu")
    public Activation activation = Activation.RELU;

    @Setting("take the log of data columns before standardising: auto (when every simulated value is positive, "
            + "the columns that span more than two decades), all, or none")
    public DataTransform.Mode logData = DataTransform.Mode.AUTO;

    /** nre's training defaults: a cosine schedule from 2·10⁻³ over 200 epochs that early stopping does not cut. */
    public NreSettings() {
        learningRate = 2e-3;
        schedule = TrainingConfig.Schedule.COSINE;
        maxEpochs = 200;
        patience = 200;
    }

    @Override
    public void validate() {
        if (variant == null) {
            throw new IllegalArgumentException("variant is missing: it must be a, b or c");
        }
        range("atoms", atoms, 2, 1000);
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw bad("gamma", gamma, "a finite number > 0");
        }
        range("hidden-features", hiddenFeatures, 1, 10_000);
        range("blocks", blocks, 0, 20);
        if (activation == null || activation == Activation.IDENTITY) {
            throw bad("activation", activation, "relu, elu, tanh or gelu");
        }
        if (batchSize < 2) {
            throw bad("batch-size", batchSize, ">= 2");
        }
        if (variant != NreVariant.A && batchSize <= atoms) {
            throw bad("batch-size", batchSize, "more than atoms (" + atoms + "): the atoms of an observation are the "
                    + "other θ of its batch");
        }
        if (logData == null) {
            throw new IllegalArgumentException("log-data is missing: it must be auto, all or none");
        }
        validateTraining();
    }

    private static void range(String name, int value, int low, int high) {
        if (value < low || value > high) {
            throw bad(name, value, low + ".." + high);
        }
    }

    private static IllegalArgumentException bad(String name, Object value, String allowed) {
        return new IllegalArgumentException(name + " = " + value + " is invalid; allowed: " + allowed);
    }
}
