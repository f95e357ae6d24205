package org.sbi4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.config.ComponentSpec;
import org.sbi4j.runtime.config.ConfigFiles;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.store.Manifest;
import org.sbi4j.runtime.store.ZipModelStore;

/** Samplers selected by {@code sampler: {type: ...}}, and runtime services replaced through Guice. */
class TestSamplerConfig {
    private static final String BASE = "seed: 3\nsimulator: {type: linear-gaussian, noise: 0.5}\n"
            + "estimator: {type: linear-regression}\nsimulation: {budget: 2000, batch-size: 250}\n";
    private static final double[] X = {1.0, -0.5};

    @TempDir
    Path dir;

    private final Sbi4j sbi = Sbi4j.builder().build();

    private RunConfig config(String yaml) {
        return sbi.config(ConfigFiles.parse(yaml, "test"));
    }

    @Test
    void aSamplerByTypeIsTheSameAsTheRefineShorthand() {
        TrainedModel byType = sbi.train(config(BASE
                + "sampler: {type: importance-sampling, min-proposals: 3000, max-proposals: 50000}\n"));
        TrainedModel shorthand = sbi.train(config(BASE
                + "refine: {method: importance-sampling, min-proposals: 3000, max-proposals: 50000}\n"));
        assertThat(byType.refinement()).isEqualTo("importance-sampling");
        assertThat(byType.sample(X, 500, 9)).isDeepEqualTo(shorthand.sample(X, 500, 9));
        TrainedModel.Draws draws = byType.draw(X, 500, 9);
        assertThat(draws.sampling().statistics()).containsKeys("effective-sample-size", "sample-efficiency");
        assertThat(draws.sampling().weightedDraws().theta().length).isGreaterThanOrEqualTo(3000);
        // the resolved config stores the sampler, with every default written out
        assertThat(byType.manifest().config().at("/sampler/type").asText()).isEqualTo("importance-sampling");
        assertThat(shorthand.manifest().config().at("/sampler/max-proposals").asInt()).isEqualTo(50_000);
    }

    @Test
    void directSamplingIsTheDefaultAndASamplerCanBeSwappedOnALoadedModel() {
        TrainedModel model = sbi.train(config(BASE));
        assertThat(model.refinement()).isEqualTo("none");
        Path file = dir.resolve("m.zip");
        sbi.save(model, file);
        TrainedModel loaded = sbi.load(file);
        assertThat(loaded.sample(X, 100, 4)).isDeepEqualTo(model.sample(X, 100, 4));
        TrainedModel sampled = sbi.withSampler(loaded, new ComponentSpec("importance-sampling",
                java.util.Map.of("min-proposals", 2000)));
        assertThat(sampled.refinement()).isEqualTo("importance-sampling");
        assertThat(sampled.draw(X, 200, 4).weights()).isNotNull();
    }

    @Test
    void badSamplerConfigsAreClearErrors() {
        assertThatThrownBy(() -> sbi.resolve(config(BASE + "sampler: {type: importance-smapling}\n")))
                .isInstanceOf(SbiException.class).hasMessageContaining("unknown sampler 'importance-smapling'")
                .hasMessageContaining("importance-sampling");
        assertThatThrownBy(() -> sbi.resolve(config(BASE + "sampler: {type: importance-sampling, max-proposals: 1}\n")))
                .isInstanceOf(SbiException.class).hasMessageContaining("max-proposals");
        assertThatThrownBy(() -> config(BASE + "sampler: {type: importance-sampling}\nrefine: importance-sampling\n"))
                .isInstanceOf(SbiException.class).hasMessageContaining("both 'refine' and 'sampler'");
    }

    @Test
    void aServiceOverriddenThroughTheBuilderReplacesTheRuntimes() {
        AtomicInteger saved = new AtomicInteger();
        ZipModelStore zip = new ZipModelStore();
        ModelStore counting = new ModelStore() {
            @Override
            public void save(Posterior posterior, Manifest manifest, Path file) {
                saved.incrementAndGet();
                zip.save(posterior, manifest, file);
            }

            @Override
            public Stored open(Path file) {
                return zip.open(file);
            }
        };
        Sbi4j custom = Sbi4j.builder().override(new AbstractModule() {
            @Override
            protected void configure() {
                bind(ModelStore.class).toInstance(counting);
            }
        }).build();
        custom.run(config(BASE + "observations: [{values: [0.5, 0.5]}]\n"), dir.resolve("run"));
        assertThat(saved.get()).isEqualTo(1);
        assertThat(dir.resolve("run/model.zip")).isNotEmptyFile();
        assertThat(dir.resolve("run/obs01/samples.csv")).isNotEmptyFile();
    }
}
