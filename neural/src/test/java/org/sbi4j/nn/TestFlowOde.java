package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.sbi4j.nn.ode.DormandPrince;
import org.sbi4j.nn.ode.FixedStepSolver;
import org.sbi4j.nn.ode.OdeReport;

/** The log-density sign convention of FMPE (spec §1.4) on fields with a known answer. */
class TestFlowOde {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /** A network that is exactly affine in θ and constant in t: no blocks, identity, no context weights. */
    private static VectorFieldNetwork affine(int d, ParameterSet[] out, long seed) {
        VectorFieldSpec spec = new VectorFieldSpec();
        spec.thetaDim = d;
        spec.blocks = 0;
        spec.timeFrequencies = 0;
        ParameterSet.Builder b = ParameterSet.builder(Precision.FLOAT64);
        VectorFieldNetwork net = new VectorFieldNetwork(b, "v", spec);
        ParameterSet params = b.build(GradientCheck.rng(seed));
        for (Param p : params.params()) {
            if (p.name().equals("v/in/v")) {
                p.value().zero();
            }
            if (p.name().equals("v/out/w")) {
                // a clearly non-zero divergence
                for (int i = 0; i < p.size(); i++) {
                    p.value().buffer().set(p.offset() + i, 8 * p.value().buffer().get(p.offset() + i));
                }
            }
        }
        out[0] = params;
        return net;
    }

    private static double value(ParameterSet params, String name, int i) {
        for (Param p : params.params()) {
            if (p.name().equals(name)) {
                return p.value().buffer().get(p.value().offset() + i);
            }
        }
        throw new AssertionError(name);
    }

    private static double logStdNormal(double[] y, int from, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += y[from + j] * y[from + j];
        }
        return -0.5 * (d * LOG_2PI + s);
    }

    @Test
    void oneDimensionalAffineFieldHasTheClosedFormDensity() {
        ParameterSet[] ps = new ParameterSet[1];
        VectorFieldNetwork net = affine(1, ps, 3);
        // v = θ·(w_in w_out) + (b_in w_out + b_out) = a θ + c
        double a = 0;
        double c = value(ps[0], "v/out/b", 0);
        for (int k = 0; k < net.spec().hiddenFeatures; k++) {
            a += value(ps[0], "v/in/w", k) * value(ps[0], "v/out/w", k);
            c += value(ps[0], "v/in/b", k) * value(ps[0], "v/out/w", k);
        }
        assertThat(Math.abs(a)).isGreaterThan(0.1);
        double[] theta1 = {-1.3, 0.2, 0.9, 2.5};
        int n = theta1.length;
        double[] state = new double[2 * n];
        for (int r = 0; r < n; r++) {
            state[2 * r] = theta1[r];
        }
        FlowOde ode = new FlowOde(net);
        OdeReport report = new DormandPrince(1e-10, 1e-10).integrate(ode.augmented(), 1.0, 0.0, state);
        assertThat(report.acceptedSteps()).isPositive();
        for (int r = 0; r < n; r++) {
            // θ₁ = e^a θ₀ + (c/a)(e^a − 1), q(θ₁) = N(θ₀) e^{−a}
            double theta0 = (theta1[r] - c / a * (Math.exp(a) - 1)) * Math.exp(-a);
            double logQ = -0.5 * (LOG_2PI + theta0 * theta0) - a;
            assertThat(state[2 * r]).isCloseTo(theta0, Offset.offset(1e-8));
            assertThat(logStdNormal(state, 2 * r, 1) - state[2 * r + 1]).as("row " + r)
                    .isCloseTo(logQ, Offset.offset(1e-8));
        }
    }

    @Test
    void jointForwardPassMatchesTheBackwardDensityAndTheTrace() {
        ParameterSet[] ps = new ParameterSet[1];
        VectorFieldNetwork net = affine(3, ps, 8);
        int d = 3;
        int n = 5;
        double[] joint = new double[n * (d + 1)];
        org.apache.commons.rng.UniformRandomProvider rng = GradientCheck.rng(9);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                joint[r * (d + 1) + j] = 2 * rng.nextDouble() - 1;
            }
            joint[r * (d + 1) + d] = logStdNormal(joint, r * (d + 1), d);
        }
        FlowOde ode = new FlowOde(net);
        DormandPrince solver = new DormandPrince(1e-10, 1e-10);
        double[] start = joint.clone();
        solver.integrate(ode.augmented(), 0.0, 1.0, joint);
        // backward from (θ₁, 0)
        double[] back = joint.clone();
        for (int r = 0; r < n; r++) {
            back[r * (d + 1) + d] = 0;
        }
        solver.integrate(ode.augmented(), 1.0, 0.0, back);
        // the affine field's divergence is tr(W_in W_out), constant
        double trace = 0;
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < spec(net).hiddenFeatures; k++) {
                trace += value(ps[0], "v/in/w", j * spec(net).hiddenFeatures + k)
                        * value(ps[0], "v/out/w", k * d + j);
            }
        }
        assertThat(Math.abs(trace)).isGreaterThan(0.05);
        for (int r = 0; r < n; r++) {
            int o = r * (d + 1);
            for (int j = 0; j < d; j++) {
                assertThat(back[o + j]).isCloseTo(start[o + j], Offset.offset(1e-8));
            }
            assertThat(back[o + d]).isCloseTo(trace, Offset.offset(1e-8));
            double logQBackward = logStdNormal(back, o, d) - back[o + d];
            assertThat(joint[o + d]).isCloseTo(logQBackward, Offset.offset(1e-8));
            assertThat(joint[o + d]).isCloseTo(start[o + d] - trace, Offset.offset(1e-8));
        }
        // Hutchinson with a fixed-step solver agrees in expectation; with d probes of a 3×3 Jacobian it is noisy,
        // so only check it runs and θ is integrated the same
        double[] h = start.clone();
        new FixedStepSolver(FixedStepSolver.Scheme.RK4, 50).integrate(ode.augmentedHutchinson(4, rng), 0, 1, h);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                assertThat(h[r * (d + 1) + j]).isCloseTo(joint[r * (d + 1) + j], Offset.offset(1e-6));
            }
        }
        // sampling: θ alone
        double[] theta = new double[n * d];
        for (int r = 0; r < n; r++) {
            System.arraycopy(start, r * (d + 1), theta, r * d, d);
        }
        solver.integrate(ode.velocity(), 0, 1, theta);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                assertThat(theta[r * d + j]).isCloseTo(joint[r * (d + 1) + j], Offset.offset(1e-9));
            }
        }
    }

    private static VectorFieldSpec spec(VectorFieldNetwork net) {
        return net.spec();
    }
}
