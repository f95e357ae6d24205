package org.sbi4j.runtime.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.config.ComponentSpec;
import org.sbi4j.runtime.parallel.LocalWorkerPool;

/** Choosing the backend by name: {@code local} is the bound backend; an unknown name lists the known ones. */
class TestSimulationBackends {
    private final SimulationBackends backends = new SimulationBackends(
            new LocalSimulationBackend(LocalWorkerPool.shared()));

    @Test
    void localRunsTheBoundBackendAndTakesNoSettings() {
        try (SimulationBackend local = backends.open(new ComponentSpec("local", Map.of()))) {
            BatchPlan plan = new BatchPlan(TestSimulationEngine.simulator(2),
                    org.sbi4j.api.prior.BoxUniformPrior.cube(2, -1, 1), null, 250, 100, 2, 1, "simulation");
            assertThat(local.run(plan, Progress.NONE)).hasSize(3)
                    .allSatisfy(b -> assertThat(b.theta().length).isBetween(50, 100));
        }
        assertThatThrownBy(() -> backends.open(new ComponentSpec("local", Map.of("master", "x"))))
                .isInstanceOf(SbiException.class).hasMessageContaining("{type: local} takes no settings");
    }

    @Test
    void anUnknownNameListsTheKnownBackends() {
        assertThatThrownBy(() -> backends.open(new ComponentSpec("lcoal", Map.of())))
                .isInstanceOf(SbiException.class)
                .hasMessageContaining("unknown simulation.backend 'lcoal' (backends: local). Did you mean 'local'?");
    }
}
