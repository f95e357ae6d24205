package org.sbi4j.runtime.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.SbiException;

class TestRankHistogramPlot {
    private static final int DRAWS = 99;

    /** Calibrated, over-confident (∪), under-confident (∩) and biased ranks, 1000 simulations. */
    static int[][] ranks() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11);
        int[][] ranks = new int[1000][4];
        for (int[] row : ranks) {
            double u = rng.nextDouble();
            double v = rng.nextDouble();
            row[0] = rng.nextInt(DRAWS + 1);
            row[1] = (int) ((DRAWS + 1) * (u < 0.5 ? 0.5 * Math.pow(2 * u, 2) : 1 - 0.5 * Math.pow(2 * (1 - u), 2)));
            row[2] = (int) ((DRAWS + 1) * (u + v) / 2);
            row[3] = (int) ((DRAWS + 1) * Math.pow(u, 1.6));
        }
        return ranks;
    }

    @Test
    void fourParametersWithTheirBands() {
        List<String> names = List.of("calibrated", "over-confident", "under-confident", "biased");
        Figure figure = RankHistogramPlot.of(names, ranks(), DRAWS, 20);
        Pictures.keep(figure, "ranks");
        BufferedImage image = Pictures.decode(figure);
        assertThat(image.getWidth()).isEqualTo(figure.width());
        assertThat(image.getHeight()).isEqualTo(figure.height());
        assertThat(Pictures.distinctColours(image, 0, 0, image.getWidth(), image.getHeight())).isGreaterThan(100);
        assertThat(Pictures.inkedFraction(image, 0, image.getHeight() / 4, image.getWidth(), image.getHeight() / 2))
                .isGreaterThan(0.2);
        List<String> texts = TestCornerPlot.texts(Pictures.parseSvg(figure));
        assertThat(texts).containsAll(names);
        // the calibrated ranks stay inside the 99% band (a bin leaves it with probability 1%, 20 bins: 18% chance
        // of any note at all; seed fixed), the broken ones do not
        assertThat(texts).filteredOn(t -> t.endsWith("bins outside")).hasSize(3);
    }

    @Test
    void binsThatDoNotDivideTheRanksAndOneParameter() {
        int[][] ranks = new int[50][1];
        for (int r = 0; r < 50; r++) {
            ranks[r][0] = r % 11;
        }
        Figure figure = RankHistogramPlot.of(List.of("x"), ranks, 10, 3);
        assertThat(Pictures.decode(figure).getWidth()).isEqualTo(figure.width());
    }

    @Test
    void badInputsAreExplained() {
        assertThatThrownBy(() -> RankHistogramPlot.of(List.of("a"), new int[][] {{5}}, 4, 2))
                .isInstanceOf(SbiException.class).hasMessageContaining("rank 5 of 'a' in row 1 is outside 0..4");
        assertThatThrownBy(() -> RankHistogramPlot.of(List.of("a"), new int[][] {{1}}, 4, 6))
                .isInstanceOf(SbiException.class).hasMessageContaining("use 1 to 5 bins");
        assertThatThrownBy(() -> RankHistogramPlot.of(List.of("a"), new int[0][], 4, 2))
                .isInstanceOf(SbiException.class).hasMessageContaining("ranks are empty");
        assertThatThrownBy(() -> RankHistogramPlot.of(List.of("a", "b"), new int[][] {{1}}, 4, 2))
                .isInstanceOf(SbiException.class).hasMessageContaining("row 1 has 1 values but there are 2");
        assertThatThrownBy(() -> RankHistogramPlot.of(List.of("a"), new int[][] {{1}}, 0, 1))
                .isInstanceOf(SbiException.class).hasMessageContaining("at least 1");
    }
}
