package org.sbi4j.runtime.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy's {@code .npy} format (version 1.0), little-endian float64 ({@code <f8}) and float32
 * ({@code <f4}), C order. Enough for model weights and sample arrays; readable by {@code numpy.load}.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?[fi][48])'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** A decoded array: its shape and its values, widened to double. */
    public record Array(int[] shape, double[] values, boolean float32) {
        /** Values narrowed to float. */
        public float[] floatValues() {
            float[] out = new float[values.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) values[i];
            }
            return out;
        }
    }

    /**
     * Encodes float64 values.
     *
     * @param values row-major values
     * @param shape the shape; its product must equal the number of values
     * @return the file bytes
     */
    public static byte[] encode(double[] values, int... shape) {
        checkShape(values.length, shape);
        ByteBuffer buffer = header("<f8", shape, values.length * 8L);
        for (double v : values) {
            buffer.putDouble(v);
        }
        return buffer.array();
    }

    /**
     * Encodes float32 values.
     *
     * @param values row-major values
     * @param shape the shape; its product must equal the number of values
     * @return the file bytes
     */
    public static byte[] encode(float[] values, int... shape) {
        checkShape(values.length, shape);
        ByteBuffer buffer = header("<f4", shape, values.length * 4L);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    /**
     * Decodes a float64 or float32 array.
     *
     * @param bytes the file bytes
     * @return the array
     * @throws IOException when the bytes are not a supported {@code .npy} file
     */
    public static Array decode(byte[] bytes) throws IOException {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IOException("not a .npy file (bad magic bytes)");
        }
        int major = bytes[6];
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength;
        int offset;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(buffer.getShort(8));
            offset = 10;
        } else if (major == 2 || major == 3) {
            headerLength = buffer.getInt(8);
            offset = 12;
        } else {
            throw new IOException("unsupported .npy version " + major);
        }
        if (offset + headerLength > bytes.length) {
            throw new IOException("truncated .npy header");
        }
        String header = new String(bytes, offset, headerLength, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeMatch = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeMatch.find()) {
            throw new IOException("malformed .npy header: " + header.trim());
        }
        if (fortran.group(1).equals("True")) {
            throw new IOException("Fortran-ordered .npy arrays are not supported");
        }
        String type = descr.group(1);
        if (type.startsWith(">")) {
            throw new IOException("big-endian .npy arrays are not supported");
        }
        int[] shape = Arrays.stream(shapeMatch.group(1).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        boolean f32 = type.endsWith("f4");
        int width = type.endsWith("8") ? 8 : 4;
        int dataStart = offset + headerLength;
        if (dataStart + count * width != bytes.length) {
            throw new IOException(".npy data has " + (bytes.length - dataStart) + " bytes, expected " + count * width);
        }
        double[] values = new double[(int) count];
        buffer.position(dataStart);
        for (int i = 0; i < count; i++) {
            switch (type.substring(type.length() - 2)) {
                case "f8" -> values[i] = buffer.getDouble();
                case "f4" -> values[i] = buffer.getFloat();
                case "i8" -> values[i] = buffer.getLong();
                case "i4" -> values[i] = buffer.getInt();
                default -> throw new IOException("unsupported .npy dtype " + type);
            }
        }
        return new Array(shape, values, f32);
    }

    private static ByteBuffer header(String descr, int[] shape, long dataBytes) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)"
                : "(" + (dims.length() == 0 ? "" : dims.substring(0, dims.length() - 2)) + ")";
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        byte[] headerBytes = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(10 + headerBytes.length + dataBytes))
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerBytes.length).put(headerBytes);
        return buffer;
    }

    private static void checkShape(int length, int[] shape) {
        long product = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            product *= d;
        }
        if (product != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + product
                    + " values but " + length + " were given");
        }
    }
}
