package org.sbi4j.simulators.mixtures;

import java.util.ArrayList;
import java.util.List;

/** Parameter and data names shared by the tasks, and argument checks. */
final class Names {
    private Names() {
    }

    /** {@code theta_1, ..., theta_d}. */
    static List<String> parameters(int dimension) {
        return numbered("theta_", dimension);
    }

    /** {@code x_1, ..., x_d}. */
    static List<String> data(int dimension) {
        return numbered("x_", dimension);
    }

    private static List<String> numbered(String prefix, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add(prefix + i);
        }
        return List.copyOf(names);
    }

    /**
     * Checks the length of a parameter or data vector.
     *
     * @param values the vector
     * @param dimension the expected length
     * @param what what the vector is, for the message
     * @param task the task name, for the message
     */
    static void checkLength(double[] values, int dimension, String what, String task) {
        if (values == null || values.length != dimension) {
            throw new IllegalArgumentException(task + ": " + what + " has "
                    + (values == null ? "no" : String.valueOf(values.length)) + " components, expected " + dimension);
        }
    }

    /**
     * Checks that an observation has the right length and only finite entries.
     *
     * @param observation x₀
     * @param dimension the expected length
     * @param task the task name, for the message
     */
    static void checkObservation(double[] observation, int dimension, String task) {
        checkLength(observation, dimension, "the observation", task);
        for (int j = 0; j < dimension; j++) {
            if (!Double.isFinite(observation[j])) {
                throw new IllegalArgumentException(task + ": observation x_" + (j + 1) + " = " + observation[j]
                        + " must be finite");
            }
        }
    }
}
