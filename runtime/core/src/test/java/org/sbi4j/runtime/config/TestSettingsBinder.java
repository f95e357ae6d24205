package org.sbi4j.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.simulate.InvalidPolicy;

class TestSettingsBinder {

    private static ObjectNode yaml(String text) {
        return ConfigFiles.parse(text, "test");
    }

    @Test
    void defaultsWhenNothingIsGiven() {
        SimulationSpec s = SettingsBinder.bind(null, SimulationSpec.class, "simulation");
        assertThat(s.budget).isEqualTo(10_000);
        assertThat(s.batchSize).isEqualTo(500);
        assertThat(s.invalid).isEqualTo(InvalidPolicy.DROP);
    }

    @Test
    void explicitValuesMapFromKebabCase() {
        SimulationSpec s = SettingsBinder.bind(yaml("budget: 7\nbatch-size: 3\nthreads: 2\ninvalid: fail"),
                SimulationSpec.class, "simulation");
        assertThat(s.budget).isEqualTo(7);
        assertThat(s.batchSize).isEqualTo(3);
        assertThat(s.threads).isEqualTo(2);
        assertThat(s.invalid).isEqualTo(InvalidPolicy.FAIL);
        assertThat(SettingsBinder.toNode(s).toString()).contains("\"batch-size\":3").contains("\"invalid\":\"fail\"");
    }

    @Test
    void unknownKeyListsValidKeysAndSuggests() {
        assertThatThrownBy(() -> SettingsBinder.bind(yaml("bugdet: 7"), SimulationSpec.class, "simulation"))
                .isInstanceOf(SbiException.class)
                .hasMessageContaining("unknown key 'bugdet'")
                .hasMessageContaining("Did you mean 'budget'?")
                .hasMessageContaining("batch-size (integer, default 500)");
    }

    @Test
    void unknownTopLevelKeyInRunConfig() {
        assertThatThrownBy(() -> SettingsBinder.bind(yaml("simulaton: {budget: 5}"), RunConfig.class, "config"))
                .hasMessageContaining("unknown key 'simulaton'")
                .hasMessageContaining("Did you mean 'simulation'?")
                .hasMessageContaining("estimator");
    }

    @Test
    void unknownNestedKeyNamesItsPath() {
        assertThatThrownBy(() -> SettingsBinder.bind(
                yaml("simulator: {type: a}\nestimator: {type: b}\nsimulation: {treads: 2}"), RunConfig.class, "config"))
                .hasMessageContaining("unknown key 'simulation.treads'")
                .hasMessageContaining("Did you mean 'threads'?");
    }

    @Test
    void mistypedValueNamesKeyTypeAndValue() {
        assertThatThrownBy(() -> SettingsBinder.bind(yaml("budget: lots"), SimulationSpec.class, "simulation"))
                .hasMessageContaining("'budget' expects an integer, got 'lots'");
        assertThatThrownBy(() -> SettingsBinder.bind(yaml("invalid: ignore"), SimulationSpec.class, "simulation"))
                .hasMessageContaining("'invalid'").hasMessageContaining("drop, fail");
    }

    @Test
    void validationFailureIsAUserError() {
        assertThatThrownBy(() -> SettingsBinder.bind(yaml("budget: 0"), SimulationSpec.class, "simulation"))
                .isInstanceOf(SbiException.class)
                .hasMessage("simulation: simulation.budget = 0 must be at least 1");
    }

    @Test
    void describeListsDocumentedSettingsWithDefaults() {
        List<SettingsBinder.SettingInfo> info = SettingsBinder.describe(SimulationSpec.class);
        assertThat(info).extracting(SettingsBinder.SettingInfo::key)
                .containsExactly("budget", "batch-size", "threads", "invalid", "store", "backend");
        assertThat(info.get(3).type()).isEqualTo("drop|fail");
        assertThat(info.get(0).defaultValue()).isEqualTo("10000");
    }

    /** A settings class with a nested section, as fmpe's {@code feedback:}. */
    public static final class Outer implements org.sbi4j.spi.Settings {
        @org.sbi4j.spi.Setting("a plain value")
        public int plain = 1;

        @org.sbi4j.spi.Setting("a nested section")
        public Inner inner = new Inner();
    }

    /** The nested section. */
    public static final class Inner implements org.sbi4j.spi.Settings {
        @org.sbi4j.spi.Setting("the gate")
        public double gateTime = 0.8;
    }

    @Test
    void describeListsNestedSectionsWithDottedKeysAndBindsThem() {
        assertThat(SettingsBinder.describe(Outer.class)).extracting(SettingsBinder.SettingInfo::key)
                .containsExactly("plain", "inner", "inner.gate-time");
        Outer bound = SettingsBinder.bind(yaml("inner: {gate-time: 0.5}\n"), Outer.class, "test");
        assertThat(bound.inner.gateTime).isEqualTo(0.5);
        assertThatThrownBy(() -> SettingsBinder.bind(yaml("inner: {gate: 0.5}\n"), Outer.class, "test"))
                .isInstanceOf(SbiException.class).hasMessageContaining("gate");
    }

    @Test
    void overridesEditNestedKeysAndLists() {
        ObjectNode tree = yaml("simulator: {type: a}\nobservations:\n  - values: [1, 2]\n");
        ConfigFiles.applyOverrides(tree, List.of("simulation.budget=12", "simulator.noise=0.3",
                "observations.0.values=[3, 4]", "output=out dir"));
        assertThat(tree.at("/simulation/budget").asInt()).isEqualTo(12);
        assertThat(tree.at("/simulator/noise").asDouble()).isEqualTo(0.3);
        assertThat(tree.at("/observations/0/values/1").asInt()).isEqualTo(4);
        assertThat(tree.at("/output").asText()).isEqualTo("out dir");
        assertThatThrownBy(() -> ConfigFiles.applyOverrides(tree, List.of("novalue")))
                .hasMessageContaining("must look like key=value");
        assertThatThrownBy(() -> ConfigFiles.applyOverrides(tree, List.of("observations.5.file=x")))
                .hasMessageContaining("list index from 0 to 0");
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> ConfigFiles.parse("a: [1, 2\nb: 3", "bad.yaml"))
                .hasMessageContaining("bad.yaml is not valid YAML at line");
        assertThatThrownBy(() -> ConfigFiles.parse("- 1\n- 2", "list.yaml")).hasMessageContaining("must be a mapping");
    }
}
