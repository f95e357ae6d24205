package org.sbi4j.runtime.diagnostics;

/** What a calibration check concludes about a posterior, per parameter (SBC) or overall (coverage, TARP). */
public enum CalibrationVerdict {
    /** No significant deviation from calibration was found. */
    CALIBRATED("calibrated"),
    /** The posterior is too narrow: true parameters fall in its tails or outside its credible regions too often. */
    OVER_CONFIDENT("over-confident"),
    /** The posterior is too wide: true parameters sit near its centre too often. */
    UNDER_CONFIDENT("under-confident"),
    /** The posterior lies too low: true parameters tend to lie above the posterior samples. */
    BIASED_LOW("biased low"),
    /** The posterior lies too high: true parameters tend to lie below the posterior samples. */
    BIASED_HIGH("biased high");

    private final String phrase;

    CalibrationVerdict(String phrase) {
        this.phrase = phrase;
    }

    /** A short lower-case phrase for reports, e.g. {@code "over-confident"}. */
    public String phrase() {
        return phrase;
    }
}
