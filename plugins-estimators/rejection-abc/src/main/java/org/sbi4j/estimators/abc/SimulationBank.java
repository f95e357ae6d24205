package org.sbi4j.estimators.abc;

import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulations;

/**
 * The simulated pairs (θᵢ, xᵢ) as flat row-major arrays, with the per-component data scales, and the one-pass
 * search for the simulations closest to an observation. Immutable; safe to share between threads.
 */
final class SimulationBank {
    private final int size;
    private final int parameterDimension;
    private final int dataDimension;
    private final double[] theta;
    private final double[] data;
    private final double[] scales;
    private final double[] inverseScales;

    private SimulationBank(int size, int parameterDimension, int dataDimension, double[] theta, double[] data,
                           double[] scales) {
        this.size = size;
        this.parameterDimension = parameterDimension;
        this.dataDimension = dataDimension;
        this.theta = theta;
        this.data = data;
        this.scales = scales;
        this.inverseScales = new double[dataDimension];
        for (int j = 0; j < dataDimension; j++) {
            inverseScales[j] = 1 / scales[j];
        }
    }

    /**
     * Copies simulations into flat arrays and computes the data scales.
     *
     * @param simulations the bank from the runtime
     * @param parameterDimension length of every θ row
     * @param dataDimension length of every x row
     * @param scale the scaling rule
     * @return the bank
     */
    static SimulationBank of(Simulations simulations, int parameterDimension, int dataDimension, DataScale scale) {
        int n = simulations.size();
        double[] theta = flatten(simulations.theta(), parameterDimension, "parameter");
        double[] data = flatten(simulations.data(), dataDimension, "data");
        double[] scales = n == 0 ? ones(dataDimension) : DataScales.of(data, n, dataDimension, scale);
        return new SimulationBank(n, parameterDimension, dataDimension, theta, data, scales);
    }

    /**
     * Rebuilds a saved bank.
     *
     * @param theta {@code size × parameterDimension} parameters, row-major
     * @param data {@code size × dataDimension} data, row-major
     * @param scales one positive scale per data component
     * @param parameterDimension length of θ
     * @param dataDimension length of x
     * @return the bank
     * @throws IllegalArgumentException when the arrays do not fit together
     */
    static SimulationBank restore(double[] theta, double[] data, double[] scales, int parameterDimension,
                                  int dataDimension) {
        if (parameterDimension < 1 || theta.length % parameterDimension != 0) {
            throw new IllegalArgumentException("theta has " + theta.length + " values, not a multiple of the "
                    + parameterDimension + " parameters");
        }
        int n = theta.length / parameterDimension;
        if (data.length != (long) n * dataDimension) {
            throw new IllegalArgumentException("x has " + data.length + " values but " + n + " rows of "
                    + dataDimension + " data components need " + (long) n * dataDimension);
        }
        if (scales.length != dataDimension) {
            throw new IllegalArgumentException("scales has " + scales.length + " values but the data have "
                    + dataDimension + " components");
        }
        for (int j = 0; j < dataDimension; j++) {
            if (!(scales[j] > 0 && Double.isFinite(scales[j]))) {
                throw new IllegalArgumentException("scale " + j + " is " + scales[j] + ", not positive and finite");
            }
        }
        return new SimulationBank(n, parameterDimension, dataDimension, theta, data, scales);
    }

    /** Number of simulations. */
    int size() {
        return size;
    }

    int parameterDimension() {
        return parameterDimension;
    }

    int dataDimension() {
        return dataDimension;
    }

    /** Parameters, row-major (shared, do not modify). */
    double[] theta() {
        return theta;
    }

    /** Data, row-major (shared, do not modify). */
    double[] data() {
        return data;
    }

    /** Per-component data scales (shared, do not modify). */
    double[] scales() {
        return scales;
    }

    /**
     * The simulations whose scaled data lie closest to the observation in Euclidean distance, in one pass over
     * the data and without sorting them all.
     *
     * @param observation x₀, finite, of length {@code dataDimension}
     * @param count how many to keep, 1 to {@link #size()}
     * @return row indices, closest first (equal distances by row index)
     * @throws SbiException when a distance is not finite: the observation lies so far from the simulations that
     *     the squared distance overflows, and no simulation could be told closer than another
     */
    int[] nearest(double[] observation, int count) {
        NearestSet nearest = new NearestSet(count);
        double bound = Double.POSITIVE_INFINITY;
        int offered = 0;
        int columns = dataDimension;
        for (int i = 0, offset = 0; i < size; i++, offset += columns) {
            double squared = 0;
            for (int j = 0; j < columns; j++) {
                double t = (data[offset + j] - observation[j]) * inverseScales[j];
                squared += t * t;
            }
            if (!(squared <= Double.MAX_VALUE)) {
                throw distanceOverflow(i);
            }
            if (squared < bound || offered < count) {
                nearest.offer(squared, i);
                offered++;
                bound = nearest.bound();
            }
        }
        return nearest.drainSorted();
    }

    private static SbiException distanceOverflow(int row) {
        return SbiException.userError("rejection-abc: the distance between the observation and simulation "
                + (row + 1) + " is not a finite "
                + "number (its square overflows), so the closest simulations cannot be told apart; the observation "
                + "lies far from every simulation: check its values and units against the simulated data");
    }

    /**
     * Copies the parameters of one simulation.
     *
     * @param row the simulation
     * @param target where to write {@code parameterDimension} values
     * @param offset first position in {@code target}
     */
    void copyParameters(int row, double[] target, int offset) {
        System.arraycopy(theta, row * parameterDimension, target, offset, parameterDimension);
    }

    private static double[] flatten(double[][] rows, int columns, String what) {
        double[] flat = new double[Math.multiplyExact(rows.length, columns)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != columns) {
                throw new IllegalArgumentException("simulation " + i + " has " + rows[i].length + " " + what
                        + " values, expected " + columns);
            }
            System.arraycopy(rows[i], 0, flat, i * columns, columns);
        }
        return flat;
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }
}
