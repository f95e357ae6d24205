package org.sbi4j.runtime.spark;

import org.sbi4j.runtime.simulate.SimulationBackend;
import org.sbi4j.runtime.simulate.SimulationBackendFactory;

/** Makes the Spark backend; listed in {@code META-INF/services} so that the runtime finds it by name. */
public final class SparkBackendFactory implements SimulationBackendFactory<SparkSettings> {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public String description() {
        return "Apache Spark: simulation batches as tasks on a local[N] master or a cluster";
    }

    @Override
    public Class<SparkSettings> settingsType() {
        return SparkSettings.class;
    }

    @Override
    public SimulationBackend create(SparkSettings settings, SimulationBackend local) {
        return new SparkSimulationBackend(settings, local);
    }
}
