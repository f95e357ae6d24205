package org.sbi4j.runtime.diagnostics;

/**
 * The outcome of {@link Tarp}.
 *
 * @param credibility the grid of credibility levels α, from 0 to 1
 * @param ecp the expected coverage probability at each α; ≈ α for a calibrated posterior
 * @param atc the signed area ∫ (ECP(α) − α) dα over α ∈ [0.5, 1]: negative suggests over-confidence, positive
 *            under-confidence (a biased posterior can give either sign)
 * @param ksStatistic the Kolmogorov–Smirnov distance of the kᵢ to the discrete uniform on {0, …, L}
 * @param ksPValue its (conservative) p-value
 * @param coverageFractions fᵢ, the share of posterior draws closer to the reference point than θ*ᵢ
 * @param verdict calibrated when the KS p-value is at least α, else by the tails of the kᵢ (see {@link Tarp})
 * @param sentence a plain-language summary
 */
public record TarpResult(double[] credibility, double[] ecp, double atc, double ksStatistic, double ksPValue,
                         double[] coverageFractions, CalibrationVerdict verdict, String sentence) {
    @Override
    public String toString() {
        return "TarpResult[atc=" + atc + ", ksStatistic=" + ksStatistic + ", ksPValue=" + ksPValue + ", verdict="
                + verdict + "]";
    }
}
