package org.sbi4j.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TestEmbeddingExample {
    @Test
    void recoversTheTwoMoonsGeometryThroughSaveAndLoad() throws Exception {
        double[] means = EmbeddingExample.run(20_000);
        // two moons: x₁ = 0.25 + r·cos a − |θ₁ + θ₂|/√2 with E[r·cos a] = 0.1·2/π, so for x₁ = 0
        // E|θ₁ + θ₂| = √2·(0.25 + 0.0637) = 0.444; for x₁ = −0.3 it is √2·(0.55 + 0.0637) = 0.868.
        // Rejection ABC (100 of 2·10⁴ kept, KDE-smoothed) is biased by its acceptance window: margin 0.06.
        assertThat(means[0]).isCloseTo(0.444, within(0.06));
        assertThat(means[1]).isCloseTo(0.868, within(0.06));
    }
}
