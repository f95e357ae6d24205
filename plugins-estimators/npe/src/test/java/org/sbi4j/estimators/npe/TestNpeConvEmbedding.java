package org.sbi4j.estimators.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.nn.NeuralSettings;
import org.sbi4j.testing.BlobImage;
import org.sbi4j.testing.InMemoryModel;

/** npe with the convolutional x-embedding on 8×8 images of a blob whose position is θ. */
class TestNpeConvEmbedding {
    private static final BlobImage SIMULATOR = new BlobImage(8);

    private static InferenceProblem problem;
    private static NpeSettings settings;
    private static NpePosterior posterior;

    @BeforeAll
    static void fit() {
        problem = Problems.withSimulations(SIMULATOR, 2000, 5);
        settings = conv();
        posterior = new NpeEstimator(settings).fit(problem, Problems.context(3, 1, TrainingListener.NONE));
    }

    private static NpeSettings conv() {
        NpeSettings s = new NpeSettings();
        s.embedding = NeuralSettings.EmbeddingType.CONV;
        s.convChannels = new int[] {4, 8};
        s.embeddingDim = 8;
        s.maxEpochs = 40;
        s.validate();
        return s;
    }

    /** The blob's position is found: posterior means within 0.08 of the truth, sds below a third of the prior's. */
    @Test
    void locatesTheBlob() {
        SIMULATOR.assertLocates(posterior, new double[][] {{0.3, 0.6}, {0.7, 0.2}, {0.5, 0.5}}, 2000);
    }

    @Test
    void savedModelReloadsWithIdenticalSamplesAndTheSameSeedRefitsIdentically() throws IOException {
        InMemoryModel saved = new InMemoryModel();
        posterior.save(saved);
        Posterior loaded = new NpeEstimatorFactory().load(settings, saved, Problems.withoutSimulations(problem));
        double[] x0 = problem.requireSimulations().data()[0];
        double[][] a = posterior.sample(x0, 500, Problems.rng(9));
        assertThat(loaded.sample(x0, 500, Problems.rng(9))).isDeepEqualTo(a);
        assertThat(loaded.logDensity(a, x0)).containsExactly(posterior.logDensity(a, x0));
        NpeSettings quick = conv();
        quick.maxEpochs = 2;
        InMemoryModel one = new InMemoryModel();
        InMemoryModel two = new InMemoryModel();
        new NpeEstimator(quick).fit(problem, Problems.context(8, 1, TrainingListener.NONE)).save(one);
        new NpeEstimator(quick).fit(problem, Problems.context(8, 2, TrainingListener.NONE)).save(two);
        assertThat(two.storedFloats("flow/parameters")).containsExactly(one.storedFloats("flow/parameters"));
    }

    @Test
    void anImageShapeThatDoesNotMatchTheDataIsAUserErrorNamingBoth() {
        NpeSettings s = conv();
        s.convImage = new int[] {8, 9};
        s.validate();
        assertThatThrownBy(() -> new NpeEstimator(s).fit(problem, Problems.context()))
                .isInstanceOf(SbiException.class)
                .hasMessageContaining("npe: conv-image = [8, 9] reads 72 values per row but the data have 64")
                .hasMessageContaining("[8, 8]");
        NpeSettings none = conv();
        none.embeddingDim = 0;
        assertThatThrownBy(none::validate).hasMessageContaining("embedding-dim = 0");
        NpeSettings badKernel = conv();
        badKernel.convKernel = 4;
        assertThatThrownBy(badKernel::validate).hasMessageContaining("conv-kernel = 4");
    }
}
