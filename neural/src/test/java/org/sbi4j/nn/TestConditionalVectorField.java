package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.sbi4j.nn.ode.DormandPrince;
import org.sbi4j.nn.ode.FixedStepSolver;
import org.sbi4j.testing.InMemoryModel;
import org.sbi4j.testing.SeededRandom;

/**
 * Sampling and log densities of {@link ConditionalVectorField} in the user's coordinates, on a field whose flow is
 * known: v = a ⊙ z + c in model coordinates (diagonal, constant in t and x), so z(1) = e^a ⊙ z(0) + (c/a)(e^a − 1)
 * and q is a product of normals N(m_j, e^{2a_j}) there; θ₁ is the identity of its z-score, θ₂ > 0 goes through
 * log(θ₂) and a z-score. Checks the standardisation, the bijection's Jacobian, the sign of the divergence term and
 * the one-pass densities of the draws against the closed form.
 */
class TestConditionalVectorField {
    private static final double[] A = {0.4, -0.3};
    private static final double[] C = {0.5, -0.2};
    private static final double[] X0 = {0.7};

    private static ConditionalVectorField field() {
        double[][] theta = new double[200][];
        double[][] x = new double[200][];
        for (int r = 0; r < 200; r++) {
            theta[r] = new double[] {3 + 2 * Math.sin(r), Math.exp(0.5 * Math.cos(1.7 * r))};
            x[r] = new double[] {r % 7};
        }
        VectorFieldSpec spec = new VectorFieldSpec();
        spec.hiddenFeatures = 8;
        spec.blocks = 1;
        ThetaBijection bijection = new ThetaBijection(new double[] {Double.NEGATIVE_INFINITY, 0},
                new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY});
        ConditionalVectorField field = ConditionalVectorField.create(spec, bijection, theta, x, true,
                Precision.FLOAT64, SeededRandom.of(1));
        for (Param p : field.parameters().params()) {
            Buffer b = p.value().buffer();
            int o = p.value().offset();
            // zero everything but the layer norms' gains (absent here); the gate stays at σ(0) = ½ and the blocks'
            // second layers at 0, so the blocks add nothing
            b.fill(o, o + p.size(), 0.0);
            if (p.name().equals("field/in/w")) {
                b.set(o, 1.0);
                b.set(o + spec.hiddenFeatures + 1, 1.0);
            } else if (p.name().equals("field/out/w")) {
                b.set(o, A[0]);
                b.set(o + 2 + 1, A[1]);
            } else if (p.name().equals("field/out/b")) {
                b.set(o, C[0]);
                b.set(o + 1, C[1]);
            }
        }
        return field;
    }

    /** The closed-form log q(θ | x₀) of the known flow. */
    private static double exactLogDensity(ConditionalVectorField field, double[] theta) {
        Standardizer s = field.coordinates().theta();
        double[] u = {theta[0], Math.log(theta[1])};
        double out = -Math.log(theta[1]) + s.logAbsDet();
        for (int j = 0; j < 2; j++) {
            double z = s.apply(j, u[j]);
            double mean = C[j] / A[j] * (Math.exp(A[j]) - 1);
            double sd = Math.exp(A[j]);
            out += -0.5 * Math.pow((z - mean) / sd, 2) - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
        }
        return out;
    }

    @Test
    void logDensityAndOnePassDensitiesMatchTheClosedForm() {
        ConditionalVectorField field = field();
        int n = 500;
        double[] oneFlow = new double[n];
        double[][] draws = field.sample(X0, n, SeededRandom.of(2), new DormandPrince(1e-9, 1e-9), oneFlow, null, 0);
        double[] backward = field.logDensity(draws, X0, new DormandPrince(1e-9, 1e-9), null, 0);
        double worst = 0;
        for (int r = 0; r < n; r++) {
            double exact = exactLogDensity(field, draws[r]);
            worst = Math.max(worst, Math.max(Math.abs(oneFlow[r] - exact), Math.abs(backward[r] - exact)));
        }
        assertThat(worst).isLessThan(1e-6);
        assertThat(field.lastReport().acceptedSteps()).isPositive();
        // Hutchinson on a diagonal Jacobian is exact whatever the probes
        double[] hutchinson = field.logDensity(draws, X0, new FixedStepSolver(FixedStepSolver.Scheme.RK4, 50),
                SeededRandom.of(3), 1);
        for (int r = 0; r < n; r++) {
            assertThat(hutchinson[r]).isCloseTo(backward[r], Offset.offset(1e-6));
        }
    }

    @Test
    void drawsHaveTheFlowsMoments() {
        ConditionalVectorField field = field();
        int n = 20_000;
        double[][] draws = field.sample(X0, n, SeededRandom.of(4), new DormandPrince(1e-7, 1e-7), null, null, 0);
        Standardizer s = field.coordinates().theta();
        double mean = 0;
        double sq = 0;
        for (double[] row : draws) {
            double z = s.apply(0, row[0]);
            mean += z / n;
            sq += z * z / n;
        }
        double expectedMean = C[0] / A[0] * (Math.exp(A[0]) - 1);
        double sd = Math.exp(A[0]);
        assertThat(mean).isCloseTo(expectedMean, Offset.offset(4 * sd / Math.sqrt(n)));
        assertThat(Math.sqrt(sq - mean * mean)).isCloseTo(sd, Offset.offset(0.02 * sd));
        for (double[] row : draws) {
            assertThat(row[1]).isPositive();
        }
    }

    @Test
    void outsideTheBijectionsSupportTheDensityIsMinusInfinity() {
        double[] out = field().logDensity(new double[][] {{1, -1}, {1, 1}}, X0, new DormandPrince(1e-6, 1e-6), null,
                0);
        assertThat(out[0]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(out[1]).isFinite();
    }

    @Test
    void writeThenReadGivesTheSameDrawsAndDensities() throws IOException {
        ConditionalVectorField field = field();
        InMemoryModel saved = new InMemoryModel();
        field.write(saved, "field");
        ConditionalVectorField loaded = ConditionalVectorField.read(saved, "field", Precision.FLOAT64);
        assertThat(loaded.spec().encode()).isEqualTo(field.spec().encode());
        double[][] a = field.sample(X0, 300, SeededRandom.of(5), new DormandPrince(1e-6, 1e-6), null, null, 0);
        double[][] b = loaded.sample(X0, 300, SeededRandom.of(5), new DormandPrince(1e-6, 1e-6), null, null, 0);
        // the model file holds float32 parameters: the same draws up to float32 rounding of the weights
        for (int r = 0; r < a.length; r++) {
            assertThat(b[r][0]).isCloseTo(a[r][0], Offset.offset(1e-5));
        }
        double[][] c = loaded.copy().sample(X0, 300, SeededRandom.of(5), new DormandPrince(1e-6, 1e-6), null, null,
                0);
        assertThat(c).isDeepEqualTo(b);
    }
}
