package org.sbi4j.nn;

/**
 * Autoregressive rational-quadratic spline transform (the autoregressive variant of the neural spline flow):
 * an {@link AutoregressiveTransform} whose MADE gives each feature the {@code 3K − 1} parameters of its
 * {@link RationalQuadraticSpline}.
 */
public final class SplineAutoregressiveTransform extends AutoregressiveTransform {

    /**
     * Registers the transform.
     *
     * @param params parameter registry
     * @param name unique prefix
     * @param dim number of features
     * @param contextDim context width (0 for none)
     * @param hidden hidden widths of the MADE
     * @param activation hidden nonlinearity
     * @param bins K
     * @param tailBound B
     * @param outputScale initial weight scale of the MADE's output layer (small: near identity)
     */
    public SplineAutoregressiveTransform(ParameterSet.Builder params, String name, int dim, int contextDim,
                                         int[] hidden, Activation activation, int bins, double tailBound,
                                         double outputScale) {
        super(params, name, dim, contextDim, hidden, activation, outputScale,
                new RationalQuadraticSpline(bins, tailBound));
    }
}
