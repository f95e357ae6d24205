package org.sbi4j.runtime.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.simulate.SimulationEngine;

/**
 * The cluster path: a standalone Spark master and one worker, each a JVM of its own on 127.0.0.1, whose class path
 * holds Spark only (a Spark installation: {@code SPARK_HOME/jars}). sbi4j, the simulator plugin and their libraries
 * reach the executor only through {@code spark.jars}, so the job succeeds only when the backend ships them.
 */
class TestSparkStandaloneCluster {
    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopCluster() throws InterruptedException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aJobOnAStandaloneMasterAndWorkerFillsTheStoreOfTheLocalBackend() throws Exception {
        List<String> spark = sparkClassPath();
        Path home = Files.createDirectories(dir.resolve("spark-home/jars"));
        for (String jar : spark) {
            Path p = Path.of(jar);
            Files.createSymbolicLink(home.resolve(p.getFileName()), p);
        }
        int masterPort = freePort();
        start(dir.resolve("master.log"), spark, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort()));
        awaitPort(masterPort);
        String master = "spark://127.0.0.1:" + masterPort;
        start(dir.resolve("worker.log"), spark, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--webui-port", String.valueOf(freePort()), "--cores", "2", "--memory", "1g",
                "--work-dir", Files.createDirectories(dir.resolve("work")).toString(), master);

        Sbi4j sbi = StoreFiles.runtime();
        SimulationEngine.StoreReport report = StoreFiles.fill(sbi, dir.resolve("cluster"), 2000,
                "{type: spark, master: '" + master + "', conf: {spark.driver.host: 127.0.0.1, "
                        + "spark.driver.bindAddress: 127.0.0.1, spark.executor.memory: 512m, spark.cores.max: '2'}}");
        assertThat(report.simulated()).isEqualTo(8);
        StoreFiles.fill(sbi, dir.resolve("local"), 2000, "{type: local}");
        assertThat(StoreFiles.files(dir.resolve("cluster"))).hasSize(1 + 8 * 4)
                .isEqualTo(StoreFiles.files(dir.resolve("local")));
        try (var logs = Files.walk(dir.resolve("work"))) {
            assertThat(logs.map(p -> p.getFileName().toString()))
                    .as("the executor fetched sbi4j's jars from the driver").anyMatch(n -> n.startsWith("sbi4j-"));
        }
    }

    /** The test class path without sbi4j and the libraries only sbi4j uses: what a Spark installation has. */
    private static List<String> sparkClassPath() {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            boolean sbi4j = entry.contains("/org/sbi4j/") || !entry.endsWith(".jar") || name.startsWith("sbi4j-");
            boolean ours = name.startsWith("commons-rng") || name.startsWith("jackson-dataformat-yaml")
                    || name.startsWith("snakeyaml") || name.startsWith("guice") || name.startsWith("junit")
                    || name.startsWith("assertj") || name.startsWith("slf4j-simple");
            if (!sbi4j && !ours) {
                out.add(entry);
            }
        }
        return out;
    }

    private void start(Path log, List<String> classPath, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-cp", String.join(File.pathSeparator, classPath), main));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        started.add(builder.start());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitPort(int port) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < end) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                assertThat(started.get(0).isAlive()).as("the master is running").isTrue();
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the Spark master did not listen on port " + port + " within 90 s");
    }
}
