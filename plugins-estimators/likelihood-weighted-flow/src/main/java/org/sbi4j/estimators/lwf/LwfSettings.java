package org.sbi4j.estimators.lwf;

import java.util.Locale;
import org.sbi4j.nn.DensityModelSpec;
import org.sbi4j.nn.TrainingConfig;
import org.sbi4j.nn.TrainingSettings;
import org.sbi4j.spi.Setting;

/**
 * Settings of {@code likelihood-weighted-flow}.
 *
 * <p><b>Budget.</b> In the amortised mode (the default) the run's simulation budget B is the number of training
 * observations x_j, simulated by the runtime from the prior predictive. Each observation then gets
 * {@code draws} proposal draws θ_ij and as many likelihood evaluations p(x_j | θ_ij) per round: B ·
 * {@code draws} in the first round, plus {@code draws} for each observation whose proposal is adapted in a later
 * round. The total is reported as the statistic {@code likelihood-evaluations}. With {@code observation} set
 * (the non-amortised mode) no simulations are used and the budget is {@code draws} per round.
 *
 * <p><b>Flow.</b> A neural spline flow (coupling, as NPE's default) in the unconstrained, z-scored θ
 * coordinates (log for a half-line, logit for an interval, so that every draw lies in the prior's support and
 * the density is exactly normalised).
 *
 * <p><b>Training.</b> The training loop's settings ({@link TrainingSettings}) apply to the final training
 * ({@code max-epochs}; each adaptation round trains {@code round-epochs}); {@code patience} is raised to span at
 * least {@value #MIN_PATIENCE_STEPS} Adam steps when there are few training rows.
 */
public final class LwfSettings extends TrainingSettings {

    /** Largest K tried by {@code components: auto}. */
    public static final int MAX_AUTO_COMPONENTS = 8;
    /** Fewest Adam steps the early-stopping patience spans. */
    public static final int MIN_PATIENCE_STEPS = 500;
    /** Largest explicit K. */
    public static final int MAX_COMPONENTS = 64;

    @Setting("base distribution of the flow: mixture (default; a trainable Gaussian mixture initialised by "
            + "weighted EM, against probability bridges between modes) or gaussian (N(0, I))")
    public BaseType base = BaseType.MIXTURE;

    @Setting("mixture components: auto (default; K = 1..8 by the BIC of a weighted EM fit per training "
            + "observation, with its effective sample size as n) or a number 1..64")
    public String components = "auto";

    @Setting("weight of a broad N(0, I) component (in the flow's z-scored coordinates, about the prior's width) "
            + "added to the EM-fitted mixture base, [0, 1); 0 = none. It gives the base mass between and beyond "
            + "the modes the few effective draws show, so a mode the EM fit missed or cut is not charged "
            + "an unbounded loss; the weight then trains with the others. Mixture base only. Measured: 0.05 "
            + "halves the KL on sign-symmetric 3-D but doubles the bridge mass on the 2-D tasks, hence 0")
    public double broadComponent = 0;

    @Setting("mixture base only: how the EM-fitted base trains with the flow: joint (default; base and flow "
            + "from the first step at the flow's learning rate) or frozen (the base keeps its EM fit while the "
            + "flow's transforms train, then an optional joint phase at joint-learning-rate)")
    public BaseTraining baseTraining = BaseTraining.JOINT;

    @Setting("base-training frozen only: learning rate of a joint phase (base and flow) after the frozen one, "
            + "kept only if it lowers the validation loss; 0 = no joint phase")
    public double jointLearningRate = 0;

    @Setting("proposal draws (and likelihood evaluations) per training observation per round, >= 2")
    public int draws = 128;

    @Setting("importance-weighted draws kept per observation for training, >= 1: all draws with a "
            + "non-zero weight when they are no more, else a systematic resample of this size (duplicates merged "
            + "into weights); in the non-amortised mode every draw is kept")
    public int keptDraws = 16;

    @Setting("effective sample size (Kish) per observation, as a share of draws, below which its weights count "
            + "as collapsed and its proposal is adapted, (0, 1]; with the default 0.1 and 128 draws: 12.8")
    public double minEssFraction = 0.1;

    @Setting("adaptation rounds after the first, 0..20: collapsed observations get new draws from a defensive "
            + "mixture of the prior and the current q(θ | x)")
    public int adaptationRounds = 3;

    @Setting("proposal of the adaptation rounds: auto (default; mixture with one observation, flow in the amortised "
            + "mode), mixture (per observation, population Monte Carlo: a Gaussian mixture in θ fitted by weighted "
            + "EM, K by proposal-criterion, to all its earlier draws with deterministic-mixture weights, tempered "
            + "only as far as an effective sample size of proposal-ess needs, refitted proposal-steps times per "
            + "round; no pilot "
            + "training) or flow (a pilot flow with a Gaussian base trained on the round's tempered draws, shared "
            + "by all observations)")
    public ProposalType proposal = ProposalType.AUTO;

    @Setting("proposal mixture only: effective sample size its fitting points are tempered up to when they have "
            + "fewer (a lower value tempers less, so the proposal tightens faster but sees fewer points), >= 2")
    public double proposalEss = 100;

    @Setting("proposal mixture only: how its number of components (1..8) is chosen: bic (default; the "
            + "fewest the draws support) or aic (more for the same draws: a superfluous one costs a few draws, a "
            + "missing one a mode). Measured: aic rescues a mode bic dropped on sign-symmetric 3-D but costs "
            + "KL on ring-of-modes, hence bic")
    public ProposalCriterion proposalCriterion = ProposalCriterion.BIC;

    @Setting("proposal mixture only: refits of the mixture per adaptation round, >= 1; the round's draws are "
            + "split into this many steps, each drawn from a mixture fitted to every draw before it (more, "
            + "smaller steps let the tempering advance further within the same likelihood evaluations)")
    public int proposalSteps = 3;

    @Setting("share of the prior in the defensive mixture proposal, (0, 1]")
    public double defensiveWeight = 0.2;

    @Setting("temper collapsed weights (likelihood^β with β < 1 chosen so the effective sample size reaches "
            + "twice the collapse threshold) before a proposal is fitted to them (flow: in every round but the "
            + "last; mixture: the pooled draws, up to proposal-ess), so that the proposal is wider "
            + "than the posterior while the draws are few")
    public boolean tempering = true;

    @Setting("the one observation to train for (non-amortised mode); empty (default) = amortised over "
            + "simulated observations")
    public double[] observation = {};

    @Setting("number of flow transforms, >= 1")
    public int transforms = 5;

    @Setting("width of the hidden layers of each conditioner network, >= 1")
    public int hiddenFeatures = 50;

    @Setting("hidden layers per conditioner network, >= 0")
    public int hiddenLayers = 2;

    @Setting("rational-quadratic spline bins per coordinate, 1..999")
    public int bins = 10;

    @Setting("half-width B of the spline interval [-B, B] in standardised units, > 0")
    public double tailBound = 4.0;

    @Setting("epochs of the training between adaptation rounds, >= 1")
    public int roundEpochs = 15;

    /** lwf's training defaults: larger batches and learning rate, and a shorter final training, than npe's. */
    public LwfSettings() {
        batchSize = 256;
        learningRate = 1e-3;
        patience = 10;
        maxEpochs = 300;
    }

    /**
     * {@inheritDoc} The architecture and training settings are checked by the neural library's own
     * validation ({@link DensityModelSpec#validate()}, {@link TrainingConfig#validate()}), with the same messages.
     */
    @Override
    public void validate() {
        if (base == null) {
            throw new IllegalArgumentException("base is missing: it must be gaussian or mixture");
        }
        if (baseTraining == null) {
            throw new IllegalArgumentException("base-training is missing: it must be joint or frozen");
        }
        if (!(jointLearningRate >= 0 && Double.isFinite(jointLearningRate))) {
            throw bad("joint-learning-rate", jointLearningRate, "a finite number >= 0");
        }
        if (proposalCriterion == null) {
            throw new IllegalArgumentException("proposal-criterion is missing: it must be bic or aic");
        }
        if (proposal == null) {
            throw new IllegalArgumentException("proposal is missing: it must be auto, mixture or flow");
        }
        fixedComponents();
        if (draws < 2 || keptDraws < 1) {
            throw draws < 2 ? bad("draws", draws, "2..2147483647") : bad("kept-draws", keptDraws, ">= 1");
        }
        if (!(minEssFraction > 0 && minEssFraction <= 1)) {
            throw bad("min-ess-fraction", minEssFraction, "(0, 1]");
        }
        if (adaptationRounds < 0 || adaptationRounds > 20) {
            throw bad("adaptation-rounds", adaptationRounds, "0..20");
        }
        if (!(broadComponent >= 0 && broadComponent < 1)) {
            throw bad("broad-component", broadComponent, "[0, 1)");
        }
        if (!(defensiveWeight > 0 && defensiveWeight <= 1)) {
            throw bad("defensive-weight", defensiveWeight, "(0, 1]");
        }
        if (observation == null || !java.util.Arrays.stream(observation).allMatch(Double::isFinite)) {
            throw bad("observation", java.util.Arrays.toString(observation), "finite numbers, or [] for the "
                    + "amortised mode");
        }
        if (proposalSteps < 1) {
            throw bad("proposal-steps", proposalSteps, ">= 1");
        }
        if (!(proposalEss >= 2)) {
            throw bad("proposal-ess", proposalEss, ">= 2");
        }
        if (roundEpochs < 1) {
            throw bad("round-epochs", roundEpochs, ">= 1");
        }
        DensityModelSpec spec = modelSpec(base, 1);
        spec.thetaDim = 1;
        spec.validate();
        validateTraining();
    }

    /** Whether the run is amortised (no fixed observation). */
    boolean amortised() {
        return observation.length == 0;
    }

    /**
     * The explicit number of components, or 0 for {@code auto}.
     *
     * @return K, or 0
     */
    int fixedComponents() {
        String text = components == null ? "" : components.trim().toLowerCase(Locale.ROOT);
        if (text.equals("auto")) {
            return 0;
        }
        try {
            int k = Integer.parseInt(text);
            if (k >= 1 && k <= MAX_COMPONENTS) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad("components", components, "auto or a whole number 1.." + MAX_COMPONENTS);
    }

    /**
     * The architecture; the dimensions come from the data.
     *
     * @param baseType the base distribution
     * @param components mixture components (ignored for a Gaussian base)
     * @return the spec
     */
    DensityModelSpec modelSpec(BaseType baseType, int components) {
        DensityModelSpec spec = new DensityModelSpec();
        spec.type = DensityModelSpec.Type.NSF;
        spec.transforms = transforms;
        spec.hiddenFeatures = hiddenFeatures;
        spec.hiddenLayers = hiddenLayers;
        spec.bins = bins;
        spec.tailBound = tailBound;
        if (baseType == BaseType.MIXTURE) {
            spec.base = DensityModelSpec.Base.GAUSSIAN_MIXTURE;
            spec.baseComponents = components;
            spec.baseFullCovariance = true;
        }
        return spec;
    }

    /** The collapse threshold on the effective sample size. */
    double minEss() {
        return minEssFraction * draws;
    }

    /**
     * The training loop's settings.
     *
     * @param last the final training (else a round's)
     * @param rows training rows, which set the steps per epoch
     * @return the settings
     */
    TrainingConfig trainingConfig(boolean last, int rows) {
        TrainingConfig config = trainingConfig();
        long stepsPerEpoch = Math.max(1, ((long) Math.round(rows * (1 - validationFraction)) + batchSize - 1)
                / batchSize);
        config.patience = (int) Math.max(patience, (MIN_PATIENCE_STEPS + stepsPerEpoch - 1) / stepsPerEpoch);
        config.maxEpochs = last ? maxEpochs : roundEpochs;
        return config;
    }

    private static IllegalArgumentException bad(String name, Object value, String allowed) {
        return new IllegalArgumentException(name + " = " + value + " is invalid; allowed: " + allowed);
    }
}
