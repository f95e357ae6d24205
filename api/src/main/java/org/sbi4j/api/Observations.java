package org.sbi4j.api;

import java.util.List;

/** Checks an observation x₀ against a simulator's data names, with messages a user can act on. */
public final class Observations {
    private Observations() {
    }

    /**
     * Checks the length and finiteness of an observation.
     *
     * @param observation x₀
     * @param dataNames the simulator's data names
     * @param whyFinite why the caller needs finite values, ending the message about a NaN or ∞
     * @return the observation, unchanged
     * @throws SbiException a user error naming the problem
     */
    public static double[] check(double[] observation, List<String> dataNames, String whyFinite) {
        if (observation == null) {
            throw new IllegalArgumentException("observation is null");
        }
        if (observation.length != dataNames.size()) {
            throw SbiException.userError("observation has " + observation.length + " values but the simulator's "
                    + "data have " + dataNames.size() + " (" + abbreviate(dataNames) + ")");
        }
        for (int j = 0; j < observation.length; j++) {
            if (!Double.isFinite(observation[j])) {
                throw SbiException.userError("observation value " + (j + 1) + " (" + dataNames.get(j) + ") is "
                        + observation[j] + "; " + whyFinite);
            }
        }
        return observation;
    }

    /**
     * Names for a message: all of them up to six, else the first three, an ellipsis and the last.
     *
     * @param names the names
     * @return the abbreviated list
     */
    public static String abbreviate(List<String> names) {
        if (names.size() <= 6) {
            return String.join(", ", names);
        }
        return names.get(0) + ", " + names.get(1) + ", " + names.get(2) + ", …, " + names.get(names.size() - 1);
    }
}
