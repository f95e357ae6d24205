package org.sbi4j.nn;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.sbi4j.api.SbiException;

/** The check of θ rows handed to a posterior's density: every row present and as long as the parameter list. */
public final class ParameterRows {

    private ParameterRows() {
    }

    /**
     * Refuses a null batch, a null row or a row of the wrong length, naming the parameters.
     *
     * @param theta the rows
     * @param parameterNames the parameters, in column order
     * @throws SbiException (a user error) for a bad row
     */
    public static void check(double[][] theta, List<String> parameterNames) {
        requireNonNull(theta, "theta is null");
        int d = parameterNames.size();
        for (int r = 0; r < theta.length; r++) {
            if (theta[r] == null || theta[r].length != d) {
                throw SbiException.userError("θ row " + r + " has " + (theta[r] == null ? "no" : theta[r].length)
                        + " values but the prior has " + d + " parameters (" + String.join(", ", parameterNames)
                        + ")");
            }
        }
    }
}
