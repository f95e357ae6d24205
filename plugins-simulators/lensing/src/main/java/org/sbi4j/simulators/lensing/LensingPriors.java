package org.sbi4j.simulators.lensing;

import java.util.ArrayList;
import java.util.List;
import org.sbi4j.api.Prior;
import org.sbi4j.api.prior.BoxUniformPrior;
import org.sbi4j.api.prior.IndependentPrior;
import org.sbi4j.api.prior.NormalPrior;

/**
 * The default prior of the lensing simulator ({@link LensingSimulator}), restricted to the free parameters:
 *
 * <pre>
 * theta_E                      U(0.5, 2.0)″
 * lens_x, lens_y               N(0, 0.1″)
 * lens_e1, lens_e2             N(0, 0.2) truncated to [−0.5, 0.5]
 * shear_g1, shear_g2           N(0, 0.05) truncated to [−0.2, 0.2]
 * src_amp = log10 I_e          U(src-amp-range), i.e. I_e log-uniform
 * src_R                        U(0.05, 0.5)″
 * src_n                        U(0.5, 4)
 * src_e1, src_e2               N(0, 0.2) truncated to [−0.5, 0.5]
 * src_x, src_y                 U(−0.5, 0.5)″
 * light_amp = log10 I_e        U(light-amp-range)
 * light_R                      U(0.3, 2)″
 * light_n                      U(2, 6)
 * light_e1, light_e2           N(0, 0.2) truncated to [−0.5, 0.5]
 * light_x, light_y             N(0, 0.05″)
 * </pre>
 */
final class LensingPriors {
    private LensingPriors() {
    }

    /**
     * @param layout which parameters are free
     * @param settings amplitude ranges
     * @return the product prior over θ, in θ order
     */
    static Prior defaultPrior(ParameterLayout layout, LensingSettings settings) {
        List<Prior> parts = new ArrayList<>();
        for (LensParameter p : layout.free()) {
            parts.add(marginal(p, settings));
        }
        return new IndependentPrior(parts);
    }

    private static Prior marginal(LensParameter p, LensingSettings settings) {
        String name = p.id();
        switch (p) {
            case THETA_E:
                return uniform(0.5, 2.0, name);
            case LENS_X:
            case LENS_Y:
                return normal(0.1, name);
            case LIGHT_X:
            case LIGHT_Y:
                return normal(0.05, name);
            case LENS_E1:
            case LENS_E2:
            case SRC_E1:
            case SRC_E2:
            case LIGHT_E1:
            case LIGHT_E2:
                return truncatedNormal(0.2, 0.5, name);
            case SHEAR_G1:
            case SHEAR_G2:
                return truncatedNormal(0.05, 0.2, name);
            case SRC_AMP:
                return uniform(settings.srcAmpRange[0], settings.srcAmpRange[1], name);
            case SRC_R:
                return uniform(0.05, 0.5, name);
            case SRC_N:
                return uniform(0.5, 4, name);
            case SRC_X:
            case SRC_Y:
                return uniform(-0.5, 0.5, name);
            case LIGHT_AMP:
                return uniform(settings.lightAmpRange[0], settings.lightAmpRange[1], name);
            case LIGHT_R:
                return uniform(0.3, 2, name);
            case LIGHT_N:
                return uniform(2, 6, name);
            default:
                throw new AssertionError(p);
        }
    }

    private static Prior uniform(double low, double high, String name) {
        return new BoxUniformPrior(new double[] {low}, new double[] {high}, List.of(name));
    }

    private static Prior normal(double sd, String name) {
        return new NormalPrior(new double[] {0}, new double[] {sd}, List.of(name));
    }

    private static Prior truncatedNormal(double sd, double bound, String name) {
        return new TruncatedNormalPrior(new double[] {0}, new double[] {sd}, new double[] {-bound},
                new double[] {bound}, List.of(name));
    }
}
