package org.sbi4j.simulators.lensing;

/**
 * The 21 parameters of the full lens model, in their canonical order: SIE mass (5), external shear (2), source
 * Sérsic (7) and lens-light Sérsic (7). Angles and lengths are in arcsec; amplitudes are log10 of the Sérsic
 * surface brightness I_e at the effective radius, in image units per pixel.
 */
enum LensParameter {
    /** Einstein radius θ_E of the SIE. */
    THETA_E("theta_E"),
    /** SIE centre x. */
    LENS_X("lens_x"),
    /** SIE centre y. */
    LENS_Y("lens_y"),
    /** SIE ellipticity e1. */
    LENS_E1("lens_e1"),
    /** SIE ellipticity e2. */
    LENS_E2("lens_e2"),
    /** External shear γ1. */
    SHEAR_G1("shear_g1"),
    /** External shear γ2. */
    SHEAR_G2("shear_g2"),
    /** log10 I_e of the source. */
    SRC_AMP("src_amp"),
    /** Source effective radius R_e. */
    SRC_R("src_R"),
    /** Source Sérsic index n. */
    SRC_N("src_n"),
    /** Source ellipticity e1. */
    SRC_E1("src_e1"),
    /** Source ellipticity e2. */
    SRC_E2("src_e2"),
    /** Source centre x (source plane). */
    SRC_X("src_x"),
    /** Source centre y (source plane). */
    SRC_Y("src_y"),
    /** log10 I_e of the lens light. */
    LIGHT_AMP("light_amp"),
    /** Lens-light effective radius R_e. */
    LIGHT_R("light_R"),
    /** Lens-light Sérsic index n. */
    LIGHT_N("light_n"),
    /** Lens-light ellipticity e1. */
    LIGHT_E1("light_e1"),
    /** Lens-light ellipticity e2. */
    LIGHT_E2("light_e2"),
    /** Lens-light centre x. */
    LIGHT_X("light_x"),
    /** Lens-light centre y. */
    LIGHT_Y("light_y");

    /** Number of parameters of the full model. */
    static final int COUNT = values().length;

    private final String id;

    LensParameter(String id) {
        this.id = id;
    }

    /** The name used in θ, configs and outputs. */
    String id() {
        return id;
    }

    /** The index in the full parameter vector. */
    int index() {
        return ordinal();
    }

    /**
     * @param id a parameter name
     * @return the parameter, or {@code null} when the name is unknown
     */
    static LensParameter byId(String id) {
        for (LensParameter p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        return null;
    }
}
