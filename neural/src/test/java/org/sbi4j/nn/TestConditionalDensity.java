package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.testing.InMemoryModel;

class TestConditionalDensity {

    private static final double INF = Double.POSITIVE_INFINITY;

    /** A model on bounded θ with perturbed (non-trivial) parameters. */
    private static ConditionalDensity model(ThetaBijection bijection, double[][] theta, DensityModelSpec.Type type) {
        UniformRandomProvider rng = GradientCheck.rng(type.ordinal() + 10);
        double[][] x = new double[theta.length][2];
        for (double[] row : x) {
            row[0] = rng.nextDouble() * 4;
            row[1] = rng.nextDouble() - 3;
        }
        DensityModelSpec spec = TestFlowGradients.spec(type, 1, 2);
        ConditionalDensity q = ConditionalDensity.create(spec, bijection, theta, x, true, Precision.FLOAT64, rng);
        TestFlowGradients.perturb(q.model().parameters(), rng, 0.3);
        return q;
    }

    @Test
    void densityOnABoundedIntervalIntegratesToOne() {
        ThetaBijection bij = new ThetaBijection(new double[] {2}, new double[] {5});
        double[][] theta = {{2.5}, {3}, {4.9}, {3.3}, {2.2}};
        for (DensityModelSpec.Type type : DensityModelSpec.Type.values()) {
            ConditionalDensity q = model(bij, theta, type);
            int n = 200_000;
            double h = 3.0 / n;
            double[][] grid = new double[n][1];
            for (int i = 0; i < n; i++) {
                grid[i][0] = 2 + (i + 0.5) * h;
            }
            double[] lq = q.logDensity(grid, new double[] {1.0, -2.5});
            double mass = 0;
            for (double v : lq) {
                mass += Math.exp(v) * h;
            }
            assertThat(mass).as(type.name()).isCloseTo(1.0, offset(1e-3));
            assertThat(q.logDensity(new double[][] {{1.5}, {5.0}}, new double[] {1.0, -2.5}))
                    .containsOnly(Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void densityOnAHalfLineIntegratesToOne() {
        ThetaBijection bij = new ThetaBijection(new double[] {1}, new double[] {INF});
        double[][] theta = {{1.5}, {3}, {10}, {1.1}, {2.2}};
        ConditionalDensity q = model(bij, theta, DensityModelSpec.Type.NSF);
        // trapezoid on a geometric grid θ = 1 + e^s, s ∈ [−25, 12]
        int n = 400_000;
        double lo = -25;
        double hs = 37.0 / n;
        double[][] grid = new double[n + 1][1];
        for (int i = 0; i <= n; i++) {
            grid[i][0] = 1 + Math.exp(lo + i * hs);
        }
        double[] lq = q.logDensity(grid, new double[] {2.0, -2.0});
        double mass = 0;
        for (int i = 0; i < n; i++) {
            double w = grid[i + 1][0] - grid[i][0];
            mass += 0.5 * (Math.exp(lq[i]) + Math.exp(lq[i + 1])) * w;
        }
        assertThat(mass).isCloseTo(1.0, offset(1e-3));
    }

    @Test
    void samplesStayInTheSupportAndCarryTheirDensity() {
        ThetaBijection bij = new ThetaBijection(new double[] {0, -INF}, new double[] {1, 0});
        double[][] theta = {{0.2, -1}, {0.7, -0.1}, {0.5, -3}, {0.9, -2}};
        double[][] x = {{0, 1}, {1, 0}, {2, 2}, {-1, 0}};
        for (DensityModelSpec.Type type : DensityModelSpec.Type.values()) {
            DensityModelSpec spec = TestFlowGradients.spec(type, 2, 2);
            UniformRandomProvider rng = GradientCheck.rng(3);
            ConditionalDensity q = ConditionalDensity.create(spec, bij, theta, x, true, Precision.FLOAT64, rng);
            TestFlowGradients.perturb(q.model().parameters(), rng, 0.3);
            double[] lq = new double[5000];
            double[][] s = q.sample(new double[] {0.5, 0.5}, 5000, rng, lq);
            double[] check = q.logDensity(s, new double[] {0.5, 0.5});
            for (int i = 0; i < s.length; i++) {
                assertThat(bij.inSupport(s[i])).isTrue();
                assertThat(check[i]).as(type + " row " + i)
                        .isCloseTo(lq[i], offset(1e-6 * Math.max(1, Math.abs(lq[i]))));
            }
        }
    }

    @Test
    void writeThenReadGivesTheSameDensitiesAndSamples() throws IOException {
        UniformRandomProvider data = GradientCheck.rng(8);
        double[][][] sim = TestEndToEndTraining.simulate(500, data);
        for (double[] row : sim[0]) {
            row[0] = Math.abs(row[0]) + 0.01;
        }
        DensityModelSpec spec = new DensityModelSpec();
        spec.type = DensityModelSpec.Type.MAF;
        spec.transforms = 2;
        spec.hiddenFeatures = 12;
        spec.base = DensityModelSpec.Base.GAUSSIAN_MIXTURE;
        spec.embeddingDim = 3;
        spec.embeddingHidden = new int[] {6};
        spec.permutation = DensityModelSpec.Permutation.RANDOM;
        spec.structureSeed = 77;
        ThetaBijection bij = new ThetaBijection(new double[] {0, -INF}, new double[] {INF, INF});
        ConditionalDensity q = ConditionalDensity.create(spec, bij, sim[0], sim[1], true, Precision.FLOAT32,
                GradientCheck.rng(9));
        TrainingConfig config = new TrainingConfig();
        config.maxEpochs = 2;
        q.fit(sim[0], sim[1], null, config, GradientCheck.rng(10), TrainingListener.NONE);

        InMemoryModel file = new InMemoryModel();
        q.write(file, "flow");
        assertThat(file.propertyNames()).contains("flow/spec", "flow/bijection", "flow/parameter-count");
        ConditionalDensity restored = ConditionalDensity.read(file, "flow", Precision.FLOAT32);
        assertThat(restored.spec().encode()).isEqualTo(q.spec().encode());
        double[] a = q.logDensity(sim[0], sim[1]);
        double[] b = restored.logDensity(sim[0], sim[1]);
        assertThat(b).containsExactly(a);
        double[][] s1 = q.sample(sim[1][0], 50, GradientCheck.rng(11), null);
        double[][] s2 = restored.sample(sim[1][0], 50, GradientCheck.rng(11), null);
        assertThat(s2).isDeepEqualTo(s1);
        assertThat(q.copy().logDensity(sim[0], sim[1])).containsExactly(a);

        file.overwriteFloatArray("flow/parameters", new float[3]);
        org.assertj.core.api.Assertions
                .assertThatThrownBy(() -> ConditionalDensity.read(file, "flow", Precision.FLOAT32))
                .isInstanceOf(IOException.class).hasMessageContaining("flow/parameters");
    }

    @Test
    void specRoundTripsAndValidates() {
        DensityModelSpec s = new DensityModelSpec();
        s.type = DensityModelSpec.Type.AUTOREGRESSIVE_NSF;
        s.embeddingHidden = new int[] {3, 4};
        s.activation = Activation.GELU;
        s.tailBound = 4.5;
        assertThat(DensityModelSpec.decode(s.encode()).encode()).isEqualTo(s.encode());
        s.bins = 0;
        org.assertj.core.api.Assertions.assertThatThrownBy(s::validate).hasMessageContaining("bins");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DensityModelSpec.decode("nope=1"))
                .hasMessageContaining("nope");
    }

    /**
     * A mixture base with as many components as the target has modes beats a standard-normal base on a
     * two-mode 1-D target when the flow itself cannot split mass (affine transforms), by far more than the
     * ≈ 0.02-nat standard error of a 3,000-row held-out NLL.
     */
    @Test
    void mixtureBaseFitsTwoModesBetterThanAStandardNormalBase() {
        UniformRandomProvider rng = GradientCheck.rng(12);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] train = new double[3000][1];
        double[][] test = new double[3000][1];
        for (double[][] set : new double[][][] {train, test}) {
            for (double[] row : set) {
                row[0] = (rng.nextBoolean() ? 2 : -2) + 0.3 * g.sample();
            }
        }
        double trueNll = 0;
        for (double[] row : test) {
            double a = Math.exp(-0.5 * Math.pow((row[0] - 2) / 0.3, 2));
            double b = Math.exp(-0.5 * Math.pow((row[0] + 2) / 0.3, 2));
            trueNll -= Math.log(0.5 * (a + b) / (0.3 * Math.sqrt(2 * Math.PI))) / test.length;
        }
        double[] nll = new double[2];
        for (int variant = 0; variant < 2; variant++) {
            DensityModelSpec spec = new DensityModelSpec();
            spec.type = DensityModelSpec.Type.MAF;
            spec.transforms = 2;
            spec.hiddenFeatures = 8;
            spec.base = variant == 0 ? DensityModelSpec.Base.STANDARD_NORMAL : DensityModelSpec.Base.GAUSSIAN_MIXTURE;
            spec.baseComponents = 2;
            ConditionalDensity q = ConditionalDensity.create(spec, ThetaBijection.identity(1), train, null, true,
                    Precision.FLOAT32, GradientCheck.rng(13));
            TrainingConfig config = new TrainingConfig();
            config.learningRate = 1e-2;
            config.maxEpochs = 150;
            config.batchSize = 250;
            q.fit(train, null, null, config, GradientCheck.rng(14), TrainingListener.NONE);
            for (double v : q.logDensity(test, (double[]) null)) {
                nll[variant] -= v / test.length;
            }
        }
        System.out.printf("two modes: held-out NLL standard-normal base %.4f, mixture base %.4f, truth %.4f%n",
                nll[0], nll[1], trueNll);
        assertThat(nll[1]).as("mixture base").isLessThan(nll[0] - 0.5);
        assertThat(nll[1]).as("mixture base vs truth").isCloseTo(trueNll, offset(0.05));
    }
}
