package org.sbi4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.DoubleSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestConvEmbedding {

    private static ConvEmbeddingSpec spec(int h, int w, int c, int kernel, int stride, int... channels) {
        ConvEmbeddingSpec s = ConvEmbeddingSpec.image(h, w, channels);
        s.inChannels = c;
        s.kernel = kernel;
        s.stride = stride;
        s.activation = Activation.TANH;
        return s;
    }

    @ParameterizedTest(name = "{0}x{1}x{2} k{3} s{4}")
    @CsvSource({"7,6,1,3,2", "5,5,2,3,1", "6,7,3,1,2", "9,8,1,5,3"})
    void backwardMatchesFiniteDifferencesInFloat64(int h, int w, int c, int kernel, int stride) {
        UniformRandomProvider rng = GradientCheck.rng(h * 100 + w * 10 + c + kernel * 7 + stride);
        ConvEmbeddingSpec s = spec(h, w, c, kernel, stride, 3, 2);
        ParameterSet.Builder b = ParameterSet.builder(Precision.FLOAT64);
        ConvEmbedding e = new ConvEmbedding(b, "e", s, 4);
        ParameterSet params = b.build(rng);
        TestFlowGradients.perturb(params, rng, 0.3);
        int n = 3;
        Mat x = GradientCheck.randomMat(Precision.FLOAT64, n, s.inputLength(), rng, 1.5);
        Mat g = GradientCheck.randomMat(Precision.FLOAT64, n, 4, rng, 1.0);
        params.zeroGradients();
        e.embed(x, n);
        e.backward(g, n, true);
        double[] dx = GradientCheck.slice(e.inputGrad().buffer(), 0, n * s.inputLength());
        DoubleSupplier loss = () -> GradientCheck.dot(g, e.embed(x, n), n);
        GradientCheck.assertClose("params", GradientCheck.slice(params.gradients(), 0, params.size()),
                GradientCheck.numeric(params.values(), 0, params.size(), loss));
        GradientCheck.assertClose("input", dx, GradientCheck.numeric(x.buffer(), 0, n * s.inputLength(), loss));
        // the input-only backward: the same dL/dx exactly, and no parameter gradient
        params.zeroGradients();
        e.embed(x, n);
        assertThat(GradientCheck.slice(e.embedInputGradient(g, n).buffer(), 0, n * s.inputLength()))
                .containsExactly(dx);
        assertThat(GradientCheck.slice(params.gradients(), 0, params.size())).containsOnly(0.0);
    }

    /** One 3×3 convolution of stride 2 and a projection, against the textbook sum with zero padding. */
    @Test
    void forwardIsTheZeroPaddedStridedConvolution() {
        UniformRandomProvider rng = GradientCheck.rng(5);
        int h = 5;
        int w = 4;
        int c = 2;
        int cout = 3;
        ConvEmbeddingSpec s = spec(h, w, c, 3, 2, cout);
        s.activation = Activation.IDENTITY;
        ParameterSet.Builder b = ParameterSet.builder(Precision.FLOAT64);
        ConvEmbedding e = new ConvEmbedding(b, "e", s, 2);
        ParameterSet params = b.build(rng);
        TestFlowGradients.perturb(params, rng, 0.5);
        Mat x = GradientCheck.randomMat(Precision.FLOAT64, 2, s.inputLength(), rng, 1.0);
        Mat out = e.embed(x, 2);
        // parameters in registration order: conv weight (9c × cout), conv bias, projection weight, bias
        Buffer p = params.values();
        int convW = 0;
        int convB = 9 * c * cout;
        int ho = 3;
        int wo = 2;
        int flat = ho * wo * cout;
        int projW = convB + cout;
        int projB = projW + flat * 2;
        assertThat(params.size()).isEqualTo(projB + 2);
        for (int r = 0; r < 2; r++) {
            double[] feature = new double[flat];
            for (int oi = 0; oi < ho; oi++) {
                for (int oj = 0; oj < wo; oj++) {
                    for (int co = 0; co < cout; co++) {
                        double sum = p.get(convB + co);
                        for (int ki = 0; ki < 3; ki++) {
                            for (int kj = 0; kj < 3; kj++) {
                                int ii = 2 * oi - 1 + ki;
                                int jj = 2 * oj - 1 + kj;
                                if (ii < 0 || ii >= h || jj < 0 || jj >= w) {
                                    continue;
                                }
                                for (int ch = 0; ch < c; ch++) {
                                    double v = x.get(r, ch * h * w + ii * w + jj);
                                    sum += v * p.get(convW + ((ki * 3 + kj) * c + ch) * cout + co);
                                }
                            }
                        }
                        feature[(oi * wo + oj) * cout + co] = sum;
                    }
                }
            }
            for (int j = 0; j < 2; j++) {
                double y = p.get(projB + j);
                for (int f = 0; f < flat; f++) {
                    y += feature[f] * p.get(projW + f * 2 + j);
                }
                assertThat(out.get(r, j)).isCloseTo(y, Offset.offset(1e-12));
            }
        }
    }

    /** Rows that all hold one image run the convolutions once; outputs and gradients equal the plain path. */
    @Test
    void repeatedRowsGiveTheSameOutputAndParameterGradients() {
        ConvEmbeddingSpec s = spec(8, 8, 1, 3, 2, 4, 4);
        UniformRandomProvider rng = GradientCheck.rng(8);
        ParameterSet.Builder b = ParameterSet.builder(Precision.FLOAT64);
        ConvEmbedding e = new ConvEmbedding(b, "e", s, 3);
        ParameterSet params = b.build(rng);
        int n = 5;
        Mat one = GradientCheck.randomMat(Precision.FLOAT64, 1, 64, rng, 1.0);
        Mat tiled = Mat.zeros(Precision.FLOAT64, n, 64);
        Mat nearly = Mat.zeros(Precision.FLOAT64, n, 64);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < 64; j++) {
                tiled.set(r, j, one.get(0, j));
                nearly.set(r, j, one.get(0, j));
            }
        }
        nearly.set(n - 1, 63, one.get(0, 63) + 1e-9);
        Mat g = GradientCheck.randomMat(Precision.FLOAT64, n, 3, rng, 1.0);
        params.zeroGradients();
        double[][] fast = e.embed(tiled, n).toArray(n);
        e.embedBackward(g, n);
        double[] fastGrad = GradientCheck.slice(params.gradients(), 0, params.size());
        params.zeroGradients();
        double[][] slow = e.embed(nearly, n).toArray(n);
        e.embedBackward(g, n);
        double[] slowGrad = GradientCheck.slice(params.gradients(), 0, params.size());
        for (int r = 0; r < n; r++) {
            assertThat(fast[r]).containsExactly(fast[0]);
            for (int j = 0; j < 3; j++) {
                assertThat(fast[r][j]).isCloseTo(slow[r][j], Offset.offset(1e-7));
            }
        }
        for (int i = 0; i < fastGrad.length; i++) {
            assertThat(fastGrad[i]).isCloseTo(slowGrad[i], Offset.offset(1e-6 * (1 + Math.abs(slowGrad[i]))));
        }
    }

    @Test
    void float32MatchesFloat64AndWorkspacesGrow() {
        ConvEmbeddingSpec s = spec(16, 16, 1, 3, 2, 4, 8);
        s.activation = Activation.RELU;
        ParameterSet.Builder b64 = ParameterSet.builder(Precision.FLOAT64);
        ConvEmbedding e64 = new ConvEmbedding(b64, "e", s, 5);
        ParameterSet p64 = b64.build(GradientCheck.rng(2));
        ParameterSet.Builder b32 = ParameterSet.builder(Precision.FLOAT32);
        ConvEmbedding e32 = new ConvEmbedding(b32, "e", s, 5);
        ParameterSet p32 = b32.build(GradientCheck.rng(2));
        UniformRandomProvider rng = GradientCheck.rng(3);
        Mat x64 = GradientCheck.randomMat(Precision.FLOAT64, 7, 256, rng, 1.0);
        Mat x32 = Mat.of(Precision.FLOAT32, x64.toArray(7));
        e32.embed(x32, 2);
        double[][] a = e64.embed(x64, 7).toArray(7);
        double[][] c = e32.embed(x32, 7).toArray(7);
        for (int r = 0; r < 7; r++) {
            for (int j = 0; j < 5; j++) {
                assertThat(c[r][j]).isCloseTo(a[r][j], Offset.offset(1e-4 * (1 + Math.abs(a[r][j]))));
            }
        }
        assertThat(p32.size()).isEqualTo(p64.size());
    }

    @Test
    void specRoundTripsAndAShapeMismatchIsExplained() {
        ConvEmbeddingSpec s = spec(64, 64, 1, 5, 2, 8, 16, 32);
        s.activation = Activation.GELU;
        assertThat(ConvEmbeddingSpec.decode(s.encode()).encode()).isEqualTo(s.encode()).isEqualTo(
                "64x64x1/8,16,32/k5/s2/GELU");
        assertThat(s.flattenedLength()).isEqualTo(8 * 8 * 32);
        assertThatThrownBy(() -> s.validate(100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv-image = [64, 64] reads 4096 values per row but the data have 100")
                .hasMessageContaining("[10, 10]");
        s.kernel = 4;
        assertThatThrownBy(() -> s.validate(4096)).hasMessageContaining("conv-kernel = 4");
        ConvEmbeddingSpec deep = spec(4, 4, 1, 3, 2, 1, 1, 1, 1);
        assertThat(deep.validate(16).flattenedLength()).isEqualTo(1);
        assertThatThrownBy(() -> ConvEmbeddingSpec.decode("64x64/8")).hasMessageContaining("64x64/8");

        DensityModelSpec d = new DensityModelSpec();
        d.contextDim = 4096;
        d.embeddingDim = 16;
        String plain = d.encode();
        assertThat(plain).doesNotContain("conv");
        d.convEmbedding = ConvEmbeddingSpec.image(64, 64, 8, 16);
        assertThat(DensityModelSpec.decode(d.encode()).convEmbedding.encode()).isEqualTo(d.convEmbedding.encode());
        d.embeddingDim = 0;
        assertThatThrownBy(d::validate).hasMessageContaining("embedding-dim");
        VectorFieldSpec v = new VectorFieldSpec();
        v.contextDim = 4096;
        v.embeddingDim = 8;
        v.convEmbedding = ConvEmbeddingSpec.image(32, 128, 4);
        assertThat(VectorFieldSpec.decode(v.encode()).convEmbedding.height).isEqualTo(32);
        v.validate();
    }
}
