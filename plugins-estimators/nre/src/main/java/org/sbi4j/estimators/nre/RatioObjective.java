package org.sbi4j.estimators.nre;

import org.sbi4j.nn.Buffer;
import org.sbi4j.nn.Mat;
import org.sbi4j.nn.Mats;
import org.sbi4j.nn.ParameterSet;
import org.sbi4j.nn.TrainingObjective;

/**
 * The classification loss of {@link RatioClassifier}, on logits in their numerically stable forms (softplus and
 * log-sum-exp, never the log of a sigmoid). Examples are joint pairs (θᵢ, xᵢ); within a batch of n, the pair
 * shifted by k, (θ₍ᵢ₊ₖ₎ mod n, xᵢ), is a marginal pair for k ≠ 0. The trainer reshuffles the batches every epoch,
 * so the shifted partners change; validation batches keep theirs, so the validation loss is deterministic.
 * <ul>
 *   <li>A: ½[softplus(−s₀) + softplus(s₁)] per x;</li>
 *   <li>B: −s₀ + logsumexp(s₀ … s_{K−1});</li>
 *   <li>C: −p_K log q(joint is θ₀ | x, θ₀ … θ_{K−1}) − p₀ log q(none is joint | x, θ₁ … θ_K), with logits
 *   0 for "none" and s + log(γ/K) per atom, p_K = γ/(1 + γ), p₀ = 1/(1 + γ).</li>
 * </ul>
 */
final class RatioObjective implements TrainingObjective {
    private final RatioClassifier classifier;
    private final double[] theta;
    private final double[] x;
    private final int size;
    private final NreVariant variant;
    private final int atoms;
    private final double gamma;
    private double[] logits = new double[0];
    private double[] gradients = new double[0];

    /**
     * @param classifier the classifier
     * @param theta standardised unconstrained θ rows
     * @param x standardised x rows
     * @param variant the loss
     * @param atoms K of B and C
     * @param gamma γ of C
     */
    RatioObjective(RatioClassifier classifier, double[][] theta, double[][] x, NreVariant variant, int atoms,
                   double gamma) {
        this.classifier = classifier;
        this.size = theta.length;
        this.theta = Mats.flatten(theta, classifier.thetaDim());
        this.x = Mats.flatten(x, classifier.dataDim());
        this.variant = variant;
        this.atoms = atoms;
        this.gamma = gamma;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public ParameterSet parameters() {
        return classifier.parameters();
    }

    /** Logit evaluations per example: the shifts 0 … shifts − 1. */
    int shifts(int n) {
        return switch (variant) {
            case A -> n >= 2 ? 2 : 0;
            case B -> n >= 2 ? Math.min(atoms, n) : 0;
            case C -> n >= 2 ? Math.min(atoms, n - 1) + 1 : 0;
        };
    }

    @Override
    public void prepare(int maxBatch) {
        classifier.ensureCapacity(maxBatch * shifts(Math.max(maxBatch, atoms + 1)));
        int rows = maxBatch * (atoms + 1);
        if (logits.length < rows) {
            logits = new double[rows];
            gradients = new double[rows];
        }
    }

    @Override
    public double lossAndGradient(int[] rows, int from, int to) {
        return evaluate(rows, from, to, true);
    }

    @Override
    public double loss(int[] rows, int from, int to) {
        return evaluate(rows, from, to, false);
    }

    private double evaluate(int[] rows, int from, int to, boolean backward) {
        int n = to - from;
        int shifts = shifts(n);
        if (shifts == 0) {
            return 0;
        }
        int m = n * shifts;
        prepare(n);
        classifier.ensureCapacity(m);
        int dTheta = classifier.thetaDim();
        int dx = classifier.dataDim();
        Buffer tb = classifier.thetaBatch().buffer();
        Buffer xb = classifier.xBatch().buffer();
        for (int k = 0; k < shifts; k++) {
            for (int i = 0; i < n; i++) {
                int r = k * n + i;
                int partner = rows[from + (i + k) % n];
                int own = rows[from + i];
                for (int j = 0; j < dTheta; j++) {
                    tb.set(r * dTheta + j, theta[partner * dTheta + j]);
                }
                for (int j = 0; j < dx; j++) {
                    xb.set(r * dx + j, x[own * dx + j]);
                }
            }
        }
        Mat s = classifier.forward(m);
        Buffer sb = s.buffer();
        for (int r = 0; r < m; r++) {
            logits[r] = sb.get(s.offset() + r);
        }
        double loss = switch (variant) {
            case A -> lossA(n);
            case B -> lossB(n, shifts);
            case C -> lossC(n, shifts - 1);
        };
        if (backward) {
            Buffer gb = classifier.logitGradient().buffer();
            for (int r = 0; r < m; r++) {
                gb.set(r, gradients[r] / n);
            }
            classifier.backward(m, false);
        }
        return loss / n;
    }

    private double lossA(int n) {
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double joint = logits[i];
            double marginal = logits[n + i];
            loss += 0.5 * (softplus(-joint) + softplus(marginal));
            gradients[i] = -0.5 * sigmoid(-joint);
            gradients[n + i] = 0.5 * sigmoid(marginal);
        }
        return loss;
    }

    private double lossB(int n, int k) {
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < k; a++) {
                max = Math.max(max, logits[a * n + i]);
            }
            double sum = 0;
            for (int a = 0; a < k; a++) {
                sum += Math.exp(logits[a * n + i] - max);
            }
            double lse = max + Math.log(sum);
            loss += lse - logits[i];
            for (int a = 0; a < k; a++) {
                gradients[a * n + i] = Math.exp(logits[a * n + i] - lse) - (a == 0 ? 1 : 0);
            }
        }
        return loss;
    }

    private double lossC(int n, int k) {
        double offset = Math.log(gamma / k);
        double pJoint = gamma / (1 + gamma);
        double pNone = 1 / (1 + gamma);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            // joint set: atoms 0 … k−1, atom 0 is the joint one; marginal set: atoms 1 … k
            double lseJoint = logSumExpWithZero(i, n, 0, k, offset);
            double lseNone = logSumExpWithZero(i, n, 1, k + 1, offset);
            loss += pJoint * (lseJoint - logits[i] - offset) + pNone * lseNone;
            for (int a = 0; a <= k; a++) {
                double g = 0;
                double z = logits[a * n + i] + offset;
                if (a < k) {
                    g += pJoint * (Math.exp(z - lseJoint) - (a == 0 ? 1 : 0));
                }
                if (a >= 1) {
                    g += pNone * Math.exp(z - lseNone);
                }
                gradients[a * n + i] = g;
            }
        }
        return loss;
    }

    /** log(1 + Σ_{a ∈ [from, to)} exp(s_a + offset)). */
    private double logSumExpWithZero(int i, int n, int from, int to, double offset) {
        double max = 0;
        for (int a = from; a < to; a++) {
            max = Math.max(max, logits[a * n + i] + offset);
        }
        double sum = Math.exp(-max);
        for (int a = from; a < to; a++) {
            sum += Math.exp(logits[a * n + i] + offset - max);
        }
        return max + Math.log(sum);
    }

    /** log(1 + eˣ) without overflow. */
    static double softplus(double v) {
        return v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
    }

    /** 1 / (1 + e⁻ˣ) without overflow. */
    static double sigmoid(double v) {
        if (v >= 0) {
            return 1 / (1 + Math.exp(-v));
        }
        double e = Math.exp(v);
        return e / (1 + e);
    }
}
