package org.sbi4j.runtime.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.HeapBudget;
import org.sbi4j.runtime.Sbi4j;
import org.sbi4j.runtime.Sbi4jBuilder;
import org.sbi4j.runtime.config.Suggestions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * The {@code sbi4j} command line: a thin layer over {@link Sbi4j}. Exit codes: 0 success, 2 usage or config
 * error (the message names the problem and the fix), 1 failure during the run.
 */
@Command(name = "sbi4j", mixinStandardHelpOptions = true, versionProvider = Sbi4jCli.Version.class,
        description = "Simulation-based inference: simulate, train neural estimators, sample posteriors.",
        subcommands = {PluginsCommand.class, RunCommand.class, TrainCommand.class, SimulateCommand.class, SampleCommand.class, DiagnoseCommand.class,
                BenchmarkCommand.class,
                CommandLine.HelpCommand.class})
public final class Sbi4jCli implements Runnable {
    /** Exit code of a usage or configuration error. */
    public static final int USAGE_ERROR = 2;
    /** Exit code of a failure during the run. */
    public static final int RUN_FAILURE = 1;

    @Option(names = "--plugin-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "folder of plugin jars (each jar or sub-folder gets its own class loader); "
                    + "default: the 'plugins' folder of the sbi4j home when it exists")
    Path pluginDirectory;

    @Option(names = "--threads", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "threads for simulation and fitting (overrides simulation.threads; default: the config's)")
    int threads;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "no progress bars")
    boolean quiet;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "print stack traces of errors")
    boolean stacktrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: plugins, run, train, simulate, sample, diagnose or benchmark");
    }

    /** Builds the facade with the global options. */
    Sbi4j runtime() {
        if (threads < 0) {
            throw SbiException.userError("--threads must be positive, got " + threads);
        }
        Path home = Path.of(System.getProperty("sbi4j.home", System.getProperty("user.dir")));
        Path plugins = pluginDirectory;
        if (plugins == null && Files.isDirectory(home.resolve("plugins"))) {
            plugins = home.resolve("plugins");
        }
        Sbi4jBuilder builder = Sbi4j.builder().homeDirectory(home).pluginDirectory(plugins).threads(threads);
        if (!quiet) {
            builder.progress(new ConsoleProgressReporter());
        }
        return builder.build();
    }

    /**
     * Runs the CLI with the given streams and returns the exit code (for tests and embedding).
     *
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        Sbi4jCli root = new Sbi4jCli();
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("error: " + ex.getMessage() + "." + suggestion(ex) + " Run '"
                    + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
            cmd.getErr().flush();
            return USAGE_ERROR;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            boolean user = ex instanceof SbiException s && s.type() == ErrorType.USER_ERROR;
            String message = ex instanceof SbiException ? ex.getMessage()
                    : "unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                    + ". This is a bug; please report it with the output of --stacktrace.";
            cmd.getErr().println("error: " + message);
            if (root.stacktrace) {
                ex.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return user ? USAGE_ERROR : RUN_FAILURE;
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("error: " + outOfMemory(Runtime.getRuntime().maxMemory()));
            if (root.stacktrace) {
                e.printStackTrace(err);
            }
            code = RUN_FAILURE;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** "Did you mean ...?" for a mistyped command or option: the closest of picocli's candidates. */
    private static String suggestion(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getSuggestions().isEmpty()) {
            String typed = unmatched.getUnmatched().get(0);
            String closest = Suggestions.closest(typed, unmatched.getSuggestions())
                    .orElse(unmatched.getSuggestions().get(0));
            return " Did you mean '" + closest + "'?";
        }
        return "";
    }

    /**
     * The paragraph for an {@link OutOfMemoryError} that the size checks did not foresee.
     *
     * @param heap the largest heap the JVM may use, in bytes
     * @return what happened and the two ways out
     */
    static String outOfMemory(long heap) {
        long larger = Math.max(2, (long) Math.ceil(2 * heap / (1024.0 * 1024 * 1024)));
        return String.format(java.util.Locale.ROOT, "the Java heap (at most %s) ran out of memory during the "
                + "run. Lower the sizes that hold many rows at once (simulation.budget, samples, the diagnostics' "
                + "sbc, coverage and draws, or the command's --samples/--draws), or give the JVM a larger heap, e.g. "
                + "SBI4J_HEAP=%dg ./sbi4j ... (the launcher's -Xmx, default 4g).", HeapBudget.describe(heap), larger);
    }

    /**
     * The entry point of the {@code ./sbi4j} launcher.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    /** Prints the runtime version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sbi4j " + Sbi4j.version()};
        }
    }
}
