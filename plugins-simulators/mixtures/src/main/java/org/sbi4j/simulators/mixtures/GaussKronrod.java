package org.sbi4j.simulators.mixtures;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.DoubleUnaryOperator;

/**
 * Globally adaptive 7/15-point Gauss–Kronrod quadrature: the interval with the largest error estimate
 * |K15 − G7| is halved until the summed estimate falls below the requested relative tolerance. The estimate
 * bounds the error of the 7-point rule, so the returned 15-point value is usually far more accurate still.
 */
final class GaussKronrod {
    /** Kronrod nodes on [−1, 1], positive half; odd indices (and 0 at index 7) are the Gauss nodes. */
    private static final double[] NODES = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0};
    private static final double[] KRONROD_WEIGHTS = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    /** Gauss weights of NODES[1], NODES[3], NODES[5] and NODES[7]. */
    private static final double[] GAUSS_WEIGHTS = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

    private GaussKronrod() {
    }

    private record Segment(double low, double high, double value, double error) {
    }

    /**
     * ∫ f over [breakpoints[0], breakpoints[last]].
     *
     * @param f a smooth integrand
     * @param breakpoints increasing points that split the range into starting intervals (put them where f
     *     changes scale, e.g. around a narrow peak)
     * @param relativeTolerance target for the summed error estimate relative to the integral
     * @param maxSegments most intervals to use
     * @return the integral
     */
    static double integrate(DoubleUnaryOperator f, double[] breakpoints, double relativeTolerance, int maxSegments) {
        PriorityQueue<Segment> open = new PriorityQueue<>((p, q) -> Double.compare(q.error(), p.error()));
        List<Segment> closed = new ArrayList<>();
        double total = 0;
        double error = 0;
        for (int i = 1; i < breakpoints.length; i++) {
            if (breakpoints[i] > breakpoints[i - 1]) {
                Segment s = rule(f, breakpoints[i - 1], breakpoints[i]);
                open.add(s);
                total += s.value();
                error += s.error();
            }
        }
        int segments = open.size();
        while (!open.isEmpty() && error > relativeTolerance * Math.abs(total) && segments < maxSegments) {
            Segment worst = open.poll();
            double middle = 0.5 * (worst.low() + worst.high());
            if (!(middle > worst.low() && middle < worst.high())) {
                closed.add(worst);
                continue;
            }
            Segment left = rule(f, worst.low(), middle);
            Segment right = rule(f, middle, worst.high());
            open.add(left);
            open.add(right);
            total += left.value() + right.value() - worst.value();
            error += left.error() + right.error() - worst.error();
            segments++;
        }
        closed.addAll(open);
        closed.sort((p, q) -> Double.compare(Math.abs(p.value()), Math.abs(q.value())));
        double sum = 0;
        for (Segment s : closed) {
            sum += s.value();
        }
        return sum;
    }

    private static Segment rule(DoubleUnaryOperator f, double low, double high) {
        double centre = 0.5 * (low + high);
        double half = 0.5 * (high - low);
        double fc = f.applyAsDouble(centre);
        double kronrod = KRONROD_WEIGHTS[7] * fc;
        double gauss = GAUSS_WEIGHTS[3] * fc;
        for (int i = 0; i < 7; i++) {
            double dx = half * NODES[i];
            double pair = f.applyAsDouble(centre - dx) + f.applyAsDouble(centre + dx);
            kronrod += KRONROD_WEIGHTS[i] * pair;
            if (i % 2 == 1) {
                gauss += GAUSS_WEIGHTS[i / 2] * pair;
            }
        }
        return new Segment(low, high, kronrod * half, Math.abs(kronrod - gauss) * half);
    }
}
