package org.sbi4j.runtime.plot;

import java.awt.FontMetrics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Round tick values (1, 2, 2.5 or 5 times a power of ten) inside an axis range, with labels that never overlap
 * in the space available.
 *
 * @param values the tick positions, ascending
 * @param labels their labels
 */
record Ticks(double[] values, List<String> labels) {
    private static final double[] MULTIPLES = {1, 2, 2.5, 5};

    /**
     * The most ticks (at most {@code maxCount}) whose labels, laid side by side along {@code lengthPx} pixels,
     * keep {@code minGapPx} pixels apart.
     */
    static Ticks fitting(double lo, double hi, int maxCount, double lengthPx, FontMetrics metrics, boolean horizontal,
            double minGapPx) {
        for (int count = Math.max(2, maxCount); count >= 2; count--) {
            Ticks ticks = of(lo, hi, count);
            if (ticks.values.length <= 1) {
                return ticks;
            }
            double spacingPx = (ticks.values[1] - ticks.values[0]) / (hi - lo) * lengthPx;
            double size = 0;
            for (String label : ticks.labels) {
                size = Math.max(size, horizontal ? metrics.stringWidth(label) : metrics.getAscent());
            }
            if (spacingPx >= size + minGapPx) {
                return ticks;
            }
        }
        return of(lo, hi, 2);
    }

    /** Round ticks in [lo, hi], about {@code maxCount} of them and never more. */
    static Ticks of(double lo, double hi, int maxCount) {
        double span = hi - lo;
        if (!(span > 0) || !Double.isFinite(span)) {
            return new Ticks(new double[] {lo}, List.of(format(lo, Math.abs(lo) > 0 ? Math.abs(lo) / 10 : 1)));
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(span / Math.max(1, maxCount))) - 1);
        double step = Double.NaN;
        search:
        for (int decade = 0; decade < 3; decade++, magnitude *= 10) {
            for (double multiple : MULTIPLES) {
                double candidate = multiple * magnitude;
                long count = (long) Math.floor(hi / candidate + 1e-9) - (long) Math.ceil(lo / candidate - 1e-9) + 1;
                if (count <= maxCount) {
                    step = candidate;
                    break search;
                }
            }
        }
        List<Double> values = new ArrayList<>();
        double first = Math.ceil(lo / step - 1e-9) * step;
        for (int k = 0; k <= maxCount + 1; k++) {
            double v = first + k * step;
            if (v > hi + step * 1e-9) {
                break;
            }
            values.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        List<String> labels = new ArrayList<>();
        for (double v : array) {
            labels.add(format(v, step));
        }
        return new Ticks(array, List.copyOf(labels));
    }

    /** A label for {@code value} with just enough decimals for a tick step of {@code step}. */
    static String format(double value, double step) {
        double magnitude = Math.max(Math.abs(value), step);
        if (magnitude >= 1e5 || magnitude < 1e-3) {
            String s = String.format(Locale.ROOT, "%.2g", value);
            return s.replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        int decimals = Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale());
        decimals = Math.min(decimals, 6);
        String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return s.equals("-0") || s.matches("-0\\.0*") ? s.substring(1) : s;
    }
}
