package org.sbi4j.estimators.lwf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.sbi4j.api.Estimator;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.Posterior;
import org.sbi4j.api.Prior;
import org.sbi4j.api.SimulationResult;
import org.sbi4j.api.Simulations;
import org.sbi4j.api.Simulator;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.estimators.npe.NpeEstimatorFactory;
import org.sbi4j.estimators.npe.NpeSettings;
import org.sbi4j.runtime.diagnostics.KlDivergence;
import org.sbi4j.runtime.diagnostics.Wasserstein;
import org.sbi4j.simulators.mixtures.ExactPosterior;
import org.sbi4j.simulators.mixtures.OffsetMixtureSimulator;
import org.sbi4j.simulators.mixtures.SignSymmetricSimulator;
import org.sbi4j.testing.SeededFitContext;
import org.sbi4j.testing.SeededRandom;

/**
 * Not a test (surefire does not run it): the measurement behind the multimodal table of {@code
 * docs/benchmarks.md}. For each task, 5 observations drawn from the prior predictive (seed 7) and four
 * estimators — the likelihood-weighted flow with a Gaussian base, with a mixture base of the true K, with
 * {@code components: auto}, and NPE on simulations — it prints KL(p ‖ q) from the exact densities (± its Monte
 * Carlo s.e.), W1 and W2 against exact posterior samples, and the bridge mass of q and of the exact posterior
 * itself. Run it with {@code scripts/lwf-multimodal [single|amortised] [draws] [budget] [task ...]}.
 *
 * <p>Bridge mass: the probability q puts where the exact density is below 1 % of its largest value (the max over
 * 10,000 exact draws and the mode centres), estimated from 10,000 draws of q. Outside that level set lie the
 * valleys between the modes (the bridges) and the far tails; a single isotropic Gaussian mode has 1 % of its mass
 * there in 2-D and 2.7 % in 3-D (χ² tails at 2 ln 100), so the exact posterior's own value is the baseline and
 * only the excess over it counts against q.
 *
 * <p>{@code -Dlwf.methods=a,b} picks the likelihood-weighted variants (empty: none, NPE only); {@code
 * -Dlwf.npe-simulations.TASK=N} gives NPE N simulations on that task instead of the variants' likelihood
 * evaluations; {@code -Dlwf.skip-npe=true} leaves NPE out.
 *
 * <p>{@code -Dlwf.epochs=true} prints every epoch's training and validation loss. {@code -Dlwf.debug=true}
 * prints, per observation, the eight exact draws with the largest log p − log q (where
 * the KL comes from).
 */
public final class MultimodalComparison {
    private static final int DRAWS = 10_000;
    private static final int OBSERVATIONS = 5;

    private MultimodalComparison() {
    }

    /** A task with its exact posterior. */
    private record Task(String name, Simulator simulator, int modes, Function<double[], ExactPosterior> exact) {
    }

    /** The metrics of one estimator over the observations. */
    private record Row(String task, String method, double kl, double klSe, double w1, double w2, double bridge,
                       double exactBridge, double evaluations, double seconds, String components) {
    }

    /**
     * Runs the comparison and prints a markdown table.
     *
     * @param args mode ({@code single}: one non-amortised fit per observation, the default; {@code amortised}: one
     *     fit on {@code budget} simulated observations), draws per observation and round (default 3000 single, 128
     *     amortised), budget (amortised training observations, default 1000), then task names (default all four).
     *     NPE gets as many simulations as the mixture runs used likelihood evaluations in total.
     */
    public static void main(String[] args) {
        boolean amortised = args.length > 0 && args[0].equals("amortised");
        int draws = args.length > 1 ? Integer.parseInt(args[1]) : amortised ? 128 : 3000;
        int budget = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        List<String> names = args.length > 3 ? Arrays.asList(args).subList(3, args.length) : List.of();
        List<Task> tasks = new ArrayList<>();
        OffsetMixtureSimulator ring = OffsetMixtureSimulator.ring(4, 3, 0.3, 6);
        tasks.add(new Task("ring-of-modes", ring, 4, ring::posterior));
        SignSymmetricSimulator sign2 = new SignSymmetricSimulator(2, 0.1, 3);
        tasks.add(new Task("sign-symmetric-2d", sign2, 4, sign2::posterior));
        SignSymmetricSimulator sign3 = new SignSymmetricSimulator(3, 0.1, 3);
        tasks.add(new Task("sign-symmetric-3d", sign3, 8, sign3::posterior));
        OffsetMixtureSimulator cube = OffsetMixtureSimulator.cubeCorners(8, 2, 0.3, 6);
        tasks.add(new Task("cube-corners", cube, 8, cube::posterior));
        List<Row> rows = new ArrayList<>();
        for (Task task : tasks) {
            if (!names.isEmpty() && !names.contains(task.name())) {
                continue;
            }
            Prior prior = task.simulator().defaultPrior().orElseThrow();
            double[][] thetaStar = prior.sample(OBSERVATIONS, SeededRandom.of(7, "observations"));
            double[][] xs = task.simulator().simulate(thetaStar, SeededRandom.of(7, "observation-noise")).data();
            Simulations bank = amortised ? simulate(task.simulator(), prior, budget, "bank") : null;
            double evaluations = 0;
            for (String method : System.getProperty("lwf.methods", "gaussian,mixture-true-k,mixture-auto").split(",")) {
                if (method.isBlank()) {
                    continue;
                }
                Row row = evaluate(task, (amortised ? "amortised " : "") + method, o -> {
                    LwfSettings settings = new LwfSettings();
                    settings.draws = draws;
                    settings.base = method.equals("gaussian") ? BaseType.GAUSSIAN : BaseType.MIXTURE;
                    settings.components = method.equals("mixture-true-k") ? Integer.toString(task.modes()) : "auto";
                    if (!amortised) {
                        settings.observation = xs[o].clone();
                    }
                    override(settings, System.getProperty("lwf.set", ""));
                    return new LwfEstimatorFactory().create(settings, () -> java.nio.file.Path.of(""));
                }, bank, xs, amortised);
                rows.add(row);
                evaluations = Math.max(evaluations, row.evaluations());
                System.out.println(format(row));
            }
            if (Boolean.getBoolean("lwf.skip-npe")) {
                continue;
            }
            int n = Integer.getInteger("lwf.npe-simulations." + task.name(), (int) evaluations);
            Simulations npeBank = simulate(task.simulator(), prior, n, "npe-bank");
            Row row = evaluate(task, "npe", o -> new NpeEstimatorFactory().create(new NpeSettings(),
                    () -> java.nio.file.Path.of("")), npeBank, xs, true);
            rows.add(row);
            System.out.println(format(row));
        }
        System.out.println();
        System.out.println("| task | estimator | K | KL(p‖q) nats (± s.e.) | W1 | W2 | bridge mass q | bridge mass exact "
                + "| likelihood evaluations / simulations | fit s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.println(format(r));
        }
    }

    /** Applies {@code -Dlwf.set=field=value,field=value} (Java field names; numbers, booleans, enum constants) to the settings. */
    private static void override(LwfSettings settings, String text) {
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            try {
                java.lang.reflect.Field field = LwfSettings.class.getField(kv[0].trim());
                if (field.getType() == int.class) {
                    field.setInt(settings, Integer.parseInt(kv[1].trim()));
                } else if (field.getType() == boolean.class) {
                    field.setBoolean(settings, Boolean.parseBoolean(kv[1].trim()));
                } else if (field.getType().isEnum()) {
                    field.set(settings, Enum.valueOf(field.getType().asSubclass(Enum.class),
                            kv[1].trim().toUpperCase(Locale.ROOT)));
                } else {
                    field.setDouble(settings, Double.parseDouble(kv[1].trim()));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot set " + part, e);
            }
        }
    }

    private static Simulations simulate(Simulator simulator, Prior prior, int n, String stream) {
        double[][] theta = prior.sample(n, SeededRandom.of(11, stream + "-prior"));
        SimulationResult result = SeededFitContext.of(11).withSimulator(simulator).simulate(stream, theta);
        return new Simulations(theta, result.data(), 0);
    }

    private static Row evaluate(Task task, String method, java.util.function.IntFunction<Estimator> estimators,
                                Simulations bank, double[][] xs, boolean amortised) {
        double seconds = 0;
        double evaluations = 0;
        String components = "";
        Posterior shared = null;
        Posterior[] posteriors = new Posterior[xs.length];
        for (int o = 0; o < xs.length; o++) {
            if (amortised && shared != null) {
                posteriors[o] = shared;
                continue;
            }
            long start = System.nanoTime();
            Posterior q = estimators.apply(o).fit(new InferenceProblem(task.simulator().defaultPrior().orElseThrow(),
                    task.simulator(), amortised ? bank : null), SeededFitContext.of(3).withSimulator(task.simulator())
                    .withThreads(2).withListener(new TrainingListener() {
                        @Override
                        public void onMessage(String message) {
                            System.err.println(task.name() + " " + method + ": " + message);
                        }

                        @Override
                        public void onEpoch(int epoch, double trainLoss, double validationLoss) {
                            if (Boolean.getBoolean("lwf.epochs")) {
                                System.err.printf(Locale.ROOT, "%s %s: epoch %d train %.4f validation %.4f%n",
                                        task.name(), method, epoch, trainLoss, validationLoss);
                            }
                        }
                    }));
            seconds += (System.nanoTime() - start) / 1e9;
            var stats = q.trainingSummary().statistics();
            Double used = stats.get("likelihood-evaluations");
            evaluations += used != null ? used : bank.size();
            if (stats.containsKey("components") && method.contains("mixture")) {
                components += (components.isEmpty() ? "" : ",") + stats.get("components").intValue();
            }
            posteriors[o] = q;
            shared = q;
        }
        double kl = 0;
        double klVar = 0;
        double w1 = 0;
        double w2 = 0;
        double bridge = 0;
        double exactBridge = 0;
        for (int o = 0; o < xs.length; o++) {
            double[] x = xs[o];
            ExactPosterior exact = task.exact().apply(x);
            double[][] p = exact.sample(DRAWS, SeededRandom.of(5, "exact-" + o));
            double[] logP = new double[DRAWS];
            double logMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < DRAWS; i++) {
                logP[i] = exact.logDensity(p[i]);
                logMax = Math.max(logMax, logP[i]);
            }
            for (double[] centre : exact.modeCentres()) {
                logMax = Math.max(logMax, exact.logDensity(centre));
            }
            double[] logQ = posteriors[o].logDensity(p, x);
            KlDivergence.DensityEstimate estimate = KlDivergence.fromDensities(logP, logQ);
            if (Boolean.getBoolean("lwf.debug")) {
                Integer[] order = new Integer[DRAWS];
                for (int i = 0; i < DRAWS; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> Double.compare(logP[b] - logQ[b], logP[a] - logQ[a]));
                for (int r = 0; r < 8; r++) {
                    int i = order[r];
                    System.err.printf(Locale.ROOT, "  worst %d: θ %s log p %.2f log q %.2f%n", r,
                            Arrays.toString(p[i]), logP[i], logQ[i]);
                }
            }
            kl += estimate.nats() / xs.length;
            System.err.printf(Locale.ROOT, "%s %s: observation %d %s: KL %.4f%n", task.name(), method, o,
                    Arrays.toString(x), estimate.nats());
            klVar += estimate.standardError() * estimate.standardError() / (xs.length * xs.length);
            Posterior q = posteriors[o];
            double[][] draws = q.sample(x, DRAWS, SeededRandom.of(5, "q-" + o));
            Wasserstein.Result w = Wasserstein.compute(draws, p, 13);
            w1 += w.w1() / xs.length;
            w2 += w.w2() / xs.length;
            double threshold = logMax + Math.log(0.01);
            int outside = 0;
            int exactOutside = 0;
            for (int i = 0; i < DRAWS; i++) {
                outside += exact.logDensity(draws[i]) < threshold ? 1 : 0;
                exactOutside += logP[i] < threshold ? 1 : 0;
            }
            bridge += outside / (double) DRAWS / xs.length;
            exactBridge += exactOutside / (double) DRAWS / xs.length;
        }
        return new Row(task.name(), method, kl, Math.sqrt(klVar), w1, w2, bridge, exactBridge, evaluations, seconds,
                components.isEmpty() ? "–" : components);
    }

    private static String format(Row r) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %.3f ± %.3f | %.3f | %.3f | %.4f | %.4f | %.0f | %.0f |",
                r.task(), r.method(), r.components(), r.kl(), r.klSe(), r.w1(), r.w2(), r.bridge(), r.exactBridge(),
                r.evaluations(), r.seconds());
    }
}
