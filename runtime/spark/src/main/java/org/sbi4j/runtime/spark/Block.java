package org.sbi4j.runtime.spark;

import java.io.Serializable;
import org.sbi4j.runtime.simulate.SimulationBackend;

/**
 * One simulated batch as it travels from an executor to the driver: flat row-major arrays.
 *
 * @param batch the batch index
 * @param theta the parameters (rows × d)
 * @param x the data (rows × k), NaN in the rows of failed runs
 * @param valid the validity mask
 */
record Block(int batch, double[] theta, double[] x, boolean[] valid) implements Serializable {
    private static final long serialVersionUID = 1L;

    static Block of(int b, SimulationBackend.Batch batch, int k) {
        return new Block(b, batch.thetaValues(), batch.dataValues(k), batch.validity());
    }

    SimulationBackend.Batch toBatch() {
        return SimulationBackend.Batch.of(theta, x, valid);
    }
}
