package org.sbi4j.nn;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One-time setup of the native backend: ND4J's CPU backend with one OpenMP thread and one BLAS thread in
 * this process (ND4J's default of two threads collapses when the other core is busy; parallelism comes from
 * Java threads, each with its own model copy, through {@code CopyPool}). Every buffer
 * allocation goes through {@link #ensureInitialized()}, so callers rarely need to call it themselves.
 */
public final class NeuralRuntime {

    private static volatile boolean initialized;

    private NeuralRuntime() {
    }

    /** Loads the natives (the first call unpacks them into {@code ~/.javacpp/cache}) and pins thread counts. */
    public static void ensureInitialized() {
        if (initialized) {
            return;
        }
        synchronized (NeuralRuntime.class) {
            if (initialized) {
                return;
            }
            Nd4j.getEnvironment().setMaxThreads(1);
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            Nd4j.factory().blas().setMaxThreads(1);
            // ND4J's CPU BLAS is this library; set it directly too, so direct gemm calls are single-threaded.
            openblas_nolapack.blas_set_num_threads(1);
            initialized = true;
        }
    }

    /** Number of threads the BLAS library currently uses (1 after initialisation). */
    public static int blasThreads() {
        ensureInitialized();
        return openblas_nolapack.blas_get_num_threads();
    }
}
