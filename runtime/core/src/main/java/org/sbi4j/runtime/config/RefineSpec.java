package org.sbi4j.runtime.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/**
 * The {@code refine:} section of a run config: what to do with the trained posterior before sampling. Written
 * {@code refine: importance-sampling} or, with settings, {@code refine: {method: importance-sampling,
 * max-proposals: 200000}}.
 */
public final class RefineSpec implements Settings {
    /** Refinement methods. */
    public enum Method {
        /** Sample the trained posterior as it is. */
        @JsonProperty("none") NONE,
        /** Reweigh posterior draws by prior × likelihood / posterior density and resample (needs a likelihood). */
        @JsonProperty("importance-sampling") IMPORTANCE_SAMPLING;

        @Override
        public String toString() {
            return this == NONE ? "none" : "importance-sampling";
        }
    }

    @Setting("none, or importance-sampling: reweigh posterior draws with the simulator's likelihood and resample")
    public Method method = Method.NONE;

    @Setting("importance sampling: proposal draws in the first round per observation")
    public int minProposals = 10_000;

    @Setting("importance sampling: the most proposal draws per observation; drawing stops earlier once the "
            + "effective sample size reaches the number of samples asked for")
    public int maxProposals = 1_000_000;

    /** For the binder. */
    public RefineSpec() {
    }

    /**
     * The short form {@code refine: importance-sampling}.
     *
     * @param method the method's name
     * @return the spec with default settings
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RefineSpec of(String method) {
        RefineSpec spec = new RefineSpec();
        for (Method m : Method.values()) {
            if (m.toString().equalsIgnoreCase(method)) {
                spec.method = m;
                return spec;
            }
        }
        throw new IllegalArgumentException("refine: unknown method '" + method + "'; use none or importance-sampling");
    }

    /**
     * The refinement a command-line option names.
     *
     * @param method {@code none} or {@code importance-sampling}
     * @return the spec with default settings
     * @throws org.sbi4j.api.SbiException a user error for an unknown name
     */
    public static RefineSpec named(String method) {
        try {
            return of(method);
        } catch (IllegalArgumentException e) {
            throw org.sbi4j.api.SbiException.userError(e.getMessage());
        }
    }

    /** The same refinement as a {@code sampler:} spec. */
    public ComponentSpec asSampler() {
        if (!enabled()) {
            return new ComponentSpec(RunConfig.DIRECT, java.util.Map.of());
        }
        return new ComponentSpec(method.toString(), java.util.Map.of("min-proposals", minProposals,
                "max-proposals", maxProposals));
    }

    /** Whether a refinement is configured. */
    public boolean enabled() {
        return method != Method.NONE;
    }

    @Override
    public void validate() {
        if (minProposals < 2) {
            throw new IllegalArgumentException("refine.min-proposals = " + minProposals + " must be at least 2");
        }
        if (maxProposals < minProposals) {
            throw new IllegalArgumentException("refine.max-proposals = " + maxProposals
                    + " must be at least refine.min-proposals = " + minProposals);
        }
    }
}
