package org.sbi4j.runtime.simulate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What the simulations of a {@link SimulationStore} are: the simulator and the prior (type and every setting, as
 * the resolved config writes them), the plugins that provide them with their versions, the master seed, the batch
 * size and the random stream. Two jobs with the same identity draw the same numbers for the same batch index, so
 * their batches can be mixed; any difference makes a store unusable for the other job.
 *
 * @param simulator the simulator: {@code type} and every setting
 * @param simulatorPlugin the plugin class that provides the simulator
 * @param simulatorPluginVersion its version
 * @param prior the prior: {@code type} and every setting ({@code {type: default}}: the simulator's own)
 * @param priorPlugin the plugin class that provides the prior
 * @param priorPluginVersion its version
 * @param seed the master seed
 * @param batchSize simulations per batch
 * @param stream the name of the random stream
 * @param parameters the parameter names (the columns of {@code theta.npy})
 * @param data the data names (the columns of {@code x.npy})
 */
public record StoreIdentity(JsonNode simulator, String simulatorPlugin, String simulatorPluginVersion,
                            JsonNode prior, String priorPlugin, String priorPluginVersion, long seed, int batchSize,
                            String stream, List<String> parameters, List<String> data) {

    /** Checks the arguments. */
    public StoreIdentity {
        requireNonNull(simulator, "simulator is null");
        requireNonNull(prior, "prior is null");
        requireNonNull(stream, "stream is null");
        parameters = List.copyOf(parameters);
        data = List.copyOf(data);
    }

    /**
     * What differs between the identity of a store and this one, in words.
     *
     * @param stored the identity recorded in the store's manifest
     * @return one phrase per difference ({@code "seed: the store has 42, this job 7"}); empty when they match
     */
    public List<String> differencesFrom(StoreIdentity stored) {
        List<String> out = new ArrayList<>();
        settings("simulator", stored.simulator, simulator, out);
        settings("prior", stored.prior, prior, out);
        same("simulator plugin", stored.simulatorPlugin + " " + stored.simulatorPluginVersion,
                simulatorPlugin + " " + simulatorPluginVersion, out);
        same("prior plugin", stored.priorPlugin + " " + stored.priorPluginVersion,
                priorPlugin + " " + priorPluginVersion, out);
        same("seed", stored.seed, seed, out);
        same("simulation.batch-size", stored.batchSize, batchSize, out);
        same("random stream", stored.stream, stream, out);
        same("parameter names", stored.parameters, parameters, out);
        same("data names", stored.data, data, out);
        return out;
    }

    private static void settings(String what, JsonNode stored, JsonNode mine, List<String> out) {
        String storedType = text(stored.get("type"));
        String myType = text(mine.get("type"));
        if (!Objects.equals(storedType, myType)) {
            out.add(what + ": the store has '" + storedType + "', this job '" + myType + "'");
            return;
        }
        TreeSet<String> keys = new TreeSet<>();
        stored.fieldNames().forEachRemaining(keys::add);
        mine.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            JsonNode a = stored.get(key);
            JsonNode b = mine.get(key);
            if (!Objects.equals(a, b)) {
                out.add(what + "." + key + ": the store has " + a + ", this job " + b);
            }
        }
    }

    private static void same(String what, Object stored, Object mine, List<String> out) {
        if (!Objects.equals(stored, mine)) {
            out.add(what + ": the store has " + stored + ", this job " + mine);
        }
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.asText();
    }
}
