package org.sbi4j.samplers.mcmc;

import java.util.ArrayList;
import java.util.List;

/**
 * Stan's warm-up windows: a fast initial buffer (only the step size or scale adapts), slow windows of doubling
 * length whose draws estimate the chain's scales (mass matrix, proposal covariance, slice widths), and a fast
 * terminal buffer. Short warm-ups (fewer than 20 iterations) have no slow windows.
 */
final class WarmUpSchedule {
    private final int warmUp;
    private final int initBuffer;
    private final int slowEnd;
    private final List<Integer> windowEnds = new ArrayList<>();

    WarmUpSchedule(int warmUp) {
        this.warmUp = warmUp;
        if (warmUp < 20) {
            initBuffer = warmUp;
            slowEnd = warmUp;
            return;
        }
        initBuffer = Math.min(75, (int) (0.15 * warmUp));
        int term = Math.min(50, (int) (0.1 * warmUp));
        slowEnd = warmUp - term;
        int window = Math.min(25, slowEnd - initBuffer);
        int start = initBuffer;
        while (start < slowEnd) {
            int end = start + window;
            if (end + 2 * window > slowEnd) {
                end = slowEnd;
            }
            windowEnds.add(end);
            start = end;
            window *= 2;
        }
    }

    int warmUp() {
        return warmUp;
    }

    /** Whether warm-up iteration {@code it} (0-based) contributes to a slow window's scale estimate. */
    boolean inSlowWindow(int it) {
        return it >= initBuffer && it < slowEnd;
    }

    /** Whether the initial fast buffer ends after iteration {@code it} (never for a warm-up without slow windows). */
    boolean endsInitialBuffer(int it) {
        return !windowEnds.isEmpty() && it + 1 == initBuffer;
    }

    /** Whether a slow window ends after iteration {@code it}: the scales are re-estimated then. */
    boolean endsWindow(int it) {
        return windowEnds.contains(it + 1);
    }
}
