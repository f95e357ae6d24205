package org.sbi4j.estimators.lwf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.api.prior.BoxUniformPrior;
import org.sbi4j.nn.ConditionalDensity;
import org.sbi4j.nn.DensityObjective;
import org.sbi4j.nn.Param;
import org.sbi4j.nn.ParameterSet;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.ThetaBijection;
import org.sbi4j.nn.Trainer;
import org.sbi4j.nn.TrainingConfig;
import org.sbi4j.testing.SeededRandom;

/** {@code base-training: frozen}: the mixture base's block does not move while the flow's transforms train. */
class TestFrozenBase {

    private static ConditionalDensity density(BaseType base) {
        BoxUniformPrior prior = BoxUniformPrior.cube(2, -3, 3);
        ThetaBijection bijection = ThetaBijection.forPrior(prior);
        LwfSettings settings = new LwfSettings();
        settings.transforms = 2;
        settings.hiddenFeatures = 8;
        return ConditionalDensity.create(settings.modelSpec(base, 2), bijection,
                prior.sample(1000, SeededRandom.of(1)), null, true, Precision.FLOAT32, SeededRandom.of(2));
    }

    @Test
    void theBaseBlockStaysAndTheFlowMoves() {
        ConditionalDensity density = density(BaseType.MIXTURE);
        UniformRandomProvider rng = SeededRandom.of(3);
        double[][] theta = new double[400][];
        for (int i = 0; i < theta.length; i++) {
            double sign = i % 2 == 0 ? 1 : -1;
            theta[i] = new double[] {sign * 1.5 + 0.2 * (rng.nextDouble() - 0.5), 0.3 * (rng.nextDouble() - 0.5)};
        }
        ParameterSet params = density.model().parameters();
        double[] before = params.exportDoubles();
        TrainingConfig config = new TrainingConfig();
        config.maxEpochs = 3;
        config.batchSize = 50;
        density.fit(theta, null, null, config, SeededRandom.of(4), TrainingListener.NONE, FrozenBaseObjective::new);
        double[] after = params.exportDoubles();
        Param base = params.params().stream().filter(p -> p.name().equals(FrozenBaseObjective.BASE_PARAMETER))
                .findFirst().orElseThrow();
        int moved = 0;
        for (int i = 0; i < after.length; i++) {
            boolean inBase = i >= base.offset() && i < base.offset() + base.size();
            if (inBase) {
                assertThat(after[i]).as("base parameter %d", i).isEqualTo(before[i]);
            } else if (after[i] != before[i]) {
                moved++;
            }
        }
        assertThat(moved).as("flow parameters changed").isGreaterThan(100);
        // the same training without the wrapper moves the base: the assertion above could fail
        DensityObjective joint = new DensityObjective(density.model(), density.modelTheta(theta), null, null);
        Trainer.train(joint, config, SeededRandom.of(4), TrainingListener.NONE);
        double[] jointAfter = params.exportDoubles();
        int baseMoved = 0;
        for (int i = base.offset(); i < base.offset() + base.size(); i++) {
            baseMoved += jointAfter[i] != after[i] ? 1 : 0;
        }
        assertThat(baseMoved).isEqualTo(base.size());
    }

    @Test
    void aGaussianBaseHasNothingToFreeze() {
        ConditionalDensity density = density(BaseType.GAUSSIAN);
        DensityObjective objective = new DensityObjective(density.model(), new double[][] {{0, 0}}, null, null);
        assertThatThrownBy(() -> new FrozenBaseObjective(objective)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(FrozenBaseObjective.BASE_PARAMETER);
    }
}
