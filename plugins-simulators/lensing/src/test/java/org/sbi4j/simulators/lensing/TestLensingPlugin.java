package org.sbi4j.simulators.lensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.Simulator;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.SimulatorFactory;

/** Discovery, settings validation and the configurable parameter layout. */
class TestLensingPlugin {
    static final List<String> FULL = List.of("theta_E", "lens_x", "lens_y", "lens_e1", "lens_e2", "shear_g1",
            "shear_g2", "src_amp", "src_R", "src_n", "src_e1", "src_e2", "src_x", "src_y", "light_amp", "light_R",
            "light_n", "light_e1", "light_e2", "light_x", "light_y");

    @Test
    void serviceLoaderFindsTheLensingFactory() {
        SimulatorFactory<?> factory = null;
        for (Plugin plugin : ServiceLoader.load(Plugin.class)) {
            for (SimulatorFactory<?> f : plugin.simulatorFactories()) {
                if (f.name().equals("lensing")) {
                    factory = f;
                }
            }
        }
        assertThat(factory).isNotNull();
        assertThat(factory.settingsType()).isEqualTo(LensingSettings.class);
        Simulator simulator = new LensingSimulatorFactory().create(new LensingSettings(), () -> Path.of("."));
        assertThat(simulator.parameterNames()).isEqualTo(FULL);
        assertThat(simulator.dataNames()).hasSize(64 * 64).startsWith("pixel_0_0", "pixel_0_1");
        assertThat(simulator.defaultPrior().orElseThrow().parameterNames()).isEqualTo(FULL);
    }

    @Test
    void componentsAndFixedParametersShapeTheta() {
        LensingSettings settings = new LensingSettings();
        settings.externalShear = false;
        settings.tieLightCenter = true;
        settings.fixed = List.of("src_n=1", " light_n = 4 ");
        LensingSimulator simulator = new LensingSimulator(settings);
        assertThat(simulator.parameterNames()).containsExactly("theta_E", "lens_x", "lens_y", "lens_e1", "lens_e2",
                "src_amp", "src_R", "src_e1", "src_e2", "src_x", "src_y", "light_amp", "light_R", "light_e1",
                "light_e2");
        assertThat(simulator.defaultPrior().orElseThrow().parameterNames()).isEqualTo(simulator.parameterNames());

        LensingSettings noLight = new LensingSettings();
        noLight.lensLight = false;
        assertThat(new LensingSimulator(noLight).parameterNames()).isEqualTo(FULL.subList(0, 14));

        // a tied centre follows the SIE: moving lens_x moves the lens light too
        double[] theta = new double[simulator.parameterNames().size()];
        ParameterLayout layout = ParameterLayout.from(settings);
        theta[1] = 0.3;
        theta[2] = -0.2;
        double[] full = new double[21];
        layout.toFull(theta, full);
        assertThat(full[LensParameter.LIGHT_X.index()]).isEqualTo(0.3);
        assertThat(full[LensParameter.LIGHT_Y.index()]).isEqualTo(-0.2);
        assertThat(full[LensParameter.SRC_N.index()]).isEqualTo(1.0);
        assertThat(full[LensParameter.LIGHT_N.index()]).isEqualTo(4.0);
        assertThat(full[LensParameter.SHEAR_G1.index()]).isZero();
    }

    @Test
    void badSettingsAreRejectedNamingTheSetting() {
        expectError(s -> s.pixels = 4, "pixels");
        expectError(s -> s.pixelScale = 0, "pixel-scale");
        expectError(s -> s.supersampling = 0, "supersampling");
        expectError(s -> s.psfFwhm = -1, "psf-fwhm");
        expectError(s -> s.noiseSigma = 0, "noise-sigma");
        expectError(s -> s.exposureTime = Double.NaN, "exposure-time");
        expectError(s -> s.minAxisRatio = 1, "min-axis-ratio");
        expectError(s -> s.srcAmpRange = new double[] {1, 0}, "src-amp-range");
        expectError(s -> s.fixed = List.of("nope=1"), "unknown parameter 'nope'");
        expectError(s -> s.fixed = List.of("src_n"), "name=value");
        expectError(s -> s.fixed = List.of("src_n=abc"), "not a number");
        expectError(s -> s.fixed = List.of("src_n=1", "src_n=2"), "twice");
        expectError(s -> {
            s.externalShear = false;
            s.fixed = List.of("shear_g1=0.1");
        }, "switched off");
        expectError(s -> {
            s.tieLightCenter = true;
            s.fixed = List.of("light_x=0");
        }, "tied");
        expectError(s -> {
            s.lensLight = false;
            s.tieLightCenter = true;
        }, "lens-light");
        expectError(s -> s.fixed = FULL.stream().map(n -> n + "=1").toList(), "at least one free");
    }

    private static void expectError(Consumer<LensingSettings> change, String message) {
        LensingSettings settings = new LensingSettings();
        change.accept(settings);
        assertThatThrownBy(settings::validate).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
