package org.sbi4j.runtime.spark;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.simulate.BatchPlan;
import org.sbi4j.runtime.simulate.Progress;
import org.sbi4j.runtime.simulate.SimulationBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs simulation batches as Spark tasks. The batch indices are an RDD cut into partitions of
 * {@code batches-per-task} batches (by default about four tasks per core); each task rebuilds the plan from its {@link org.sbi4j.runtime.simulate.SimulationRecipe}
 * and returns its blocks, which the driver hands to the sink as each task finishes ({@code SparkContext.runJob}
 * with a result handler: no collect of the whole job). On a cluster the executors get sbi4j's jars, the jars of
 * the simulator's and the prior's plugins and the configured {@code jars} through {@code spark.jars}. Plans
 * without a recipe (simulations inside a fit) run on the local backend.
 */
final class SparkSimulationBackend implements SimulationBackend {
    private static final Logger LOG = LoggerFactory.getLogger(SparkSimulationBackend.class);
    /** Tasks per core when {@code batches-per-task} is automatic: enough to balance uneven batches. */
    private static final int TASKS_PER_CORE = 4;
    /** Numbers the jobs, for their Spark job groups. */
    private static final AtomicLong JOBS = new AtomicLong();

    /**
     * The Spark properties this backend sets unless spark-submit or {@code conf} set them: what a simulation job does
     * not use is not started (the web UI, the context cleaner, the static metrics sources, broadcast compression:
     * the one broadcast is the small task), and task results go straight to the driver in the task's status
     * message (up to Spark's RPC message size) instead of through the block managers. The driver hands each result
     * to the store as it arrives and keeps none, so the limit on the results of a job held at the driver is lifted.
     */
    static final Map<String, String> DEFAULTS = defaults();

    private final SparkSettings settings;
    private final SimulationBackend local;
    private JavaSparkContext spark;
    private final List<Path> packed = new ArrayList<>();

    SparkSimulationBackend(SparkSettings settings, SimulationBackend local) {
        this.settings = requireNonNull(settings, "settings is null");
        this.local = requireNonNull(local, "local is null");
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("spark.ui.enabled", "false");
        d.put("spark.ui.showConsoleProgress", "false");
        d.put("spark.cleaner.referenceTracking", "false");
        d.put("spark.metrics.staticSources.enabled", "false");
        d.put("spark.broadcast.compress", "false");
        d.put("spark.task.maxDirectResultSize", "128m");
        d.put("spark.driver.maxResultSize", "0");
        return Collections.unmodifiableMap(d);
    }

    @Override
    public void run(BatchPlan plan, int[] batches, Sink sink, Progress progress) {
        if (plan.recipe() == null || plan.theta() != null) {
            local.run(plan, batches, sink, progress);
            return;
        }
        if (batches.length == 0) {
            return;
        }
        JavaSparkContext sc = context(plan);
        List<Integer> indices = new ArrayList<>(batches.length);
        for (int b : batches) {
            indices.add(b);
        }
        int perTask = settings.batchesPerTask > 0 ? settings.batchesPerTask
                : Math.max(1, batches.length / (TASKS_PER_CORE * Math.max(1, sc.defaultParallelism())));
        int partitions = (batches.length + perTask - 1) / perTask;
        JavaRDD<Integer> rdd = sc.parallelize(indices, partitions);
        BatchTask task = new BatchTask(plan.recipe(), plan.budget(), plan.batchSize(), plan.seed(), plan.stream());
        ClassTag<Block[]> tag = ClassTag$.MODULE$.apply(Block[].class);
        Handler handler = new Handler(sink, progress);
        String group = "sbi4j-" + JOBS.incrementAndGet();
        try {
            sc.setJobGroup(group, "sbi4j simulation batches", false);
            sc.sc().runJob(rdd.rdd(), task, handler, tag);
        } catch (Exception e) { // Spark throws the checked SparkException from Scala
            if (handler.failed) {
                sc.cancelJobGroup(group); // a failed sink fails the job, but Spark would go on running its tasks
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SbiException s) {
                    throw s;
                }
            }
            throw new SbiException(ErrorType.EXTERNAL, "the Spark job failed: " + e.getMessage()
                    + " (master " + sc.master() + ")", e);
        } finally {
            sc.clearJobGroup();
        }
    }

    /**
     * Hands each task's blocks to the sink, on the driver, as the task finishes. Once the sink has failed (a full
     * disk), the results of tasks still finishing are dropped: Spark fails the job on the first failure but keeps
     * calling the handler for tasks that end before the job is cancelled, and the store is closed by then.
     */
    private static final class Handler extends AbstractFunction2<Object, Block[], BoxedUnit> {
        private final Sink sink;
        private final Progress progress;
        private volatile boolean failed;

        Handler(Sink sink, Progress progress) {
            this.sink = sink;
            this.progress = progress;
        }

        @Override
        public BoxedUnit apply(Object partition, Block[] blocks) {
            if (failed) {
                return BoxedUnit.UNIT;
            }
            try {
                for (Block block : blocks) {
                    sink.accept(block.batch(), block.toBatch());
                    progress.advance(block.valid().length);
                }
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            }
            return BoxedUnit.UNIT;
        }
    }

    private synchronized JavaSparkContext context(BatchPlan plan) {
        if (spark != null) {
            return spark;
        }
        long start = System.nanoTime();
        SparkConf conf = new SparkConf().setAppName(settings.appName); // spark.* system properties (spark-submit)
        DEFAULTS.forEach(conf::setIfMissing);
        String master = settings.master != null ? settings.master : conf.get("spark.master", "local[*]");
        conf.setMaster(master);
        if (master.startsWith("local")) {
            // everything runs in this JVM: listen on the loopback interface only
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        settings.conf.forEach(conf::set);
        if (!master.startsWith("local")) {
            List<String> jars = shippedJars(plan);
            conf.set("spark.jars", String.join(",", jars));
            LOG.info("shipping {} jars to the Spark executors", jars.size());
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(SparkSimulationBackend.class.getClassLoader());
        try {
            spark = new JavaSparkContext(SparkContext.getOrCreate(conf));
        } catch (Exception e) { // Spark throws the checked SparkException from Scala
            throw new SbiException(ErrorType.EXTERNAL, "cannot start Spark with master " + master + ": "
                    + e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        LOG.info("Spark started in {} s (master {})", String.format("%.1f", (System.nanoTime() - start) / 1e9),
                master);
        return spark;
    }

    /**
     * The jars executors need: every sbi4j jar of the class path (API, core, this backend, the simulator plugins
     * and the plugins they build on), the libraries the core uses to build a simulator (Commons RNG, Jackson YAML),
     * the plugin folder's jars, the simulator's and the prior's own jars, and the configured {@code jars}. A class
     * folder (a build's target/classes) is packed into a temporary jar. Libraries that Spark brings (Jackson,
     * slf4j, Commons Math) are not shipped.
     */
    private List<String> shippedJars(BatchPlan plan) {
        Set<Path> sources = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!entry.isEmpty() && Files.exists(path)
                    && (Files.isDirectory(path) || path.getFileName().toString().startsWith("sbi4j-"))) {
                sources.add(path.toAbsolutePath());
            }
        }
        for (Class<?> type : List.of(org.sbi4j.api.Simulator.class, SimulationBackend.class,
                SparkSimulationBackend.class, org.apache.commons.rng.UniformRandomProvider.class,
                org.apache.commons.rng.simple.RandomSource.class,
                org.apache.commons.rng.core.source64.XoShiRo256PlusPlus.class,
                org.apache.commons.rng.sampling.distribution.ZigguratSampler.class,
                com.fasterxml.jackson.dataformat.yaml.YAMLFactory.class, org.yaml.snakeyaml.LoaderOptions.class,
                plan.simulator().getClass(), plan.prior().getClass())) {
            Path source = source(type);
            if (source != null) {
                sources.add(source);
            }
        }
        String plugins = plan.recipe().pluginDirectory();
        if (plugins != null && Files.isDirectory(Path.of(plugins))) {
            try (Stream<Path> all = Files.walk(Path.of(plugins))) {
                all.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> sources.add(p.toAbsolutePath()));
            } catch (IOException e) {
                throw new SbiException(ErrorType.EXTERNAL, "cannot list the plugin folder " + plugins
                        + " to ship it to the Spark executors: " + e.getMessage(), e);
            }
        }
        List<String> jars = new ArrayList<>();
        for (Path source : sources) {
            jars.add(Files.isDirectory(source) ? pack(source).toUri().toString() : source.toUri().toString());
        }
        for (String jar : settings.jars) {
            jars.add(jar.contains(":") ? jar : Path.of(jar).toAbsolutePath().toUri().toString());
        }
        return jars;
    }

    private static Path source(Class<?> type) {
        try {
            java.security.CodeSource code = type.getProtectionDomain().getCodeSource();
            return code == null || code.getLocation() == null ? null : Path.of(code.getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }

    private Path pack(Path classes) {
        try {
            Path module = classes.toAbsolutePath().getParent();
            String name = module != null && module.getParent() != null ? module.getParent().getFileName() + "-" : "";
            Path jar = Files.createTempFile("sbi4j-" + name, ".jar");
            packed.add(jar);
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                 Stream<Path> all = Files.walk(classes)) {
                for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new ZipEntry(classes.relativize(p).toString().replace('\\', '/')));
                    Files.copy(p, out);
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new SbiException(ErrorType.EXTERNAL, "cannot pack " + classes + " into a jar for the Spark "
                    + "executors: " + e.getMessage(), e);
        }
    }

    /** The running context's properties (for the tests). */
    synchronized SparkConf conf() {
        return spark.getConf();
    }

    @Override
    public synchronized void close() {
        if (spark != null) {
            spark.stop();
            spark = null;
        }
        for (Path jar : packed) {
            try {
                Files.deleteIfExists(jar);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }
}
