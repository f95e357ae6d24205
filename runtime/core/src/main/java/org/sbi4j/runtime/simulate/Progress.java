package org.sbi4j.runtime.simulate;

/** A running task's progress; {@link #close()} ends it. Thread-safe. */
public interface Progress extends AutoCloseable {

    /** Progress that shows nothing. */
    Progress NONE = new Progress() {
        @Override
        public void advance(long steps) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Records finished steps.
     *
     * @param steps how many
     */
    void advance(long steps);

    @Override
    void close();
}
