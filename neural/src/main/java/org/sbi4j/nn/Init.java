package org.sbi4j.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** How a parameter block is initialised; all randomness comes from the given generator. */
@FunctionalInterface
public interface Init {

    /**
     * Fills {@code value}.
     *
     * @param value the parameter block
     * @param rng the model's initialisation stream (consumed in registration order)
     */
    void apply(Mat value, UniformRandomProvider rng);

    /** All zeros. */
    static Init zeros() {
        return (value, rng) -> value.zero();
    }

    /** Every element set to {@code c}. */
    static Init constant(double c) {
        return (value, rng) -> value.buffer().fill(value.offset(), value.offset() + value.rows() * value.cols(), c);
    }

    /**
     * Uniform on {@code ±scale/√fanIn}: PyTorch's default for linear layers when {@code scale = 1}.
     *
     * @param fanIn number of inputs of the layer (at least 1 is used)
     * @param scale multiplier of the bound
     * @return the initialiser
     */
    static Init uniformFanIn(int fanIn, double scale) {
        double bound = scale / Math.sqrt(Math.max(1, fanIn));
        return (value, rng) -> {
            int n = value.rows() * value.cols();
            for (int i = 0; i < n; i++) {
                value.buffer().set(value.offset() + i, bound * (2.0 * rng.nextDouble() - 1.0));
            }
        };
    }

    /** Independent normal draws with mean {@code mean} and standard deviation {@code sd}. */
    static Init normal(double mean, double sd) {
        return (value, rng) -> {
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            int n = value.rows() * value.cols();
            for (int i = 0; i < n; i++) {
                value.buffer().set(value.offset() + i, mean + sd * gauss.sample());
            }
        };
    }
}
