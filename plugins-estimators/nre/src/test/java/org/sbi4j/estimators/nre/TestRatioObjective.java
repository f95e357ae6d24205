package org.sbi4j.estimators.nre;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.nn.Activation;
import org.sbi4j.nn.Buffer;
import org.sbi4j.nn.Precision;
import org.sbi4j.nn.Standardizer;
import org.sbi4j.nn.ThetaBijection;
import org.sbi4j.testing.SeededRandom;

/** The losses of the three variants: their parameter gradients against central differences, in float64. */
class TestRatioObjective {

    private static RatioObjective objective(NreVariant variant, int n) {
        UniformRandomProvider rng = SeededRandom.of(3);
        double[][] theta = new double[n][2];
        double[][] x = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2; j++) {
                theta[i][j] = rng.nextDouble() * 2 - 1;
            }
            for (int j = 0; j < 3; j++) {
                x[i][j] = theta[i][j % 2] + 0.3 * (rng.nextDouble() - 0.5);
            }
        }
        RatioClassifier classifier = new RatioClassifier(ThetaBijection.identity(2), Standardizer.identity(2),
                Standardizer.identity(3), 8, 2, Activation.TANH, Precision.FLOAT64, SeededRandom.of(4));
        return new RatioObjective(classifier, theta, x, variant, 4, 2.0);
    }

    @ParameterizedTest
    @EnumSource(NreVariant.class)
    void gradientMatchesCentralDifferences(NreVariant variant) {
        int n = 12;
        RatioObjective objective = objective(variant, n);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = (i * 5) % n;
        }
        objective.prepare(n);
        objective.parameters().zeroGradients();
        double loss = objective.lossAndGradient(rows, 0, n);
        assertThat(loss).isPositive().isFinite();
        Buffer values = objective.parameters().values();
        Buffer gradients = objective.parameters().gradients();
        double h = 1e-6;
        for (int p = 0; p < values.length(); p += 7) {
            double v = values.get(p);
            values.set(p, v + h);
            double plus = objective.loss(rows, 0, n);
            values.set(p, v - h);
            double minus = objective.loss(rows, 0, n);
            values.set(p, v);
            double numeric = (plus - minus) / (2 * h);
            assertThat(gradients.get(p)).as("%s: parameter %d", variant, p)
                    .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6 + 1e-5 * Math.abs(numeric)));
        }
    }

    /**
     * With all logits 0 (an uninformative classifier), the losses are known: a: log 2; b: log K; c: the cross
     * entropy of classes with prior odds γ whose predicted probabilities are p₀ = 1 / (1 + γ), p_joint = γ / (1 + γ)
     * shared by K atoms, i.e. p_K (log(1 + γ) − log(γ / K)) + p₀ log(1 + γ).
     */
    @Test
    void lossesOfAnUninformativeClassifier() {
        int n = 12;
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        for (NreVariant variant : NreVariant.values()) {
            RatioObjective objective = objective(variant, n);
            objective.parameters().values().fill(0, objective.parameters().size(), 0.0);
            double gamma = 2.0;
            double expected = switch (variant) {
                case A -> Math.log(2);
                case B -> Math.log(4);
                case C -> gamma / (1 + gamma) * (Math.log(1 + gamma) - Math.log(gamma / 4))
                        + 1 / (1 + gamma) * Math.log(1 + gamma);
            };
            assertThat(objective.loss(rows, 0, n)).as("%s", variant)
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void stableForSaturatedLogits() {
        assertThat(RatioObjective.softplus(800)).isEqualTo(800.0);
        assertThat(RatioObjective.softplus(-800)).isEqualTo(0.0);
        assertThat(RatioObjective.sigmoid(-800)).isEqualTo(0.0);
        assertThat(RatioObjective.sigmoid(800)).isEqualTo(1.0);
    }
}
