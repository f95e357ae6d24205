package org.sbi4j.runtime.plot;

import java.awt.geom.Path2D;
import java.util.Arrays;

/**
 * Contour lines of a {@link Density2d} by marching squares over the cell centres, joined into polylines; saddle
 * cells are resolved by the mean of their corners. Coordinates are pixels of the given {@link PlotArea}.
 */
final class Contours {
    private Contours() {
    }

    /** The lines where the density crosses {@code level}, in pixels of {@code area}. */
    static Path2D.Double at(Density2d density, double level, PlotArea area) {
        Path2D.Double path = new Path2D.Double();
        int n = density.size();
        if (!Double.isFinite(level) || n < 2) {
            return path;
        }
        Segments segments = new Segments(2 * n * n);
        // grid edges get ids: horizontal edge from cell centre (c, r) to (c+1, r) is 2(rn+c), vertical one to
        // (c, r+1) is 2(rn+c)+1; neighbouring squares name a shared crossing by the same id
        int[] edge = new int[4];
        for (int r = 0; r < n - 1; r++) {
            for (int c = 0; c < n - 1; c++) {
                // corners: 0 bottom-left, 1 bottom-right, 2 top-right, 3 top-left
                double v0 = density.at(c, r);
                double v1 = density.at(c + 1, r);
                double v2 = density.at(c + 1, r + 1);
                double v3 = density.at(c, r + 1);
                int index = (v0 >= level ? 1 : 0) | (v1 >= level ? 2 : 0) | (v2 >= level ? 4 : 0) | (v3 >= level ? 8 : 0);
                if (index == 0 || index == 15) {
                    continue;
                }
                // edges: 0 bottom, 1 right, 2 top, 3 left
                edge[0] = 2 * (r * n + c);
                edge[1] = 2 * (r * n + c + 1) + 1;
                edge[2] = 2 * ((r + 1) * n + c);
                edge[3] = 2 * (r * n + c) + 1;
                segments.crossing(edge[0], c + fraction(v0, v1, level), r);
                segments.crossing(edge[1], c + 1, r + fraction(v1, v2, level));
                segments.crossing(edge[2], c + fraction(v3, v2, level), r + 1);
                segments.crossing(edge[3], c, r + fraction(v0, v3, level));
                boolean centreHigh = (v0 + v1 + v2 + v3) / 4 >= level;
                switch (index) {
                    case 1, 14 -> segments.add(edge[3], edge[0]);
                    case 2, 13 -> segments.add(edge[0], edge[1]);
                    case 3, 12 -> segments.add(edge[3], edge[1]);
                    case 4, 11 -> segments.add(edge[1], edge[2]);
                    case 6, 9 -> segments.add(edge[0], edge[2]);
                    case 7, 8 -> segments.add(edge[3], edge[2]);
                    // case 5: bottom-left and top-right high; a high centre joins them and cuts off the low corners
                    case 5 -> saddle(segments, edge, centreHigh);
                    case 10 -> saddle(segments, edge, !centreHigh);
                    default -> throw new IllegalStateException("marching squares case " + index);
                }
            }
        }
        segments.trace(path, area, n);
        return path;
    }

    private static void saddle(Segments segments, int[] edge, boolean cutBottomRightAndTopLeft) {
        if (cutBottomRightAndTopLeft) {
            segments.add(edge[0], edge[1]);
            segments.add(edge[2], edge[3]);
        } else {
            segments.add(edge[3], edge[0]);
            segments.add(edge[1], edge[2]);
        }
    }

    private static double fraction(double a, double b, double level) {
        double t = (level - a) / (b - a);
        return Double.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0.5;
    }

    /** Crossing points by edge id and the segments between them; each crossing joins at most two segments. */
    private static final class Segments {
        private final double[] u;
        private final double[] v;
        /** The (up to) two crossings linked to each crossing, -1 when none. */
        private final int[] first;
        private final int[] second;
        private int[] from = new int[64];
        private int[] to = new int[64];
        private int count;

        Segments(int edges) {
            u = new double[edges];
            v = new double[edges];
            first = new int[edges];
            second = new int[edges];
            Arrays.fill(first, -1);
            Arrays.fill(second, -1);
        }

        void crossing(int id, double gridU, double gridV) {
            u[id] = gridU;
            v[id] = gridV;
        }

        void add(int a, int b) {
            if (count == from.length) {
                from = Arrays.copyOf(from, 2 * count);
                to = Arrays.copyOf(to, 2 * count);
            }
            from[count] = a;
            to[count] = b;
            count++;
            link(a, b);
            link(b, a);
        }

        private void link(int crossing, int other) {
            if (first[crossing] < 0) {
                first[crossing] = other;
            } else {
                second[crossing] = other;
            }
        }

        /** Walks the segments into polylines: lines ending at the grid border first, then closed loops. */
        void trace(Path2D.Double path, PlotArea area, int n) {
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < count; k++) {
                    for (int start : new int[] {from[k], to[k]}) {
                        int links = (first[start] >= 0 ? 1 : 0) + (second[start] >= 0 ? 1 : 0);
                        if (pass == 0 ? links == 1 : links > 0) {
                            walk(path, area, n, start);
                        }
                    }
                }
            }
        }

        /** Follows links from {@code start}, removing each link once drawn. */
        private void walk(Path2D.Double path, PlotArea area, int n, int start) {
            point(path, area, n, start, true);
            int current = start;
            while (true) {
                int next = first[current] >= 0 ? first[current] : second[current];
                if (next < 0) {
                    return;
                }
                unlink(current, next);
                unlink(next, current);
                point(path, area, n, next, false);
                current = next;
            }
        }

        private void unlink(int crossing, int other) {
            if (first[crossing] == other) {
                first[crossing] = -1;
            } else if (second[crossing] == other) {
                second[crossing] = -1;
            }
        }

        private void point(Path2D.Double path, PlotArea area, int n, int id, boolean move) {
            // grid units: cell centre (c, r) lies c + 0.5 cells from the left and r + 0.5 from the bottom
            double x = round(area.left() + (u[id] + 0.5) * area.width() / n);
            double y = round(area.bottom() - (v[id] + 0.5) * area.height() / n);
            if (move) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }

        private static double round(double pixels) {
            return Math.round(pixels * 100) / 100.0;
        }
    }
}
