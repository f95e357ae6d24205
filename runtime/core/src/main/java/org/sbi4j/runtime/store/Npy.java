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
 * ({@code <f4}), and booleans ({@code |b1}, read also from {@code |u1}), C order. Enough for model weights, sample
 * arrays and validity masks; readable by {@code numpy.load}.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?(?:[fi][48]|[bu]1))'");
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
     * A decoded boolean array.
     *
     * @param shape its shape
     * @param values its values, row-major
     */
    public record Booleans(int[] shape, boolean[] values) {
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
     * Encodes booleans as NumPy's {@code bool} ({@code |b1}: one byte, 0 or 1).
     *
     * @param values row-major values
     * @param shape the shape; its product must equal the number of values
     * @return the file bytes
     */
    public static byte[] encode(boolean[] values, int... shape) {
        checkShape(values.length, shape);
        ByteBuffer buffer = header("|b1", shape, values.length);
        for (boolean v : values) {
            buffer.put((byte) (v ? 1 : 0));
        }
        return buffer.array();
    }

    /**
     * Decodes a boolean array ({@code |b1}, or {@code |u1} holding only 0 and 1).
     *
     * @param bytes the file bytes
     * @return the shape and the values, row-major
     * @throws IOException when the bytes are not a boolean {@code .npy} file
     */
    public static Booleans decodeBooleans(byte[] bytes) throws IOException {
        Layout layout = layout(bytes);
        if (!layout.type().endsWith("b1") && !layout.type().endsWith("u1")) {
            throw new IOException("expected a boolean .npy array, found dtype " + layout.type());
        }
        boolean[] values = new boolean[(int) layout.count()];
        for (int i = 0; i < values.length; i++) {
            byte b = bytes[layout.dataStart() + i];
            if (b != 0 && b != 1) {
                throw new IOException("a boolean .npy array holds the byte " + (b & 0xFF) + " at element " + i);
            }
            values[i] = b == 1;
        }
        return new Booleans(layout.shape(), values);
    }

    /**
     * Decodes a float64 or float32 array.
     *
     * @param bytes the file bytes
     * @return the array
     * @throws IOException when the bytes are not a supported {@code .npy} file
     */
    public static Array decode(byte[] bytes) throws IOException {
        Layout layout = layout(bytes);
        String type = layout.type();
        if (type.endsWith("b1") || type.endsWith("u1")) {
            throw new IOException("expected a numeric .npy array, found dtype " + type);
        }
        boolean f32 = type.endsWith("f4");
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[(int) layout.count()];
        buffer.position(layout.dataStart());
        for (int i = 0; i < values.length; i++) {
            switch (type.substring(type.length() - 2)) {
                case "f8" -> values[i] = buffer.getDouble();
                case "f4" -> values[i] = buffer.getFloat();
                case "i8" -> values[i] = buffer.getLong();
                case "i4" -> values[i] = buffer.getInt();
                default -> throw new IOException("unsupported .npy dtype " + type);
            }
        }
        return new Array(layout.shape(), values, f32);
    }

    /** Where a file's data is: its dtype, shape, element count and first data byte, all checked. */
    private record Layout(String type, int[] shape, long count, int dataStart) {
    }

    private static Layout layout(byte[] bytes) throws IOException {
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
        if (headerLength < 0 || offset + (long) headerLength > bytes.length) {
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
        int[] shape;
        try {
            shape = Arrays.stream(shapeMatch.group(1).split(","))
                    .map(String::trim).filter(t -> !t.isEmpty()).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IOException("malformed .npy shape: (" + shapeMatch.group(1) + ")");
        }
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IOException("negative dimension in .npy shape (" + shapeMatch.group(1) + ")");
            }
            count *= d;
        }
        int width = type.endsWith("8") ? 8 : type.endsWith("4") ? 4 : 1;
        int dataStart = offset + headerLength;
        if (count > Integer.MAX_VALUE || dataStart + count * width != bytes.length) {
            throw new IOException(".npy data has " + (bytes.length - dataStart) + " bytes, expected " + count * width);
        }
        return new Layout(type, shape, count, dataStart);
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
