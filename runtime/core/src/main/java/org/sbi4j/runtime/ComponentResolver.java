package org.sbi4j.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sbi4j.api.Capability;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.Likelihood;
import org.sbi4j.api.Prior;
import org.sbi4j.api.Sampler;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulator;
import org.sbi4j.runtime.config.ComponentSpec;
import org.sbi4j.runtime.config.RefineSpec;
import org.sbi4j.runtime.config.RunConfig;
import org.sbi4j.runtime.config.SettingsBinder;
import org.sbi4j.runtime.plugin.ComponentKind;
import org.sbi4j.runtime.plugin.PluginComponent;
import org.sbi4j.runtime.plugin.PluginRegistry;
import org.sbi4j.runtime.prior.RenamedPrior;
import org.sbi4j.runtime.sample.SampledPosterior;
import org.sbi4j.spi.ComponentFactory;
import org.sbi4j.spi.EstimatorFactory;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.Settings;

/**
 * Turns a config into built, checked components before any work: unknown names, bad settings, missing
 * capabilities and malformed observations fail here, with messages that name the fix.
 */
public final class ComponentResolver {
    private final PluginRegistry registry;
    private final PluginContext pluginContext;

    /**
     * @param registry every factory found
     * @param pluginContext what factories are told about where they run
     */
    @Inject
    public ComponentResolver(PluginRegistry registry, PluginContext pluginContext) {
        this.registry = requireNonNull(registry, "registry is null");
        this.pluginContext = requireNonNull(pluginContext, "pluginContext is null");
    }

    /**
     * Builds and checks every component of a config.
     *
     * @param config the config
     * @return the resolved run
     */
    public ResolvedRun resolve(RunConfig config) {
        Simulation simulation = resolveSimulation(config);
        Simulator simulator = simulation.simulator();
        PluginRegistry.Found<EstimatorFactory<?>> estFound = registry.estimator(config.estimator.type());
        Built<Estimator> estimator = build(estFound.factory(), config.estimator.settings(),
                "estimator '" + config.estimator.type() + "'");
        checkCapabilities(estimator.product(), config, simulator);
        ComponentSpec samplerSpec = config.effectiveSampler();
        ObjectNode samplerNode = Json.mapper().createObjectNode().put("type", RunConfig.DIRECT);
        if (!RunConfig.DIRECT.equals(samplerSpec.type())) {
            Built<Sampler> sampler = sampler(samplerSpec);
            checkSampler(sampler.product(), samplerSpec.type(), estimator.product(), simulation.prior(), simulator,
                    config.simulator.type());
            samplerNode = typed(samplerSpec.type(), sampler.settings());
        }
        List<ResolvedRun.NamedObservation> observations = new ObservationReader(simulator,
                config.simulator.type()).read(config.observations);

        ObjectNode resolved = SettingsBinder.toNode(config);
        resolved.set("simulator", simulation.simulatorNode());
        resolved.set("prior", simulation.priorNode());
        resolved.set("estimator", typed(config.estimator.type(), estimator.settings()));
        resolved.set("sampler", samplerNode);
        resolved.set("refine", SettingsBinder.toNode(new RefineSpec()));
        return new ResolvedRun(config, resolved, simulator, simulation.simulatorComponent(), simulation.prior(),
                simulation.priorComponent(), estimator.product(), estFound.component(),
                estimator.settings(), observations);
    }

    /**
     * Builds and checks only what a simulation job needs: the simulator and the prior.
     *
     * @param config the config
     * @return the simulator, the prior and how they are written in the resolved config
     */
    public Simulation resolveSimulation(RunConfig config) {
        PluginRegistry.Found<org.sbi4j.spi.SimulatorFactory<?>> simFound = registry.simulator(config.simulator.type());
        Built<Simulator> simulator = build(simFound.factory(), config.simulator.settings(),
                "simulator '" + config.simulator.type() + "'");
        Prior prior;
        PluginRegistry.Found<org.sbi4j.spi.PriorFactory<?>> priorFound = null;
        ObjectNode priorNode;
        if ("default".equals(config.prior.type())) {
            if (!config.prior.settings().isEmpty()) {
                throw SbiException.userError("prior {type: default} takes no settings, but the config gives "
                        + config.prior.settings().keySet());
            }
            prior = simulator.product().defaultPrior().orElseThrow(() -> SbiException.userError("simulator '"
                    + config.simulator.type() + "' defines no prior of its own; configure one, e.g. "
                    + "prior: {type: box-uniform, low: [...], high: [...]} (priors: "
                    + String.join(", ", registry.names(ComponentKind.PRIOR)) + ")"));
            priorNode = Json.mapper().createObjectNode().put("type", "default");
        } else {
            priorFound = registry.prior(config.prior.type());
            Built<Prior> built = build(priorFound.factory(), config.prior.settings(), "prior '" + config.prior.type() + "'");
            prior = built.product();
            priorNode = typed(config.prior.type(), built.settings());
        }
        List<String> names = simulator.product().parameterNames();
        if (prior.dimension() != names.size()) {
            throw SbiException.userError("the prior has " + prior.dimension() + " parameters but simulator '"
                    + config.simulator.type() + "' takes " + names.size() + " (" + String.join(", ", names)
                    + "); give the prior one entry per parameter");
        }
        if (!prior.parameterNames().equals(names)) {
            prior = new RenamedPrior(prior, names);
        }
        return new Simulation(simulator.product(), simFound.component(),
                typed(config.simulator.type(), simulator.settings()), prior,
                priorFound == null ? null : priorFound.component(), priorNode);
    }

    /**
     * The simulator and the prior of a config, built and checked.
     *
     * @param simulator the simulator
     * @param simulatorComponent where the simulator came from
     * @param simulatorNode the simulator as the resolved config writes it (type and every setting)
     * @param prior the prior (the configured one, or the simulator's own), named as the simulator's parameters
     * @param priorComponent where a configured prior came from; {@code null} for the simulator's own prior
     * @param priorNode the prior as the resolved config writes it
     */
    public record Simulation(Simulator simulator, PluginComponent simulatorComponent, ObjectNode simulatorNode,
                             Prior prior, PluginComponent priorComponent, ObjectNode priorNode) {
    }

    /**
     * Builds a sampler from its spec.
     *
     * @param spec {@code type:} and settings
     * @return the sampler and its bound settings
     */
    public Built<Sampler> sampler(ComponentSpec spec) {
        return build(registry.sampler(spec.type()).factory(), spec.settings(), "sampler '" + spec.type() + "'");
    }

    /**
     * Refuses a sampler in front of a posterior that samples directly, on a simulator without a likelihood: such a
     * posterior's density is normalised (or absent), so without a likelihood a sampler has nothing to add.
     *
     * @param simulator the simulator
     * @param samplerName the sampler's config name
     * @param simulatorName the simulator's config name
     * @return the likelihood
     */
    static Likelihood requireLikelihood(Simulator simulator, String samplerName, String simulatorName) {
        if (simulator instanceof Likelihood likelihood) {
            return likelihood;
        }
        throw SbiException.userError("sampler '" + samplerName + "' (refine: " + samplerName + ") needs a simulator "
                + "with a tractable likelihood to refine this posterior, which samples directly, but simulator '"
                + simulatorName + "' has none; remove the sampler, choose a simulator with a likelihood (see 'sbi4j "
                + "plugins') or an estimator whose posterior is sampled through its density (nre)");
    }

    /**
     * Refuses, before any simulation, a sampler that cannot apply: in front of an estimator whose posteriors draw
     * directly it refines them with the simulator's likelihood, which must exist; a sampler that needs gradients
     * needs the prior's, and the likelihood's when it refines. (A posterior drawn through its density is checked
     * again once fitted, by {@code SampledPosterior}.)
     */
    private static void checkSampler(Sampler sampler, String samplerName, Estimator estimator, Prior prior,
                                     Simulator simulator, String simulatorName) {
        boolean ownDensity = estimator.posteriorsNeedSampler();
        Likelihood likelihood = ownDensity ? null : requireLikelihood(simulator, samplerName, simulatorName);
        if (sampler.needsGradient() && !(prior.hasGradient() && (likelihood == null || likelihood.hasGradient()))) {
            throw SampledPosterior.gradientRefused(samplerName, prior.hasGradient()
                    ? "the simulator's likelihood has none" : "the prior has none");
        }
    }

    private static void checkCapabilities(Estimator estimator, RunConfig config, Simulator simulator) {
        Set<Capability> missing = EnumSet.noneOf(Capability.class);
        for (Capability c : estimator.requirements()) {
            if (!c.isProvidedBy(simulator)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw SbiException.userError("estimator '" + config.estimator.type() + "' needs " + missing
                    + " but simulator '" + config.simulator.type() + "' does not provide "
                    + (missing.size() == 1 ? "it" : "them") + "; choose an estimator that needs only simulations "
                    + "or a simulator with " + (missing.contains(Capability.LIKELIHOOD) ? "a tractable likelihood"
                    : "gradients"));
        }
        estimator.checkSimulator(simulator);
    }

    private <S extends Settings, T> Built<T> build(ComponentFactory<S, T> factory, Map<String, Object> settings,
                                                  String context) {
        S bound = SettingsBinder.bind(Json.mapper().valueToTree(settings), factory.settingsType(), context);
        try {
            return new Built<>(factory.create(bound, pluginContext), bound);
        } catch (IllegalArgumentException e) {
            throw SbiException.userError(context + ": " + e.getMessage());
        }
    }

    private static ObjectNode typed(String type, Settings settings) {
        ObjectNode node = Json.mapper().createObjectNode().put("type", type);
        node.setAll(SettingsBinder.toNode(settings));
        return node;
    }

    /**
     * A component with the settings it was built from.
     *
     * @param product the component
     * @param settings its bound settings
     * @param <T> the component type
     */
    public record Built<T>(T product, Settings settings) {
    }
}
