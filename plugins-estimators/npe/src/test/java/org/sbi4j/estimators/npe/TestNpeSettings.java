package org.sbi4j.estimators.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.Capability;
import org.sbi4j.nn.DensityModelSpec;
import org.sbi4j.nn.TrainingConfig;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.Setting;

class TestNpeSettings {

    @Test
    void defaultsAreSbisAndValid() {
        NpeSettings s = new NpeSettings();
        s.validate();
        DensityModelSpec spec = s.modelSpec(2);
        assertThat(spec.type).isEqualTo(DensityModelSpec.Type.NSF);
        assertThat(spec.transforms).isEqualTo(5);
        assertThat(spec.hiddenFeatures).isEqualTo(50);
        assertThat(spec.bins).isEqualTo(10);
        assertThat(spec.tailBound).isEqualTo(4.0);
        assertThat(spec.mdnComponents).isEqualTo(10);
        assertThat(spec.embeddingDim).isZero();
        TrainingConfig config = s.trainingConfig();
        assertThat(config.batchSize).isEqualTo(200);
        assertThat(config.learningRate).isEqualTo(5e-4);
        assertThat(config.validationFraction).isEqualTo(0.1);
        assertThat(config.patience).isEqualTo(20);
        assertThat(config.clipNorm).isEqualTo(5.0);
        assertThat(config.averageEpochs).isEqualTo(3.0);
        assertThat(config.schedule).isEqualTo(TrainingConfig.Schedule.CONSTANT);
        assertThat(s.transformTheta).isTrue();
        assertThat(s.transformIntervals).isFalse();
        assertThat(s.standardize).isTrue();
        assertThat(s.modelSpec(4096).embeddingDim).isEqualTo(NpeSettings.AUTO_EMBEDDING_DIM);
        assertThat(s.modelSpec(4096).embeddingHidden).containsExactly(128);
    }

    @Test
    void theMinimumSimulationsFillOneTrainingBatchBesidesTheValidationSplit() {
        NpeSettings s = new NpeSettings();
        assertThat(new NpeEstimator(s).minimumSimulations()).isEqualTo(222); // 22 held out, 200 train
        s.batchSize = 50;
        s.validationFraction = 0.2;
        assertThat(new NpeEstimator(s).minimumSimulations()).isEqualTo(62); // round(12.4) = 12 held out, 50 train
        s.validationFraction = 0;
        assertThat(new NpeEstimator(s).minimumSimulations()).isEqualTo(50);
        s.batchSize = 1;
        s.validationFraction = 0.1;
        assertThat(new NpeEstimator(s).minimumSimulations()).isEqualTo(2); // 1 held out, 1 train
    }

    @Test
    void everySettingIsDocumented() {
        for (Field f : NpeSettings.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                assertThat(f.getAnnotation(Setting.class)).as(f.getName()).isNotNull();
            }
        }
    }

    @Test
    void badValuesAreRejectedWithTheirNameAndRange() {
        rejects(s -> s.transforms = 0, "transforms = 0", "1..100");
        rejects(s -> s.hiddenFeatures = -3, "hidden-features = -3", "1..10000");
        rejects(s -> s.bins = 0, "bins = 0", "1..100");
        rejects(s -> s.tailBound = 0, "tail-bound = 0.0", "> 0");
        rejects(s -> s.tailBound = Double.POSITIVE_INFINITY, "tail-bound = Infinity", "> 0");
        rejects(s -> s.mdnComponents = 0, "mdn-components = 0", "1..1000");
        rejects(s -> s.batchSize = 0, "batch-size = 0", ">= 1");
        rejects(s -> s.learningRate = -1e-3, "learning-rate = -0.001", "> 0");
        rejects(s -> s.validationFraction = 1, "validation-fraction = 1.0", "[0, 1)");
        rejects(s -> s.patience = 0, "patience = 0", ">= 1");
        rejects(s -> s.maxEpochs = 0, "max-epochs = 0", ">= 1");
        rejects(s -> s.clipNorm = Double.NaN, "clip-norm = NaN", ">= 0");
        rejects(s -> s.averageEpochs = -1, "average-epochs = -1.0", ">= 0");
        rejects(s -> s.stepGamma = 1.5, "step-gamma = 1.5", "(0, 1]");
        rejects(s -> s.embeddingDim = -2, "embedding-dim = -2", "-1 (automatic)");
        rejects(s -> s.embeddingHidden = new int[] {64, 0}, "embedding-hidden = [64, 0]", "widths >= 1");
        rejects(s -> s.minAcceptance = 1, "min-acceptance = 1.0", "[0, 1)");
        rejects(s -> s.flow = null, "flow is missing", "nsf, maf or mdn");
        rejects(s -> s.schedule = null, "schedule is missing", "constant, cosine or step");
    }

    private static void rejects(Consumer<NpeSettings> change, String what, String allowed) {
        NpeSettings s = new NpeSettings();
        change.accept(s);
        assertThatThrownBy(s::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(what).hasMessageContaining(allowed);
        assertThatThrownBy(() -> new NpeEstimatorFactory().create(s, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(what);
    }

    @Test
    void thePluginIsFoundAndOffersNpe() {
        EstimatorFactory<?> factory = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof NpePlugin).findFirst().orElseThrow().estimatorFactories().get(0);
        assertThat(factory.name()).isEqualTo("npe");
        assertThat(factory.settingsType()).isEqualTo(NpeSettings.class);
        assertThat(factory.description()).contains("posterior");
        assertThat(new NpeEstimatorFactory().create(new NpeSettings(), null).requirements())
                .containsExactly(Capability.SIMULATIONS);
    }

    @Test
    void enumsReadLikeTheConfig() {
        assertThat(FlowType.NSF).hasToString("nsf");
    }
}
