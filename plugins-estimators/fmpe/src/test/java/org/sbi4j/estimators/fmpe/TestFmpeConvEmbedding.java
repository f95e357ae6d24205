package org.sbi4j.estimators.fmpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.SbiException;
import org.sbi4j.nn.NeuralSettings;
import org.sbi4j.testing.BlobImage;
import org.sbi4j.testing.InMemoryModel;
import org.sbi4j.testing.SeededRandom;

/** fmpe with the convolutional x-embedding on 8×8 images of a blob whose position is θ. */
class TestFmpeConvEmbedding {
    private static final BlobImage SIMULATOR = new BlobImage(8);

    private static InferenceProblem problem;
    private static FmpeSettings settings;
    private static FmpePosterior posterior;

    @BeforeAll
    static void fit() {
        problem = Fits.simulate(SIMULATOR, 2000, 5);
        settings = Fits.small();
        settings.embedding = NeuralSettings.EmbeddingType.CONV;
        settings.convChannels = new int[] {4, 8};
        settings.validate();
        posterior = Fits.fit(problem, settings, 3, 1);
    }

    /** The blob's position is found: posterior means within 0.08 of the truth, sds below a third of the prior's. */
    @Test
    void locatesTheBlob() {
        SIMULATOR.assertLocates(posterior, new double[][] {{0.3, 0.6}, {0.7, 0.2}}, 1000);
    }

    @Test
    void savedModelReloadsWithIdenticalSamples() throws IOException {
        InMemoryModel saved = new InMemoryModel();
        posterior.save(saved);
        Posterior loaded = new FmpeEstimatorFactory().load(settings, saved, Fits.bare(problem));
        double[] x0 = problem.requireSimulations().data()[0];
        double[][] a = posterior.sample(x0, 300, SeededRandom.of(9));
        assertThat(loaded.sample(x0, 300, SeededRandom.of(9))).isDeepEqualTo(a);
    }

    @Test
    void anImageShapeThatDoesNotMatchTheDataIsAUserError() {
        FmpeSettings s = Fits.small();
        s.embedding = NeuralSettings.EmbeddingType.CONV;
        s.convImage = new int[] {4, 4, 2};
        s.validate();
        assertThatThrownBy(() -> Fits.fit(problem, s, 1, 1)).isInstanceOf(SbiException.class)
                .hasMessageContaining("fmpe: conv-image = [4, 4, 2] reads 32 values per row but the data have 64");
        s.embeddingDim = 0;
        assertThatThrownBy(s::validate).hasMessageContaining("embedding-dim = 0");
    }
}
