package org.sbi4j.runtime.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class TestMlpClassifier {
    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    @Test
    void backwardPassMatchesFiniteDifferences() {
        // a large alpha so that the L2 term's gradient (alpha·w/n) is checked too
        MlpClassifier.Config config = new MlpClassifier.Config(new int[] {6, 5}, 0.3, 1e-3, 0.9, 0.999, 1e-8, 200,
                1e-4, 10, 100);
        MlpClassifier net = MlpClassifier.initialised(3, config, rng(1));
        UniformRandomProvider r = rng(2);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(r);
        int n = 9;
        double[][] x = new double[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = normal.sample();
            }
            y[i] = r.nextInt(2);
        }
        double[][][] holder = new double[1][][];
        net.lossAndGradient(x, y, holder);
        double[][] analytic = holder[0];
        double[][] params = net.parameters();
        double h = 1e-6;
        int checked = 0;
        for (int p = 0; p < params.length; p++) {
            for (int i = 0; i < params[p].length; i++) {
                double saved = params[p][i];
                params[p][i] = saved + h;
                double up = net.lossAndGradient(x, y, new double[1][][]);
                params[p][i] = saved - h;
                double down = net.lossAndGradient(x, y, new double[1][][]);
                params[p][i] = saved;
                double numeric = (up - down) / (2 * h);
                // central differences are accurate to O(h²) plus rounding ~1e-16/h = 1e-10
                assertThat(analytic[p][i]).as("parameter row %d, entry %d", p, i)
                        .isCloseTo(numeric, within(1e-7 + 1e-6 * Math.abs(numeric)));
                checked++;
            }
        }
        // 3·6 + 6·5 + 5·1 weights and 6 + 5 + 1 biases
        assertThat(checked).isEqualTo(18 + 30 + 5 + 12);
    }

    @Test
    void learnsXor() {
        // four blobs at (±1, ±1) with sd 0.3, label = quadrant parity: a linear model scores 0.5, Bayes ≈ 0.999
        double[][] train = new double[2000][];
        int[] trainLabels = new int[2000];
        double[][] test = new double[2000][];
        int[] testLabels = new int[2000];
        xor(train, trainLabels, rng(3));
        xor(test, testLabels, rng(4));
        MlpClassifier net = MlpClassifier.train(train, trainLabels, MlpClassifier.Config.sklearnDefaults(10_000, 20, 20),
                rng(5));
        int[] predicted = net.predict(test);
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == testLabels[i] ? 1 : 0;
        }
        assertThat(correct / 2000.0).isGreaterThan(0.97);
        assertThat(net.converged()).isTrue();
        double[] p = net.probabilities(test);
        assertThat(Arrays.stream(p).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
        assertThat(Arrays.stream(p).max().orElseThrow()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void stopsByScikitLearnsToleranceRule() {
        double[][] x = new double[600][];
        int[] y = new int[600];
        xor(x, y, rng(6));
        MlpClassifier.Config config = MlpClassifier.Config.sklearnDefaults(10_000, 8, 8);
        MlpClassifier net = MlpClassifier.train(x, y, config, rng(7));
        double[] curve = net.lossCurve();
        assertThat(net.converged()).isTrue();
        assertThat(curve).hasSize(net.epochs());
        // replay the rule on the recorded losses: training must stop at the first epoch where the count of
        // epochs not improving the best loss by tol exceeds n_iter_no_change
        double best = Double.POSITIVE_INFINITY;
        int count = 0;
        int stop = -1;
        for (int e = 0; e < curve.length && stop < 0; e++) {
            count = curve[e] > best - config.tol() ? count + 1 : 0;
            best = Math.min(best, curve[e]);
            if (count > config.nIterNoChange()) {
                stop = e + 1;
            }
        }
        assertThat(stop).isEqualTo(curve.length);
        assertThat(curve.length).isGreaterThan(config.nIterNoChange() + 1);
    }

    @Test
    void epochCapStopsTraining() {
        double[][] x = new double[300][];
        int[] y = new int[300];
        xor(x, y, rng(8));
        MlpClassifier net = MlpClassifier.train(x, y, MlpClassifier.Config.sklearnDefaults(3, 8, 8), rng(9));
        assertThat(net.epochs()).isEqualTo(3);
        assertThat(net.converged()).isFalse();
    }

    @Test
    void sameSeedSameClassifier() {
        double[][] x = new double[500][];
        int[] y = new int[500];
        xor(x, y, rng(10));
        MlpClassifier.Config config = MlpClassifier.Config.sklearnDefaults(50, 8, 8);
        MlpClassifier a = MlpClassifier.train(x, y, config, rng(11));
        MlpClassifier b = MlpClassifier.train(x, y, config, rng(11));
        MlpClassifier c = MlpClassifier.train(x, y, config, rng(12));
        assertThat(a.lossCurve()).isEqualTo(b.lossCurve());
        assertThat(a.probabilities(x)).isEqualTo(b.probabilities(x));
        assertThat(a.lossCurve()).isNotEqualTo(c.lossCurve());
    }

    @Test
    void glorotUniformInitialisation() {
        MlpClassifier net = MlpClassifier.initialised(4, MlpClassifier.Config.sklearnDefaults(1, 40, 40), rng(13));
        double[][] params = net.parameters();
        // rows: 4 rows of layer 0, 40 of layer 1, 40 of layer 2, then the three bias vectors
        double bound0 = Math.sqrt(6.0 / (4 + 40));
        double bound1 = Math.sqrt(6.0 / (40 + 40));
        double bound2 = Math.sqrt(6.0 / (40 + 1));
        double max0 = 0;
        double max1 = 0;
        for (int i = 0; i < 4; i++) {
            for (double v : params[i]) {
                max0 = Math.max(max0, Math.abs(v));
            }
        }
        for (int i = 4; i < 44; i++) {
            for (double v : params[i]) {
                max1 = Math.max(max1, Math.abs(v));
            }
        }
        // 160 and 1600 uniform draws: the largest |w| is within 3% of the bound with overwhelming probability
        assertThat(max0).isLessThanOrEqualTo(bound0).isGreaterThan(0.97 * bound0);
        assertThat(max1).isLessThanOrEqualTo(bound1).isGreaterThan(0.99 * bound1);
        for (int i = 44; i < 84; i++) {
            assertThat(Math.abs(params[i][0])).isLessThanOrEqualTo(bound2);
        }
        assertThat(params[84]).hasSize(40);
        assertThat(Arrays.stream(params[84]).map(Math::abs).max().orElseThrow()).isLessThanOrEqualTo(bound0);
        assertThat(params[86]).hasSize(1);
    }

    @Test
    void rejectsBadInput() {
        MlpClassifier.Config config = MlpClassifier.Config.sklearnDefaults(5, 4);
        assertThatThrownBy(() -> MlpClassifier.train(new double[][] {{0}, {1}}, new int[] {0, 2}, config, rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 2");
        assertThatThrownBy(() -> MlpClassifier.train(new double[][] {{0}, {1, 2}}, new int[] {0, 1}, config, rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
        assertThatThrownBy(() -> MlpClassifier.Config.sklearnDefaults(0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEpochs");
    }

    private static void xor(double[][] x, int[] y, UniformRandomProvider r) {
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(r);
        for (int i = 0; i < x.length; i++) {
            int sx = r.nextBoolean() ? 1 : -1;
            int sy = r.nextBoolean() ? 1 : -1;
            x[i] = new double[] {sx + 0.3 * normal.sample(), sy + 0.3 * normal.sample()};
            y[i] = sx == sy ? 1 : 0;
        }
    }
}
