package org.sbi4j.runtime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sbi4j.runtime.Phases;
import org.sbi4j.runtime.cli.Sbi4jCli;

/**
 * The CLI in a JVM of its own (this JVM's java, class path and {@code sbi4j.*} properties), held at a phase of its job
 * ({@link Phases#HOLD_AT}) so a test can kill it there with SIGKILL, or let it go on. No sleeps: the test waits
 * for the line the child writes when it reaches the phase.
 */
public final class CliProcess {
    private static final String HOLDING = "sbi4j: holding at ";

    private final Process process;
    private final BufferedReader err;
    private final List<String> lines = new ArrayList<>();

    private CliProcess(Process process) {
        this.process = process;
        this.err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts the CLI; its job waits at {@code phase}.
     *
     * @param phase the phase to hold at
     * @param args the command-line arguments
     * @return the running process
     */
    public static CliProcess holdingAt(String phase, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-D" + Phases.HOLD_AT + "=" + phase));
        System.getProperties().stringPropertyNames().stream().filter(p -> p.startsWith("sbi4j.")).sorted()
                .forEach(p -> command.add("-D" + p + "=" + System.getProperty(p)));  // e.g. sbi4j.home
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Sbi4jCli.class.getName()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return new CliProcess(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the job reaches its phase.
     *
     * @return this
     * @throws AssertionError when the process ends first (with what it wrote)
     */
    public CliProcess awaitHold() {
        try {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                lines.add(line);
                if (line.startsWith(HOLDING)) {
                    return this;
                }
            }
            throw new AssertionError("the CLI ended with " + process.waitFor() + " before its phase: "
                    + String.join("\n", lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Kills the process with SIGKILL (on Linux) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /**
     * Lets the job go on and waits for its end.
     *
     * @return the exit code
     */
    public int release() {
        try {
            process.getOutputStream().close();
            err.lines().forEach(lines::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return waitFor();
    }

    /** What the process wrote to standard error so far. */
    public String err() {
        return String.join("\n", lines);
    }

    private int waitFor() {
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the CLI did not end: " + err());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
