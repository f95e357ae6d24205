package org.sbi4j.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.sbi4j.runtime.Sbi4j;

class TestHostServices {
    @Test
    void aHostReplacesTheProgressReporterAndTheThreadPoolThroughGuice() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        ExecutorService executor = Executors.newFixedThreadPool(3, r -> new Thread(() -> {
            threads.add(Thread.currentThread().getName());
            r.run();
        }, "host-worker-" + threads.size()));
        HostServicesExample.Metrics metrics = new HostServicesExample.Metrics();
        try {
            Sbi4j sbi = HostServicesExample.runtime(metrics, executor);
            double[][] hosted = HostServicesExample.trainAndSample(sbi, 20_000);
            // the host's reporter saw every simulation, and the host's threads ran the batches
            assertThat(metrics.simulated()).isEqualTo(20_000);
            assertThat(threads).isNotEmpty().allMatch(name -> name.startsWith("host-worker-"));
            // replacing services changes where the work runs, not the numbers
            double[][] plain = HostServicesExample.trainAndSample(Sbi4j.builder().threads(1).build(), 20_000);
            assertThat(hosted).isDeepEqualTo(plain);
        } finally {
            executor.shutdownNow();
        }
    }
}
