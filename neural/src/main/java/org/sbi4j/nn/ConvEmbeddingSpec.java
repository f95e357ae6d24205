package org.sbi4j.nn;

import java.util.Arrays;
import java.util.Locale;

/**
 * The architecture of a {@link ConvEmbedding}: the image shape x is read as ({@code channels × height × width},
 * row-major, so a one-channel image is its pixels row by row), the output channels of each convolution (each
 * followed by the nonlinearity), the square kernel size and the stride of every convolution (stride 2 halves the
 * image per layer: the downsampling), with zero padding {@code kernel / 2}. The last feature map is flattened and
 * projected by one dense layer to the embedding width. {@link #encode()} / {@link #decode} give the one-value
 * text stored in a model's spec, e.g. {@code 64x64x1/8,16,32/k3/s2/RELU}.
 */
public final class ConvEmbeddingSpec {

    /** Image height in pixels. */
    public int height;
    /** Image width in pixels. */
    public int width;
    /** Channels of the input image. */
    public int inChannels = 1;
    /** Output channels of each convolution layer (at least one layer). */
    public int[] channels = {8, 16, 32};
    /** Square kernel size (odd, so that the padding {@code kernel / 2} centres it). */
    public int kernel = 3;
    /** Stride of every convolution. */
    public int stride = 2;
    /** Nonlinearity after every convolution. */
    public Activation activation = Activation.RELU;

    /**
     * A spec for one-channel images.
     *
     * @param height image height
     * @param width image width
     * @param channels output channels per layer
     * @return the spec
     */
    public static ConvEmbeddingSpec image(int height, int width, int... channels) {
        ConvEmbeddingSpec s = new ConvEmbeddingSpec();
        s.height = height;
        s.width = width;
        s.channels = channels.clone();
        return s;
    }

    /** Zero padding on each side. */
    public int padding() {
        return kernel / 2;
    }

    /** Length of x this spec reads: {@code inChannels · height · width}. */
    public int inputLength() {
        return inChannels * height * width;
    }

    /**
     * Spatial size after {@code layers} convolutions along one axis.
     *
     * @param size input size along the axis
     * @param layers number of convolutions
     * @return the output size
     */
    public int outputSize(int size, int layers) {
        int s = size;
        for (int l = 0; l < layers; l++) {
            s = (s + 2 * padding() - kernel) / stride + 1;
        }
        return s;
    }

    /** Width of the flattened last feature map (the input of the dense projection). */
    public int flattenedLength() {
        int l = channels.length;
        return outputSize(height, l) * outputSize(width, l) * channels[l - 1];
    }

    /**
     * Checks the spec against the data length.
     *
     * @param dataLength length of x
     * @return this
     * @throws IllegalArgumentException naming the problem and the fix
     */
    public ConvEmbeddingSpec validate(int dataLength) {
        check(height >= 1 && width >= 1 && inChannels >= 1, "conv-image", shape(),
                "[height, width] or [height, width, channels], each >= 1");
        check(channels != null && channels.length >= 1 && Arrays.stream(channels).allMatch(c -> c >= 1),
                "conv-channels", Arrays.toString(channels), "a non-empty list of channel counts >= 1");
        check(kernel >= 1 && kernel % 2 == 1, "conv-kernel", kernel, "an odd size >= 1");
        check(stride >= 1, "conv-stride", stride, ">= 1");
        check(activation != null, "conv activation", "null", "a nonlinearity");
        if (inputLength() != dataLength) {
            throw new IllegalArgumentException("conv-image = " + shape() + " reads " + inputLength()
                    + " values per row but the data have " + dataLength + "; set conv-image to the shape of the "
                    + "simulator's output (e.g. [" + side(dataLength) + ", " + side(dataLength)
                    + "] for a square one-channel image) or use embedding: mlp");
        }
        int last = channels.length;
        check(outputSize(height, last) >= 1 && outputSize(width, last) >= 1, "conv-channels",
                Arrays.toString(channels), "at most as many layers as the image can be downsampled by stride "
                        + stride);
        return this;
    }

    private static String side(int length) {
        int s = (int) Math.round(Math.sqrt(length));
        return s * s == length ? Integer.toString(s) : "h, w";
    }

    private String shape() {
        return "[" + height + ", " + width + (inChannels == 1 ? "" : ", " + inChannels) + "]";
    }

    private static void check(boolean ok, String name, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException(name + " = " + value + " is invalid; allowed: " + allowed);
        }
    }

    /** The one-value text, e.g. {@code 64x64x1/8,16,32/k3/s2/RELU}. */
    public String encode() {
        return height + "x" + width + "x" + inChannels + "/" + SpecText.widths(channels) + "/k" + kernel + "/s"
                + stride + "/" + activation.name();
    }

    /**
     * Parses {@link #encode()}'s text.
     *
     * @param text encoded spec
     * @return the spec
     */
    public static ConvEmbeddingSpec decode(String text) {
        String[] parts = text.split("/");
        String[] hw = parts.length == 5 ? parts[0].split("x") : new String[0];
        if (hw.length != 3 || !parts[2].startsWith("k") || !parts[3].startsWith("s")) {
            throw new IllegalArgumentException("bad conv embedding spec '" + text + "'");
        }
        ConvEmbeddingSpec s = new ConvEmbeddingSpec();
        s.height = Integer.parseInt(hw[0]);
        s.width = Integer.parseInt(hw[1]);
        s.inChannels = Integer.parseInt(hw[2]);
        s.channels = SpecText.widths(parts[1]);
        s.kernel = Integer.parseInt(parts[2].substring(1));
        s.stride = Integer.parseInt(parts[3].substring(1));
        s.activation = Activation.valueOf(parts[4].toUpperCase(Locale.ROOT));
        return s;
    }

    @Override
    public String toString() {
        return encode();
    }
}
