package org.sbi4j.runtime.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestDense {
    /** Random n×m matrix with about a third of its entries exactly zero (like ReLU outputs). */
    private static double[][] sparse(int n, int m, UniformRandomProvider r) {
        double[][] a = new double[n][m];
        for (double[] row : a) {
            for (int j = 0; j < m; j++) {
                row[j] = r.nextInt(3) == 0 ? 0.0 : r.nextDouble() * 2 - 1;
            }
        }
        return a;
    }

    @ParameterizedTest
    @CsvSource({"7, 5, 9", "13, 10, 1", "5, 1, 6", "200, 100, 100", "3, 9, 4"})
    void productsMatchNaiveLoops(int n, int in, int out) {
        UniformRandomProvider r = RandomSource.XO_SHI_RO_256_PP.create(n * 1000L + in * 10L + out);
        // the kernels only touch the first n rows; give them more to make sure
        double[][] a = sparse(n + 2, in, r);
        double[][] w = sparse(in, out, r);
        double[] bias = sparse(1, out, r)[0];
        double[][] d = sparse(n + 2, out, r);
        double[] scratch = new double[Math.max(in, out)];
        Dense.Support support = new Dense.Support(n + 2, in);
        support.scan(a, n, in);

        double[][] z = new double[n + 2][out];
        Dense.affine(a, n, in, w, bias, out, z, support, scratch);
        double[][] g = new double[in][out];
        Dense.transposeTimes(a, support, n, in, d, out, g, new Dense.ColumnSupport(n + 2, in), scratch);
        double[][] p = new double[n + 2][in];
        Dense.backReLU(d, n, out, w, new double[out][in], in, support, p, new Dense.Support(n + 2, Math.max(in, out)),
                scratch);

        for (int b = 0; b < n; b++) {
            for (int j = 0; j < out; j++) {
                double s = bias[j];
                for (int k = 0; k < in; k++) {
                    s += a[b][k] * w[k][j];
                }
                assertThat(z[b][j]).isCloseTo(s, within(1e-12));
            }
            for (int k = 0; k < in; k++) {
                double s = 0;
                for (int j = 0; j < out; j++) {
                    s += d[b][j] * w[k][j];
                }
                assertThat(p[b][k]).isCloseTo(a[b][k] != 0.0 ? s : 0.0, within(1e-12));
            }
        }
        for (int k = 0; k < in; k++) {
            for (int j = 0; j < out; j++) {
                double s = 0;
                for (int b = 0; b < n; b++) {
                    s += a[b][k] * d[b][j];
                }
                assertThat(g[k][j]).isCloseTo(s, within(1e-12));
            }
        }
        assertThat(z[n]).containsOnly(0.0);
    }

    @ParameterizedTest
    @CsvSource({"6, 8", "1, 3"})
    void reluRecordsThePositives(int n, int width) {
        double[][] a = sparse(n, width, RandomSource.XO_SHI_RO_256_PP.create(width));
        double[][] original = new double[n][];
        for (int b = 0; b < n; b++) {
            original[b] = a[b].clone();
        }
        Dense.Support s = new Dense.Support(n, width);
        s.relu(a, n, width);
        for (int b = 0; b < n; b++) {
            int c = 0;
            for (int k = 0; k < width; k++) {
                assertThat(a[b][k]).isEqualTo(Math.max(original[b][k], 0.0));
                if (a[b][k] > 0) {
                    assertThat(s.idx[b][c]).isEqualTo(k);
                    c++;
                }
            }
            assertThat(s.count[b]).isEqualTo(c);
        }
    }
}
