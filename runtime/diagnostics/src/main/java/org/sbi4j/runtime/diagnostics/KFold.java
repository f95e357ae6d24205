package org.sbi4j.runtime.diagnostics;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Shuffled k-fold cross-validation splits, laid out as scikit-learn's {@code KFold(shuffle=True)}: the indices
 * 0..n-1 are permuted once, the permutation is cut into k consecutive test folds (the first {@code n mod k}
 * folds one element larger), and each training set is the complement in ascending index order.
 */
public final class KFold {
    private KFold() {
    }

    /**
     * One split.
     *
     * @param train the training indices, ascending
     * @param test the held-out indices, in permuted order
     */
    public record Fold(int[] train, int[] test) {
    }

    /**
     * Splits n indices into k folds.
     *
     * @param n the number of samples, ≥ k
     * @param k the number of folds, ≥ 2
     * @param rng the generator of the permutation
     * @return the k folds
     */
    public static List<Fold> split(int n, int k, UniformRandomProvider rng) {
        requireNonNull(rng, "rng is null");
        if (k < 2 || n < k) {
            throw new IllegalArgumentException("cannot split " + n + " samples into " + k
                    + " folds; folds must be >= 2 and at most the number of samples");
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        List<Fold> folds = new ArrayList<>(k);
        int start = 0;
        for (int f = 0; f < k; f++) {
            int size = n / k + (f < n % k ? 1 : 0);
            int[] test = new int[size];
            System.arraycopy(perm, start, test, 0, size);
            boolean[] held = new boolean[n];
            for (int i : test) {
                held[i] = true;
            }
            int[] train = new int[n - size];
            for (int i = 0, t = 0; i < n; i++) {
                if (!held[i]) {
                    train[t++] = i;
                }
            }
            folds.add(new Fold(train, test));
            start += size;
        }
        return folds;
    }
}
