package org.sbi4j.nn;

import org.sbi4j.spi.Setting;

/**
 * The settings every neural posterior estimator on this library shares (npe, fmpe): the training loop (from
 * {@link TrainingSettings}) and the coordinates
 * ({@link ThetaBijection}, {@link DataTransform}, z-scores) and support truncation ({@link SupportTruncation}).
 * A subclass sets its own defaults in its constructor, adds its architecture and calls {@link #validateShared()}.
 */
public abstract class NeuralSettings extends TrainingSettings {

    @Setting("train in unconstrained coordinates built from the prior's bounds: log for a half-line (e.g. a "
            + "log-normal prior); with transform-intervals also logit for a finite interval. Draws outside the "
            + "support are rejected and redrawn. false models θ directly")
    public boolean transformTheta = true;

    @Setting("also map finite intervals (box priors) through a logit; off by default because it measurably "
            + "hurt npe's accuracy on two-moons (C2ST 0.78 vs 0.68 at 10^3 simulations); box-bounded draws are "
            + "then rejected outside the box instead")
    public boolean transformIntervals = false;

    @Setting("take the log of data columns before standardising: auto (when every simulated value is positive, "
            + "e.g. population sizes, the columns that span more than two decades), all, or none")
    public DataTransform.Mode logData = DataTransform.Mode.AUTO;

    @Setting("z-score θ (after the transform) and x with the mean and sd of the training simulations")
    public boolean standardize = true;

    @Setting("kind of the x-embedding (its output width is embedding-dim): mlp (default; flat data) or conv "
            + "(images: convolutions of stride conv-stride with conv-channels channels, then a dense projection); "
            + "with conv the data must be an image of conv-image's shape")
    public EmbeddingType embedding = EmbeddingType.MLP;

    @Setting("image shape of the data for embedding: conv, [height, width] or [height, width, channels] with x "
            + "stored channel by channel, row by row; [] (default) reads a square one-channel image from the data "
            + "length (e.g. 4096 values = 64x64)")
    public int[] convImage = {};

    @Setting("output channels of each convolution of the conv embedding (one layer per entry; each layer "
            + "downsamples by conv-stride), each >= 1")
    public int[] convChannels = {8, 16, 32};

    @Setting("kernel size of the conv embedding's convolutions (odd, zero padding kernel/2), 1..15")
    public int convKernel = 3;

    @Setting("stride of the conv embedding's convolutions (2 halves the image per layer), 1..8")
    public int convStride = 2;

    @Setting("sampling fails with an error when fewer than this share of draws falls inside the prior "
            + "support (checked after 20,000 draws; only happens when a bounded parameter is not transformed), "
            + "[0, 1)")
    public double minAcceptance = 1e-3;

    /**
     * Checks the shared settings.
     *
     * @throws IllegalArgumentException naming the setting, its value and what is allowed
     */
    protected void validateShared() {
        validateTraining();
        if (logData == null) {
            throw new IllegalArgumentException("log-data is missing: it must be auto, all or none");
        }
        validateConv();
        if (!(minAcceptance >= 0 && minAcceptance < 1)) {
            throw new IllegalArgumentException("min-acceptance = " + minAcceptance + " is invalid; allowed: [0, 1)");
        }
    }

    private void validateConv() {
        if (embedding == null) {
            throw new IllegalArgumentException("embedding is missing: it must be mlp or conv");
        }
        if (convImage == null || !(convImage.length == 0 || convImage.length == 2 || convImage.length == 3)
                || java.util.Arrays.stream(convImage).anyMatch(v -> v < 1)) {
            throw new IllegalArgumentException("conv-image = " + java.util.Arrays.toString(convImage) + " is invalid; "
                    + "allowed: [] (a square image), [height, width] or [height, width, channels], each >= 1");
        }
        if (convChannels == null || convChannels.length == 0
                || java.util.Arrays.stream(convChannels).anyMatch(v -> v < 1)) {
            throw new IllegalArgumentException("conv-channels = " + java.util.Arrays.toString(convChannels)
                    + " is invalid; allowed: a non-empty list of channel counts >= 1, e.g. [8, 16, 32]");
        }
        if (convKernel < 1 || convKernel > 15 || convKernel % 2 == 0) {
            throw new IllegalArgumentException("conv-kernel = " + convKernel + " is invalid; allowed: an odd size "
                    + "in 1..15");
        }
        if (convStride < 1 || convStride > 8) {
            throw new IllegalArgumentException("conv-stride = " + convStride + " is invalid; allowed: 1..8");
        }
    }

    /**
     * The convolutional geometry for data of the given length, or {@code null} for an MLP embedding.
     *
     * @param dataLength length of x
     * @return the spec, checked against the data
     * @throws IllegalArgumentException when the image shape does not match the data, naming both and the fix
     */
    public ConvEmbeddingSpec convEmbedding(int dataLength) {
        if (embedding != EmbeddingType.CONV) {
            return null;
        }
        ConvEmbeddingSpec spec = new ConvEmbeddingSpec();
        if (convImage.length == 0) {
            int side = (int) Math.round(Math.sqrt(dataLength));
            if (side * side != dataLength) {
                throw new IllegalArgumentException("embedding: conv needs an image, but the " + dataLength
                        + " data values are not a square one-channel image; give its shape as conv-image: "
                        + "[height, width] (or [height, width, channels])");
            }
            spec.height = side;
            spec.width = side;
        } else {
            spec.height = convImage[0];
            spec.width = convImage[1];
            spec.inChannels = convImage.length == 3 ? convImage[2] : 1;
        }
        spec.channels = convChannels.clone();
        spec.kernel = convKernel;
        spec.stride = convStride;
        return spec.validate(dataLength);
    }

    /** The kind of x-embedding. */
    public enum EmbeddingType {
        /** A multilayer perceptron over the flat data. */
        MLP,
        /** A convolutional network over an image ({@link ConvEmbedding}). */
        CONV
    }

}
