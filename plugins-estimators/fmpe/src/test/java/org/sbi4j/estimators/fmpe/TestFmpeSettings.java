package org.sbi4j.estimators.fmpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.SbiException;
import org.sbi4j.nn.TrainingConfig;
import org.sbi4j.nn.VectorFieldSpec;
import org.sbi4j.nn.ode.DormandPrince;
import org.sbi4j.nn.ode.FixedStepSolver;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.Setting;

class TestFmpeSettings {

    @Test
    void defaultsAreValidAndReachTheNetworkTheTrainerAndTheSolver() {
        FmpeSettings s = new FmpeSettings();
        s.validate();
        VectorFieldSpec spec = s.fieldSpec(2);
        assertThat(spec.hiddenFeatures).isEqualTo(s.hiddenFeatures);
        assertThat(spec.blocks).isEqualTo(s.blocks);
        assertThat(spec.embeddingDim).isEqualTo(s.embeddingDim).isPositive();
        assertThat(spec.embeddingHidden).containsExactly(s.embeddingHidden);
        TrainingConfig config = s.trainingConfig();
        assertThat(config.batchSize).isEqualTo(s.batchSize);
        assertThat(config.learningRate).isEqualTo(s.learningRate);
        assertThat(config.averageEpochs).isEqualTo(s.averageEpochs).isPositive();
        assertThat(s.odeSolver()).isInstanceOf(DormandPrince.class);
        assertThat(((DormandPrince) s.odeSolver()).rtol()).isEqualTo(s.rtol);
        s.sampleRtol = 2e-3;
        assertThat(((DormandPrince) s.sampleSolver()).rtol()).isEqualTo(2e-3);
        s.solver = OdeMethod.RK4;
        s.steps = 17;
        assertThat(((FixedStepSolver) s.odeSolver()).steps()).isEqualTo(17);
        assertThat(((FixedStepSolver) s.odeSolver()).scheme()).isEqualTo(FixedStepSolver.Scheme.RK4);
    }

    @Test
    void withoutAnEmbeddingTheHiddenWidthsAreDropped() {
        FmpeSettings s = new FmpeSettings();
        s.embeddingDim = 0;
        assertThat(s.fieldSpec(2).embeddingHidden).isEmpty();
    }

    @Test
    void badValuesAreUserErrorsNamingTheSettingAndWhatItAccepts() {
        rejects(s -> s.sigmaMin = -0.1, "sigma-min = -0.1", "[0, 0.5]");
        rejects(s -> s.sigmaMin = Double.NaN, "sigma-min", "[0, 0.5]");
        rejects(s -> s.timePriorExponent = -1, "time-prior-exponent", ">= 0");
        rejects(s -> s.timePriorExponent = Double.POSITIVE_INFINITY, "time-prior-exponent", "finite");
        rejects(s -> s.hiddenFeatures = 0, "hidden-features = 0", "1..10000");
        rejects(s -> s.blocks = 0, "blocks = 0", "1..100");
        rejects(s -> s.sampleRtol = 0, "sample-rtol = 0", "(0, 1)");
        rejects(s -> s.sampleAtol = 1, "sample-atol = 1", "(0, 1)");
        rejects(s -> s.samplingShards = 0, "sampling-shards = 0", "1..64");
        rejects(s -> s.samplingShards = 65, "sampling-shards = 65", "1..64");
        rejects(s -> s.timeFrequencies = 17, "time-frequencies = 17", "0..16");
        rejects(s -> s.embeddingDim = -1, "embedding-dim = -1", "0 (no embedding)");
        rejects(s -> s.embeddingHidden = new int[] {16, 0}, "embedding-hidden = [16, 0]", "widths >= 1");
        rejects(s -> s.embeddingHidden = null, "embedding-hidden", "[] for none");
        rejects(s -> s.batchSize = 0, "batch-size = 0", ">= 1");
        rejects(s -> s.learningRate = 0, "learning-rate = 0.0", "> 0");
        rejects(s -> s.validationFraction = 1, "validation-fraction = 1.0", "[0, 1)");
        rejects(s -> s.patience = 0, "patience = 0", ">= 1");
        rejects(s -> s.maxEpochs = 0, "max-epochs = 0", ">= 1");
        rejects(s -> s.clipNorm = -1, "clip-norm = -1.0", ">= 0");
        rejects(s -> s.averageEpochs = -1, "average-epochs = -1.0", ">= 0");
        rejects(s -> s.schedule = null, "schedule", "constant, cosine or step");
        rejects(s -> s.stepGamma = 0, "step-gamma = 0.0", "(0, 1]");
        rejects(s -> s.solver = null, "solver", "dopri5, rk4, midpoint or euler");
        rejects(s -> s.rtol = 0, "rtol = 0.0", "(0, 1)");
        rejects(s -> s.atol = 2, "atol = 2.0", "(0, 1)");
        rejects(s -> s.steps = 0, "steps = 0", "1..100000");
        rejects(s -> s.divergence = null, "divergence", "exact or hutchinson");
        rejects(s -> s.hutchinsonProbes = 0, "hutchinson-probes = 0", "1..1000");
        rejects(s -> s.minAcceptance = 1, "min-acceptance = 1.0", "[0, 1)");
        rejects(s -> s.logData = null, "log-data", "auto, all or none");
    }

    private static void rejects(Consumer<FmpeSettings> change, String named, String allowed) {
        FmpeSettings s = new FmpeSettings();
        change.accept(s);
        assertThatThrownBy(s::validate).isInstanceOfSatisfying(SbiException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.USER_ERROR))
                .hasMessageStartingWith("fmpe: ").hasMessageContaining(named).hasMessageContaining(allowed);
        assertThatThrownBy(() -> new FmpeEstimatorFactory().create(s, () -> java.nio.file.Path.of("")))
                .isInstanceOf(SbiException.class);
    }

    @Test
    void everySettingIsDocumented() {
        for (Field f : FmpeSettings.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                assertThat(f.getAnnotation(Setting.class)).as(f.getName()).isNotNull();
                assertThat(f.getAnnotation(Setting.class).value()).as(f.getName()).hasSizeGreaterThan(20);
            }
        }
    }

    @Test
    void thePluginIsFoundByServiceLoaderUnderItsName() {
        boolean found = false;
        for (Plugin plugin : ServiceLoader.load(Plugin.class)) {
            for (EstimatorFactory<?> factory : plugin.estimatorFactories()) {
                found |= factory.name().equals("fmpe") && factory instanceof FmpeEstimatorFactory;
            }
        }
        assertThat(found).isTrue();
        assertThat(new FmpeEstimatorFactory().settingsType()).isEqualTo(FmpeSettings.class);
    }

    @Test
    void theMinimumSimulationsFillOneTrainingBatchBesidesTheValidationSplit() {
        FmpeSettings s = new FmpeSettings();
        s.batchSize = 50;
        s.validationFraction = 0.2;
        assertThat(new FmpeEstimator(s).minimumSimulations()).isEqualTo(62);
    }
}
