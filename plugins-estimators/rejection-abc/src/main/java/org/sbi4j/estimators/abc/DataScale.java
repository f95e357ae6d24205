package org.sbi4j.estimators.abc;

/** How each data component is scaled before the Euclidean distance between observation and simulation. */
public enum DataScale {
    /** Raw data, as sbibm's REJ-ABC (the {@code l2} distance of sbi's MCABC) does. */
    NONE,
    /** Divide by the median absolute deviation of the simulated data (times 1.4826, consistent with sd). */
    MAD,
    /** Divide by the standard deviation of the simulated data. */
    SD
}
