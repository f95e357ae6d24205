package org.sbi4j.runtime.cli;

import java.time.Duration;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sbi4j.runtime.simulate.Progress;
import org.sbi4j.runtime.simulate.ProgressReporter;

/**
 * Progress bars on standard error with count, rate and ETA (the {@code progressbar} library). On a terminal
 * the bar redraws in place; otherwise (CI logs, pipes) a line is printed every few seconds.
 */
public final class ConsoleProgressReporter implements ProgressReporter {
    private final boolean interactive = System.console() != null;

    @Override
    public Progress start(String task, long total, String unit) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setEtaFunction(state -> state.getCurrent() <= 0 ? java.util.Optional.empty()
                        : java.util.Optional.of(Duration.ofMillis((long) (state.getTotalElapsed().toMillis()
                                * (double) (state.getMax() - state.getCurrent()) / state.getCurrent()))));
        if (!interactive) {
            builder.setUpdateIntervalMillis(5_000).setConsumer(new DelegatingProgressBarConsumer(System.err::println, 100));
        }
        ProgressBar bar = builder.build();
        return new Progress() {
            @Override
            public void advance(long steps) {
                bar.stepBy(steps);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
