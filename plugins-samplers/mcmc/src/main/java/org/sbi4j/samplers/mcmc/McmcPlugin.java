package org.sbi4j.samplers.mcmc;

import java.util.List;
import java.util.function.Function;
import org.sbi4j.api.Sampler;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.SamplerFactory;

/** The MCMC samplers: {@code metropolis-hastings}, {@code hmc}, {@code slice}, {@code nuts}. */
public final class McmcPlugin implements Plugin {

    @Override
    public List<SamplerFactory<?>> samplerFactories() {
        return List.of(
                new Factory<>("metropolis-hastings", "adaptive Gaussian random-walk Metropolis-Hastings in "
                        + "unconstrained space, several chains with R-hat and effective sample sizes; needs only the "
                        + "target's density", MetropolisHastings.Settings.class, MetropolisHastings::new),
                new Factory<>("hmc", "Hamiltonian Monte Carlo in unconstrained space: leapfrog steps, step size by "
                        + "dual averaging, diagonal mass matrix adapted in warm-up; several chains with R-hat, "
                        + "effective sample sizes and divergences; needs the target's gradient", Hmc.Settings.class,
                        Hmc::new),
                new Factory<>("slice", "coordinate-wise slice sampling with stepping out and shrinkage in "
                        + "unconstrained space, vectorised across chains (one batched density call per round); needs "
                        + "only the target's density and no acceptance tuning", Slice.Settings.class, Slice::new),
                new Factory<>("nuts", "the No-U-Turn sampler (multinomial, as in Stan) in unconstrained space: "
                        + "trajectories double until they turn, step size by dual averaging, diagonal mass matrix "
                        + "adapted in warm-up; chains batched per leapfrog step; needs the target's gradient",
                        Nuts.Settings.class, Nuts::new));
    }

    private record Factory<S extends ChainSettings>(String name, String description, Class<S> settingsType,
                                                    Function<S, Sampler> build) implements SamplerFactory<S> {
        @Override
        public Sampler create(S settings, PluginContext context) {
            return build.apply(settings);
        }
    }
}
