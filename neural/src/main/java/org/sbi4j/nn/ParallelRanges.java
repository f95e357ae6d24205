package org.sbi4j.nn;

/**
 * Element-wise work over the index range {@code [0, length)}, cut into contiguous pieces that may run on several
 * threads. Only for work whose every element is computed on its own (an optimiser update, a weighted sum of
 * buffers), so the result is the same for any cut and any thread count.
 */
interface ParallelRanges {

    /** Runs on one thread, in one piece. */
    ParallelRanges SERIAL = (length, task) -> task.run(0, length);

    /** The work on one piece. */
    @FunctionalInterface
    interface Task {
        /**
         * @param from first index
         * @param to end index (exclusive)
         */
        void run(int from, int to);
    }

    /**
     * Runs {@code task} over {@code [0, length)} and returns when every piece is done.
     *
     * @param length number of elements
     * @param task the work on a piece
     */
    void forRanges(int length, Task task);
}
