package org.sbi4j.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.SbiException;

class TestRefineAndDiagnosticsSections {
    private static final String BASE = "simulator: {type: a}\nestimator: {type: b}\n";

    private static RunConfig bind(String yaml) {
        ObjectNode tree = ConfigFiles.parse(BASE + yaml, "test");
        return SettingsBinder.bind(tree, RunConfig.class, "config");
    }

    @Test
    void refineDefaultsToNone() {
        assertThat(bind("").refine.enabled()).isFalse();
    }

    @Test
    void refineTakesTheShortForm() {
        RunConfig c = bind("refine: importance-sampling");
        assertThat(c.refine.method).isEqualTo(RefineSpec.Method.IMPORTANCE_SAMPLING);
        assertThat(c.refine.maxProposals).isEqualTo(1_000_000);
    }

    @Test
    void refineTakesASectionAndWritesItBack() {
        RunConfig c = bind("refine: {method: importance-sampling, max-proposals: 50000}");
        assertThat(c.refine.maxProposals).isEqualTo(50_000);
        ObjectNode node = SettingsBinder.toNode(c);
        assertThat(node.get("refine").get("method").asText()).isEqualTo("importance-sampling");
        RunConfig again = SettingsBinder.bind(node, RunConfig.class, "config");
        assertThat(again.refine.method).isEqualTo(RefineSpec.Method.IMPORTANCE_SAMPLING);
    }

    @Test
    void anUnknownRefineMethodIsAClearError() {
        assertThatThrownBy(() -> bind("refine: importance"))
                .isInstanceOf(SbiException.class).hasMessageContaining("importance-sampling");
        assertThatThrownBy(() -> bind("refine: {method: importance-sampling, max-proposals: 1}"))
                .isInstanceOf(SbiException.class).hasMessageContaining("refine.max-proposals");
    }

    @Test
    void diagnosticsSettingsAreValidated() {
        assertThat(bind("diagnostics: {sbc: 0, coverage: 300}").diagnostics.calibrationSimulations()).isEqualTo(300);
        assertThatThrownBy(() -> bind("diagnostics: {sbc: 1}"))
                .isInstanceOf(SbiException.class).hasMessageContaining("diagnostics.sbc");
        assertThatThrownBy(() -> bind("diagnostics: {sbc: 9}")).isInstanceOf(SbiException.class)
                .hasMessageContaining("diagnostics.sbc = 9 must be 0 (skip) or at least 10: the rank test needs two "
                        + "bins of five expected ranks");
        assertThatThrownBy(() -> bind("diagnostics: {coverage: 5}")).isInstanceOf(SbiException.class)
                .hasMessageContaining("diagnostics.coverage = 5 must be 0 (skip) or at least 10");
        assertThatThrownBy(() -> bind("diagnostics: {draws: 1}")).isInstanceOf(SbiException.class)
                .hasMessageContaining("diagnostics.draws = 1 must be at least 9: the verdict compares the lowest and "
                        + "highest 10%");
        assertThat(bind("diagnostics: {sbc: 10, coverage: 10, draws: 9}").diagnostics.draws).isEqualTo(9);
        assertThatThrownBy(() -> bind("diagnostics: {alpha: 0.7}"))
                .isInstanceOf(SbiException.class).hasMessageContaining("diagnostics.alpha");
    }
}
