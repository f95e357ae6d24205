package org.sbi4j.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestNpy {

    @Test
    void float64RoundTripKeepsShapeAndBits() throws IOException {
        double[] values = {1.5, -0.0, Double.MIN_VALUE, 1e300, Math.PI, 7};
        byte[] bytes = Npy.encode(values, 2, 3);
        Npy.Array back = Npy.decode(bytes);
        assertThat(back.shape()).containsExactly(2, 3);
        assertThat(back.values()).containsExactly(values);
        assertThat(back.float32()).isFalse();
    }

    @Test
    void float32RoundTrip() throws IOException {
        float[] values = {1.25f, -3f, 1e-7f};
        Npy.Array back = Npy.decode(Npy.encode(values, 3));
        assertThat(back.shape()).containsExactly(3);
        assertThat(back.floatValues()).containsExactly(values);
        assertThat(back.float32()).isTrue();
    }

    @Test
    void booleanRoundTripUsesNumpyBoolBytes() throws IOException {
        boolean[] values = {true, false, false, true, true};
        byte[] bytes = Npy.encode(values, 5);
        String header = new String(bytes, 0, 128, StandardCharsets.ISO_8859_1);
        assertThat(header).contains("{'descr': '|b1', 'fortran_order': False, 'shape': (5,), }");
        assertThat(bytes.length % 64).as("a header padded to 64 bytes, then one byte per value").isEqualTo(5);
        assertThat(java.util.Arrays.copyOfRange(bytes, bytes.length - 5, bytes.length))
                .containsExactly(1, 0, 0, 1, 1);
        Npy.Booleans back = Npy.decodeBooleans(bytes);
        assertThat(back.shape()).containsExactly(5);
        assertThat(back.values()).containsExactly(values);
    }

    @Test
    void uint8ZerosAndOnesReadAsBooleansAndOtherBytesAreRefused() throws IOException {
        byte[] bytes = Npy.encode(new boolean[] {true, false}, 2);
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("'|b1'", "'|u1'");
        byte[] uint8 = text.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Npy.decodeBooleans(uint8).values()).containsExactly(true, false);
        uint8[uint8.length - 1] = 7;
        assertThatThrownBy(() -> Npy.decodeBooleans(uint8)).isInstanceOf(IOException.class)
                .hasMessageContaining("holds the byte 7 at element 1");
        assertThatThrownBy(() -> Npy.decodeBooleans(Npy.encode(new double[] {1}, 1)))
                .hasMessageContaining("expected a boolean .npy array, found dtype <f8");
        assertThatThrownBy(() -> Npy.decode(bytes)).hasMessageContaining("expected a numeric .npy array");
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThatThrownBy(() -> Npy.decodeBooleans(truncated)).hasMessageContaining("has 1 bytes, expected 2");
    }

    @Test
    void headerFollowsTheNumpyLayout() {
        byte[] bytes = Npy.encode(new double[] {1, 2}, 2);
        String header = new String(bytes, 0, 128, StandardCharsets.ISO_8859_1);
        assertThat(header).startsWith("\u0093NUMPY\u0001\u0000");
        assertThat(header).contains("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }");
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertThat((10 + headerLength) % 64).as("data starts 64-byte aligned").isZero();
        assertThat(bytes[10 + headerLength - 1]).isEqualTo((byte) '\n');
        assertThat(bytes.length).isEqualTo(10 + headerLength + 16);
    }

    @Test
    void emptyAndScalarShapes() throws IOException {
        assertThat(Npy.decode(Npy.encode(new double[0], 0, 4)).shape()).containsExactly(0, 4);
        assertThat(Npy.decode(Npy.encode(new double[] {3})).values()).containsExactly(3);
    }

    @Test
    void rejectsGarbageAndWrongShapes() {
        assertThatThrownBy(() -> Npy.decode("not numpy".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("not a .npy file");
        byte[] full = Npy.encode(new double[] {1, 2, 3}, 3);
        byte[] shortData = java.util.Arrays.copyOf(full, full.length - 8);
        assertThatThrownBy(() -> Npy.decode(shortData)).isInstanceOf(IOException.class)
                .hasMessageContaining("has 16 bytes, expected 24");
        byte[] shortHeader = java.util.Arrays.copyOf(full, 40);
        assertThatThrownBy(() -> Npy.decode(shortHeader)).hasMessageContaining("truncated .npy header");
        assertThatThrownBy(() -> Npy.encode(new double[] {1, 2, 3}, 2, 2))
                .hasMessageContaining("shape [2, 2] holds 4 values but 3 were given");
    }
}
