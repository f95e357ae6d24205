package org.sbi4j.estimators.nre;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sbi4j.nn.TrainingConfig;

/**
 * nre's training defaults: the cosine schedule runs to its end. Stopping early on the saturated classification loss
 * is what left the ratio unresolved near the posterior (docs/benchmarks.md, "NRE accuracy, sixth session").
 */
class TestNreSettings {

    @Test
    void theDefaultScheduleIsAnnealedToZeroAndNotCutByEarlyStopping() {
        NreSettings settings = new NreSettings();
        settings.validate();
        TrainingConfig config = settings.trainingConfig();
        assertThat(config.schedule).isEqualTo(TrainingConfig.Schedule.COSINE);
        assertThat(config.minLearningRate).isZero();
        assertThat(config.patience).isGreaterThanOrEqualTo(config.maxEpochs);
        assertThat(config.learningRate).isEqualTo(2e-3);
        assertThat(settings.variant).isEqualTo(NreVariant.A);
    }
}
