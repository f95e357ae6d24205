package org.sbi4j.runtime.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/** The settings of {@code simulation.backend: {type: spark, ...}}. */
public final class SparkSettings implements Settings {
    @Setting("the Spark master: local[N] (N threads in this JVM), local[*], spark://host:7077 (a standalone "
            + "cluster), yarn or k8s://...; unset: spark-submit's --master, else local[*]")
    public String master;

    @Setting("the application's name in the Spark UI")
    public String appName = "sbi4j-simulate";

    @Setting("simulation batches per Spark task (each task's batches stream back when it finishes); 0: about four "
            + "tasks per core (fewer, larger tasks cost less scheduling)")
    public int batchesPerTask = 0;

    @Setting("extra jars the executors need (a simulator plugin's own libraries); sbi4j's jars, the simulator's "
            + "and the prior's plugin jars are shipped without being listed")
    public List<String> jars = new ArrayList<>();

    @Setting("extra Spark properties, e.g. {spark.executor.memory: 2g, spark.executor.cores: 4}; they override the "
            + "backend's defaults (spark.ui.enabled false, spark.cleaner.referenceTracking false, "
            + "spark.metrics.staticSources.enabled false, spark.broadcast.compress false, "
            + "spark.task.maxDirectResultSize 128m, spark.driver.maxResultSize 0)")
    public Map<String, String> conf = new LinkedHashMap<>();

    @Override
    public void validate() {
        if (master != null && master.isBlank()) {
            throw new IllegalArgumentException("master is empty: give e.g. local[2] or spark://host:7077, or leave "
                    + "it out");
        }
        if (batchesPerTask < 0) {
            throw new IllegalArgumentException("batches-per-task = " + batchesPerTask + " must be 0 (automatic) or "
                    + "positive");
        }
    }
}
