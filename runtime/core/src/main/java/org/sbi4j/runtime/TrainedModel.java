package org.sbi4j.runtime;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SamplerResult;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulator;
import org.sbi4j.runtime.io.Csv;
import org.sbi4j.runtime.sample.ImportanceWeights;
import org.sbi4j.runtime.sample.SampledPosterior;
import org.sbi4j.runtime.simulate.Seeds;
import org.sbi4j.runtime.store.Manifest;
import org.sbi4j.runtime.store.ZipModelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fitted posterior with its provenance: answers any observation, and saves to a model zip.
 */
public final class TrainedModel {
    private static final Logger LOG = LoggerFactory.getLogger(TrainedModel.class);

    private final Posterior posterior;
    private final Prior prior;
    private final Simulator simulator;
    private final Manifest manifest;
    /** Observations already warned about as far outside the simulated data: one warning each. */
    private final Set<List<Double>> warnedFarOut = ConcurrentHashMap.newKeySet();

    /**
     * @param posterior the posterior, possibly behind a sampler
     * @param prior the prior it was trained with
     * @param simulator the simulator
     * @param manifest its provenance
     */
    public TrainedModel(Posterior posterior, Prior prior, Simulator simulator, Manifest manifest) {
        this.posterior = requireNonNull(posterior, "posterior is null");
        this.prior = requireNonNull(prior, "prior is null");
        this.simulator = requireNonNull(simulator, "simulator is null");
        this.manifest = requireNonNull(manifest, "manifest is null");
    }

    /** The posterior. */
    public Posterior posterior() {
        return posterior;
    }

    /** The prior it was trained with. */
    public Prior prior() {
        return prior;
    }

    /** The simulator it was trained on. */
    public Simulator simulator() {
        return simulator;
    }

    /** Provenance: plugins, versions, resolved config, seed, statistics. */
    public Manifest manifest() {
        return manifest;
    }

    /** The sampler applied to the trained posterior: {@code none}, or its name, e.g. {@code importance-sampling}. */
    public String refinement() {
        return posterior instanceof SampledPosterior sampled ? sampled.samplerName() : "none";
    }

    /** The fitted posterior without the sampler, which is what a model file stores. */
    public Posterior trainedPosterior() {
        return posterior instanceof SampledPosterior sampled ? sampled.trained() : posterior;
    }

    /** Names of the parameters, the columns of every sample. */
    public List<String> parameterNames() {
        return prior.parameterNames();
    }

    /**
     * Draws posterior samples for an observation. The same seed gives the same samples; {@code sbi4j run}
     * samples every observation with the run's seed.
     *
     * @param observation x₀ (checked against the simulator's data length)
     * @param n number of samples
     * @param seed the seed
     * @return an {@code n × d} array
     */
    public double[][] sample(double[] observation, int n, long seed) {
        return draw(observation, n, seed).samples();
    }

    /**
     * Draws posterior samples for an observation and keeps what the refinement learned on the way.
     *
     * @param observation x₀ (checked against the simulator's data length)
     * @param n number of samples
     * @param seed the seed
     * @return the samples, with the importance weights when the model refines by importance sampling
     */
    public Draws draw(double[] observation, int n, long seed) {
        if (n < 1) {
            throw SbiException.userError("the number of samples must be at least 1, got " + n);
        }
        Csv.checkWidth(observation, simulator.dataNames(), "the observation");
        requireTrainedFor(observation);
        RunSizes.requireSamples("the number of samples", n, prior.dimension());
        warnIfFarOut(observation);
        UniformRandomProvider rng = Seeds.random(seed, "posterior-samples", 0);
        SamplerResult sampling = null;
        double[][] samples;
        if (posterior instanceof SampledPosterior sampled) {
            sampling = sampled.draw(observation.clone(), n, rng);
            samples = sampling.samples();
        } else {
            samples = posterior.sample(observation.clone(), n, rng);
        }
        if (samples == null || samples.length != n) {
            throw new SbiException(ErrorType.INTERNAL_ERROR, "the posterior of estimator '"
                    + manifest.estimator().name() + "' returned " + (samples == null ? "null" : samples.length)
                    + " samples instead of " + n);
        }
        return new Draws(samples, sampling);
    }

    /**
     * Draws posterior samples for a set of i.i.d. observations of one θ; one row is an ordinary observation.
     *
     * @param observations the set, one row per observation (each checked against the simulator's data length)
     * @param n number of samples
     * @param seed the seed
     * @return the samples with what the sampler reported
     * @throws SbiException when the posterior cannot combine observations (it draws directly, as npe)
     */
    public Draws draw(double[][] observations, int n, long seed) {
        if (observations.length == 1) {
            return draw(observations[0], n, seed);
        }
        if (manifest.sequential() != null) {
            throw SbiException.userError("this model was trained in " + manifest.sequential().rounds().size()
                    + " sequential rounds for a single observation, so it cannot answer a set of "
                    + observations.length + " i.i.d. observations; train an amortised model (rounds: 1) for sets");
        }
        if (!(posterior instanceof SampledPosterior sampled) || !sampled.trained().needsSampler()) {
            throw SampledPosterior.iidRefused(trainedPosterior(), observations.length);
        }
        if (n < 1) {
            throw SbiException.userError("the number of samples must be at least 1, got " + n);
        }
        double[][] set = new double[observations.length][];
        for (int i = 0; i < set.length; i++) {
            set[i] = Csv.checkWidth(observations[i], simulator.dataNames(), "observation row " + (i + 1)).clone();
            warnIfFarOut(set[i]);
        }
        RunSizes.requireSamples("the number of samples", n, prior.dimension());
        SamplerResult sampling = sampled.draw(set, n, Seeds.random(seed, "posterior-samples", 0));
        return new Draws(sampling.samples(), sampling);
    }

    /**
     * Whether this model answers only the observation it was trained for (sequential rounds), not any observation.
     *
     * @return the manifest's record of that observation, or {@code null} for an amortised model
     */
    public Manifest.Sequential trainedFor() {
        return manifest.sequential();
    }

    /** Refuses an observation other than the one a sequentially trained posterior was trained for. */
    private void requireTrainedFor(double[] observation) {
        Manifest.Sequential sequential = manifest.sequential();
        if (sequential != null && !sequential.answers(observation)) {
            throw SbiException.userError("this model was trained in " + sequential.rounds().size() + " sequential "
                    + "rounds for the observation " + Arrays.toString(sequential.observation()) + " only: its later "
                    + "rounds simulated where that observation's posterior lies, so for another observation such as "
                    + Arrays.toString(observation) + " its answer is not a posterior. Sample it for the observation "
                    + "it was trained for, or train a model for this observation (the same config with this "
                    + "observation), or an amortised model with rounds: 1 that answers any observation");
        }
    }

    /** Warns (once per observation) when x₀ lies far outside the data the model was trained on. */
    private void warnIfFarOut(double[] observation) {
        FarObservation.warning(observation, manifest.data(), simulator.dataNames()).ifPresent(message -> {
            if (warnedFarOut.add(Arrays.stream(observation).boxed().toList())) {
                LOG.warn(message);
            }
        });
    }

    /**
     * Posterior samples of one observation.
     *
     * @param samples {@code n × d}
     * @param sampling what the sampler reported, or {@code null} when the trained posterior was sampled directly
     */
    public record Draws(double[][] samples, SamplerResult sampling) {

        /** The importance weights behind the samples, or {@code null} when the sampler did not weigh. */
        public ImportanceWeights weights() {
            if (sampling == null || sampling.weightedDraws() == null) {
                return null;
            }
            SamplerResult.WeightedDraws w = sampling.weightedDraws();
            return ImportanceWeights.fromLogWeights(w.theta(), w.logWeights());
        }
    }

    /**
     * Saves the model as a zip: manifest.json plus the posterior's arrays as .npy files.
     *
     * @param path the model file
     */
    public void save(Path path) {
        new ZipModelStore().save(trainedPosterior(), manifest, path);
    }
}
