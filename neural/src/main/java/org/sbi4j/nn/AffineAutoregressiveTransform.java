package org.sbi4j.nn;

/**
 * Masked affine autoregressive transform (MAF, Papamakarios et al. 2017), conditioned on a context: an
 * {@link AutoregressiveTransform} whose element-wise part is the {@link AffineBijection}
 * {@code z_d = θ_d·s_d + m_d}, {@code s_d = softplus(u_d + c) + 10⁻³}, with {@code (u_d, m_d)} from the MADE.
 */
public final class AffineAutoregressiveTransform extends AutoregressiveTransform {

    /**
     * Registers the transform.
     *
     * @param params parameter registry
     * @param name unique prefix
     * @param dim number of features
     * @param contextDim context width (0 for none)
     * @param hidden hidden widths of the MADE
     * @param activation hidden nonlinearity
     * @param outputScale initial weight scale of the MADE's output layer (small: near identity)
     */
    public AffineAutoregressiveTransform(ParameterSet.Builder params, String name, int dim, int contextDim,
                                         int[] hidden, Activation activation, double outputScale) {
        super(params, name, dim, contextDim, hidden, activation, outputScale, new AffineBijection());
    }
}
