package org.sbi4j.simulators.mixtures;

import java.util.List;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.SimulatorFactory;

/**
 * Multi-modal 2-D and 3-D test problems with exact likelihoods and exact posteriors, the targets of
 * likelihood-weighted flows with Gaussian-mixture bases ({@code org.sbi4j.nn.GaussianMixtureBase}):
 * {@code ring-of-modes} and {@code cube-corners} ({@link OffsetMixtureSimulator}) and {@code sign-symmetric}
 * ({@link SignSymmetricSimulator}).
 */
public final class MixturesPlugin implements Plugin {
    private static final List<SimulatorFactory<?>> FACTORIES = List.of(
            new RingOfModesSimulatorFactory(),
            new SignSymmetricSimulatorFactory(),
            new CubeCornersSimulatorFactory());

    @Override
    public List<SimulatorFactory<?>> simulatorFactories() {
        return FACTORIES;
    }
}
