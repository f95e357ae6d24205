package org.sbi4j.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.SbiException;

/** Config text and {@code --set} keys that used to be misread, each refused with a message naming the problem. */
class TestConfigInputs {
    private static final String BASE = "simulator: {type: a}\nestimator: {type: b}\n";

    private static RunConfig bind(String yaml) {
        return SettingsBinder.bind(ConfigFiles.parse(yaml, "c.yaml"), RunConfig.class, "config");
    }

    @Test
    void anAliasIsRefusedAndAnAnchorAloneIsKept() {
        assertThatThrownBy(() -> ConfigFiles.parse("output: &o runs/x\nsimulator: {type: *o}\n", "c.yaml"))
                .isInstanceOf(SbiException.class)
                .hasMessage("config c.yaml at line 2 refers to the YAML anchor '&o' with the alias '*o'; sbi4j does "
                        + "not expand aliases: write the value out in full there");
        assertThat(bind(BASE + "output: &o runs/x\n").output).isEqualTo("runs/x");
        assertThat(bind(BASE + "output: '*o'\n").output).isEqualTo("*o");
    }

    @Test
    void duplicateKeysAndSectionsAreRefused() {
        assertThatThrownBy(() -> ConfigFiles.parse(BASE + "seed: 1\nseed: 2\n", "c.yaml"))
                .hasMessageContaining("config c.yaml sets 'seed' twice in the same section at line 4")
                .hasMessageContaining("keep one of them");
        assertThatThrownBy(() -> ConfigFiles.parse(BASE + "simulation: {budget: 5}\nsimulation:\n  threads: 2\n",
                "c.yaml")).hasMessageContaining("sets 'simulation' twice");
        assertThatThrownBy(() -> ConfigFiles.parse("simulation:\n  budget: 5\n  budget: 6\n", "c.yaml"))
                .hasMessageContaining("sets 'budget' twice");
    }

    @Test
    void nanAndInfinityGetAMessageAboutTheValue() {
        assertThatThrownBy(() -> ConfigFiles.parse(BASE + "observations: [{values: [.nan, 1]}]\n", "c.yaml"))
                .hasMessageContaining("'.nan' is not a value sbi4j accepts: numbers in a config must be finite")
                .hasMessageNotContaining("syntax");
        assertThatThrownBy(() -> ConfigFiles.parse("estimator: {type: npe, learning-rate: -.inf}\n", "c.yaml"))
                .hasMessageContaining("'-.inf' is not a value sbi4j accepts").hasMessageNotContaining("syntax");
    }

    @Test
    void malformedSetKeysAreRefusedNamingTheKey() {
        for (String bad : List.of("..=5", ".=7", "a..b=1", "simulation.=3", ".seed=3")) {
            ObjectNode tree = ConfigFiles.parse(BASE, "c.yaml");
            String key = bad.substring(0, bad.indexOf('='));
            assertThatThrownBy(() -> ConfigFiles.applyOverrides(tree, List.of(bad))).as(bad)
                    .isInstanceOf(SbiException.class)
                    .hasMessageContaining("the key '" + key + "' has an empty part");
        }
        assertThatThrownBy(() -> ConfigFiles.applyOverrides(ConfigFiles.parse(BASE, "c"), List.of("=3")))
                .hasMessageContaining("--set '=3' must look like key=value");
    }

    @Test
    void fractionsForIntegerSettingsAreRefusedAndWholeNumbersInAnyNotationKept() {
        assertThatThrownBy(() -> bind(BASE + "simulation: {budget: 2000.5}"))
                .hasMessage("config: 'simulation.budget' expects an integer (a whole number), got 2000.5.");
        assertThatThrownBy(() -> bind(BASE + "seed: 1.7"))
                .hasMessage("config: 'seed' expects an integer (a whole number), got 1.7.");
        assertThatThrownBy(() -> SettingsBinder.bind(ConfigFiles.parse("values: [1, 2.5]", "c"), IntList.class, "x"))
                .hasMessageContaining("'values[1]' expects an integer (a whole number), got 2.5.");
        assertThat(bind(BASE + "simulation: {budget: 1e4}\nseed: 7.0").simulation.budget).isEqualTo(10_000);
        assertThat(bind(BASE + "seed: 7.0").seed).isEqualTo(7);
        assertThat(SettingsBinder.bind(ConfigFiles.parse("values: [1, 2.0]", "c"), IntList.class, "x").values)
                .containsExactly(1, 2);
    }

    @Test
    void outOfRangeIntegersNameTheKeyAndTheRange() {
        assertThatThrownBy(() -> bind(BASE + "simulation: {budget: 99999999999}"))
                .hasMessage("config: 'simulation.budget' = 99999999999 is out of range: it takes an integer from "
                        + "-2147483648 to 2147483647.");
        assertThatThrownBy(() -> bind(BASE + "seed: 99999999999999999999"))
                .hasMessageContaining("'seed' = 99999999999999999999 is out of range: it takes an integer from "
                        + "-9223372036854775808 to 9223372036854775807");
    }

    @Test
    void wrongShapesAndMissingValuesNameTheKeyWithoutJacksonInternals() {
        assertThatThrownBy(() -> bind(BASE + "simulation: {budget: [1]}"))
                .hasMessage("config: 'simulation.budget' expects an integer, got a list.");
        assertThatThrownBy(() -> bind(BASE + "samples: {a: 1}"))
                .hasMessage("config: 'samples' expects an integer, got a section of keys.");
        assertThatThrownBy(() -> bind(BASE + "simulation: {budget: null}"))
                .hasMessage("config: 'simulation.budget' has no value; give an integer or leave the key out for its "
                        + "default.");
        for (String yaml : List.of("simulation: {budget: [1]}", "samples: {a: 1}", "simulation: {budget: null}",
                "simulation: [1, 2]", "observations: {file: x}", "seed: true")) {
            assertThatThrownBy(() -> bind(BASE + yaml)).as(yaml)
                    .message().doesNotContain("`").doesNotContain("JsonToken").doesNotContain("DeserializationFeature")
                    .doesNotContain("coercion").doesNotContain("Cannot deserialize");
        }
    }

    /** A settings type with an integer list. */
    public static final class IntList implements org.sbi4j.spi.Settings {
        public int[] values = {};
    }
}
