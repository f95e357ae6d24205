package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.prior.BoxUniformPrior;

class TestThetaBijection {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void kindsFollowTheBounds() {
        ThetaBijection b = new ThetaBijection(new double[] {0, -INF, 2, -INF}, new double[] {1, INF, INF, 5});
        assertThat(b.kind(0)).isEqualTo(ThetaBijection.Kind.LOGIT);
        assertThat(b.kind(1)).isEqualTo(ThetaBijection.Kind.IDENTITY);
        assertThat(b.kind(2)).isEqualTo(ThetaBijection.Kind.LOG_LOWER);
        assertThat(b.kind(3)).isEqualTo(ThetaBijection.Kind.LOG_UPPER);
        assertThat(ThetaBijection.decode(b.encode()).encode()).isEqualTo(b.encode());
        assertThat(b.inSupport(new double[] {0.5, 100, 2.1, 4.9})).isTrue();
        assertThat(b.inSupport(new double[] {1.0, 100, 2.1, 4.9})).isFalse();
        assertThat(b.inSupport(new double[] {0.5, 100, 2.0, 4.9})).isFalse();
        assertThat(b.inSupport(new double[] {0.5, 100, 2.1, 5.0})).isFalse();
    }

    @Test
    void forPriorUsesItsBounds() {
        BoxUniformPrior prior = new BoxUniformPrior(new double[] {-1, 0}, new double[] {1, 3}, List.of("a", "b"));
        ThetaBijection b = ThetaBijection.forPrior(prior);
        assertThat(b.kind(0)).isEqualTo(ThetaBijection.Kind.LOGIT);
        assertThat(b.kind(1)).isEqualTo(ThetaBijection.Kind.LOGIT);
    }

    @Test
    void jacobiansMatchFiniteDifferencesAndInversesRoundTrip() {
        ThetaBijection b = new ThetaBijection(new double[] {-2, -INF, 2, -INF}, new double[] {3, INF, INF, 5});
        double[][] points = {{-1.9, -7.0, 2.001, 4.999}, {0.3, 0.0, 3.5, 0.0}, {2.99, 12.0, 1e3, -1e3}};
        double h = 1e-7;
        for (double[] theta : points) {
            double[] u = new double[4];
            double ld = b.toUnconstrained(theta, u);
            double fd = 0;
            for (int i = 0; i < 4; i++) {
                double step = h * Math.max(1e-3, Math.min(Math.abs(theta[i] - (i == 2 ? 2 : i == 3 ? 5 : 0)), 1));
                double d = (b.toUnconstrained(i, theta[i] + step) - b.toUnconstrained(i, theta[i] - step)) / (2 * step);
                fd += Math.log(Math.abs(d));
                assertThat(b.logDetToUnconstrained(i, theta[i])).isCloseTo(Math.log(Math.abs(d)), offset(1e-5));
            }
            assertThat(ld).isCloseTo(fd, offset(1e-5));
            double[] back = new double[4];
            double ldBack = b.toConstrained(u, back);
            assertThat(ldBack).isCloseTo(-ld, offset(1e-9));
            for (int i = 0; i < 4; i++) {
                assertThat(back[i]).isCloseTo(theta[i], offset(1e-9 * Math.max(1, Math.abs(theta[i]))));
                double du = 1e-6;
                double d = (b.toConstrained(i, u[i] + du) - b.toConstrained(i, u[i] - du)) / (2 * du);
                assertThat(b.logDetToConstrained(i, u[i])).isCloseTo(Math.log(Math.abs(d)), offset(1e-5));
            }
        }
    }

    @Test
    void standardizerGuardsConstantColumns() {
        double[][] rows = {{1, 5, 2}, {3, 5, 2}, {5, 5, 2 + 1e-15}};
        Standardizer s = Standardizer.fit(rows);
        assertThat(s.mean()[0]).isCloseTo(3, offset(1e-12));
        assertThat(s.scale()[0]).isCloseTo(Math.sqrt(8.0 / 3), offset(1e-12));
        assertThat(s.scale()[1]).isEqualTo(1.0);
        assertThat(s.scale()[2]).isEqualTo(1.0);
        assertThat(s.apply(1, 5)).isZero();
        assertThat(s.invert(0, s.apply(0, 4.2))).isCloseTo(4.2, offset(1e-12));
        assertThat(s.logAbsDet()).isCloseTo(-Math.log(Math.sqrt(8.0 / 3)), offset(1e-12));
    }
}
