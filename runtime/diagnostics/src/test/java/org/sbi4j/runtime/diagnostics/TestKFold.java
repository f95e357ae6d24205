package org.sbi4j.runtime.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class TestKFold {
    @Test
    void testFoldsPartitionTheIndicesLikeScikitLearn() {
        int n = 23;
        List<KFold.Fold> folds = KFold.split(n, 5, RandomSource.XO_SHI_RO_256_PP.create(1L));
        assertThat(folds).hasSize(5);
        // sklearn: the first n % k folds get one extra element
        assertThat(folds.stream().mapToInt(f -> f.test().length)).containsExactly(5, 5, 5, 4, 4);
        int[] all = folds.stream().flatMapToInt(f -> Arrays.stream(f.test())).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, n).toArray());
        for (KFold.Fold f : folds) {
            int[] expectedTrain = IntStream.range(0, n)
                    .filter(i -> Arrays.stream(f.test()).noneMatch(t -> t == i)).toArray();
            assertThat(f.train()).isEqualTo(expectedTrain);
        }
        // shuffled: the first test fold is not simply 0..4
        assertThat(folds.get(0).test()).isNotEqualTo(new int[] {0, 1, 2, 3, 4});
    }

    @Test
    void sameSeedSameFolds() {
        List<KFold.Fold> a = KFold.split(100, 5, RandomSource.XO_SHI_RO_256_PP.create(7L));
        List<KFold.Fold> b = KFold.split(100, 5, RandomSource.XO_SHI_RO_256_PP.create(7L));
        List<KFold.Fold> c = KFold.split(100, 5, RandomSource.XO_SHI_RO_256_PP.create(8L));
        for (int f = 0; f < 5; f++) {
            assertThat(a.get(f).test()).isEqualTo(b.get(f).test());
        }
        assertThat(a.get(0).test()).isNotEqualTo(c.get(0).test());
    }

    @Test
    void rejectsTooFewSamples() {
        assertThatThrownBy(() -> KFold.split(4, 5, RandomSource.XO_SHI_RO_256_PP.create(1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 samples into 5 folds");
    }
}
