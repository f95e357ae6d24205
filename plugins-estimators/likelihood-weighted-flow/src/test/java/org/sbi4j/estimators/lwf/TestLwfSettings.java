package org.sbi4j.estimators.lwf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.Capability;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulator;
import org.sbi4j.nn.DensityModelSpec;
import org.sbi4j.testing.ConjugateGaussian;
import org.sbi4j.testing.SeededFitContext;

/** Defaults, validation, the requirements of both modes, and the refusal of a simulator without likelihood. */
class TestLwfSettings {

    @Test
    void defaultsAreValidAndAmortisedWithAnAutoMixture() {
        LwfSettings s = new LwfSettings();
        s.validate();
        assertThat(s.amortised()).isTrue();
        assertThat(s.base).isEqualTo(BaseType.MIXTURE);
        assertThat(s.fixedComponents()).isZero();
        DensityModelSpec spec = s.modelSpec(BaseType.MIXTURE, 4);
        assertThat(spec.type).isEqualTo(DensityModelSpec.Type.NSF);
        assertThat(spec.base).isEqualTo(DensityModelSpec.Base.GAUSSIAN_MIXTURE);
        assertThat(spec.baseComponents).isEqualTo(4);
        assertThat(s.modelSpec(BaseType.GAUSSIAN, 4).base).isEqualTo(DensityModelSpec.Base.STANDARD_NORMAL);
        assertThat(s.trainingConfig(true, 100_000).maxEpochs).isEqualTo(300);
        assertThat(s.trainingConfig(true, 100_000).patience).isEqualTo(10);
        assertThat(s.trainingConfig(false, 100_000).maxEpochs).isEqualTo(15);
        // 1,000 rows: 900 training rows = 4 steps per epoch, so the patience spans 125 epochs = 500 steps
        assertThat(s.trainingConfig(true, 1000).patience).isEqualTo(125);
        assertThat(s.minEss()).isEqualTo(12.8);
        assertThat(s.proposal.resolve(true)).isEqualTo(ProposalType.FLOW);
        assertThat(s.proposal.resolve(false)).isEqualTo(ProposalType.MIXTURE);
        assertThat(s.proposalCriterion).isEqualTo(ProposalCriterion.BIC);
        assertThat(s.baseTraining).isEqualTo(BaseTraining.JOINT);
        assertThat(s.jointLearningRate).isZero();
        assertThat(new LwfEstimator(s).requirements()).containsExactlyInAnyOrder(Capability.SIMULATIONS,
                Capability.LIKELIHOOD);
        s.components = " 3 ";
        assertThat(s.fixedComponents()).isEqualTo(3);
        s.observation = new double[] {1, 2};
        assertThat(new LwfEstimator(s).requirements()).containsExactly(Capability.LIKELIHOOD);
    }

    @Test
    void invalidValuesNameTheSettingAndTheRange() {
        rejects(s -> s.components = "many", "components = many", "auto or a whole number 1..64");
        rejects(s -> s.components = "0", "components = 0", "1..64");
        rejects(s -> s.draws = 1, "draws = 1", "2..");
        rejects(s -> s.keptDraws = 0, "kept-draws = 0", ">= 1");
        rejects(s -> s.minEssFraction = 0, "min-ess-fraction = 0.0", "(0, 1]");
        rejects(s -> s.adaptationRounds = 21, "adaptation-rounds = 21", "0..20");
        rejects(s -> s.defensiveWeight = 0, "defensive-weight = 0.0", "(0, 1]");
        rejects(s -> s.broadComponent = 1, "broad-component = 1.0", "[0, 1)");
        rejects(s -> s.broadComponent = -0.1, "broad-component = -0.1", "[0, 1)");
        rejects(s -> s.observation = new double[] {1, Double.NaN}, "observation = [1.0, NaN]", "finite");
        rejects(s -> s.transforms = 0, "transforms = 0", ">= 1");
        rejects(s -> s.bins = 1000, "bins = 1000", "1..999");
        rejects(s -> s.patience = 0, "patience = 0", ">= 1");
        rejects(s -> s.base = null, "base is missing", "gaussian or mixture");
        rejects(s -> s.learningRate = -1, "learning-rate = -1.0", "> 0");
        rejects(s -> s.validationFraction = 1, "validation-fraction = 1.0", "[0, 1)");
        rejects(s -> s.roundEpochs = 0, "round-epochs = 0", ">= 1");
        rejects(s -> s.proposalSteps = 0, "proposal-steps = 0", ">= 1");
        rejects(s -> s.proposalEss = 1, "proposal-ess = 1.0", ">= 2");
        rejects(s -> s.proposal = null, "proposal is missing", "auto, mixture or flow");
        rejects(s -> s.proposalCriterion = null, "proposal-criterion is missing", "bic or aic");
        rejects(s -> s.baseTraining = null, "base-training is missing", "joint or frozen");
        rejects(s -> s.jointLearningRate = -1e-4, "joint-learning-rate = -1.0E-4", ">= 0");
    }

    private static void rejects(Consumer<LwfSettings> change, String what, String range) {
        LwfSettings s = new LwfSettings();
        change.accept(s);
        assertThatThrownBy(s::validate).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(what)
                .hasMessageContaining(range);
    }

    @Test
    void aSimulatorWithoutLikelihoodIsAUserError() {
        ConjugateGaussian model = ConjugateGaussian.standard();
        Simulator simulationsOnly = new Simulator() {
            @Override
            public List<String> parameterNames() {
                return model.parameterNames();
            }

            @Override
            public List<String> dataNames() {
                return model.dataNames();
            }

            @Override
            public Optional<Prior> defaultPrior() {
                return model.defaultPrior();
            }

            @Override
            public SimulationResult simulate(double[][] theta, UniformRandomProvider rng) {
                return model.simulate(theta, rng);
            }
        };
        LwfSettings s = new LwfSettings();
        s.observation = new double[] {0, 0};
        InferenceProblem problem = new InferenceProblem(model.defaultPrior().orElseThrow(), simulationsOnly, null);
        assertThatThrownBy(() -> new LwfEstimatorFactory().create(s, () -> Path.of("")).fit(problem,
                SeededFitContext.of(1))).isInstanceOfSatisfying(SbiException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.USER_ERROR)).hasMessageContaining("likelihood");
        assertThat(Set.of(Capability.LIKELIHOOD)).allMatch(c -> !c.isProvidedBy(simulationsOnly));
    }

    @Test
    void anObservationOfTheWrongLengthIsAUserError() {
        ConjugateGaussian model = ConjugateGaussian.standard();
        LwfSettings s = new LwfSettings();
        s.observation = new double[] {0, 0, 0};
        InferenceProblem problem = new InferenceProblem(model.defaultPrior().orElseThrow(), model, null);
        assertThatThrownBy(() -> new LwfEstimator(s).fit(problem, SeededFitContext.of(1)))
                .isInstanceOf(SbiException.class).hasMessageContaining("observation has 3 values")
                .hasMessageContaining("produces 2");
    }
}
