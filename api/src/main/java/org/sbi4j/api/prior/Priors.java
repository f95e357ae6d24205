package org.sbi4j.api.prior;

import java.util.ArrayList;
import java.util.List;

/** Argument checks and names shared by the stock priors. */
final class Priors {
    private Priors() {
    }

    static List<String> defaultNames(int dimension) {
        List<String> names = new ArrayList<>(dimension);
        for (int i = 1; i <= dimension; i++) {
            names.add("theta_" + i);
        }
        return List.copyOf(names);
    }

    static List<String> checkNames(List<String> names, int dimension, String prior) {
        if (names == null || names.isEmpty()) {
            return defaultNames(dimension);
        }
        if (names.size() != dimension) {
            throw new IllegalArgumentException(prior + ": " + names.size() + " parameter names given for "
                    + dimension + " parameters");
        }
        return List.copyOf(names);
    }

    static void checkSameLength(double[] a, String aName, double[] b, String bName, String prior) {
        if (a == null || b == null || a.length == 0) {
            throw new IllegalArgumentException(prior + ": " + aName + " and " + bName + " must be non-empty lists");
        }
        if (a.length != b.length) {
            throw new IllegalArgumentException(prior + ": " + aName + " has " + a.length + " entries but "
                    + bName + " has " + b.length + "; give one per parameter");
        }
    }

    static void checkPositive(double[] values, String name, String prior) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0) || !Double.isFinite(values[i])) {
                throw new IllegalArgumentException(prior + ": " + name + "[" + i + "] = " + values[i]
                        + " must be positive and finite");
            }
        }
    }

    static void checkFinite(double[] values, String name, String prior) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(prior + ": " + name + "[" + i + "] = " + values[i] + " must be finite");
            }
        }
    }

    static void checkLength(double[] theta, int dimension) {
        if (theta.length != dimension) {
            throw new IllegalArgumentException("θ has " + theta.length + " components, the prior has " + dimension);
        }
    }
}
