package org.sbi4j.simulators.lensing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.api.Prior;

/**
 * The lensing evaluation's two steps outside the estimators (driven by {@code scripts/lensing-eval}), for the
 * default 21-parameter, 64×64, σ = 1 simulator:
 * <ul>
 *   <li>{@code lenses DIR COUNT SEED}: draws COUNT held-out lenses θ* from the default prior and their noisy
 *   images x₀ at SEED, and writes {@code DIR/lensNN.csv} (an observation file: pixel names, one row),
 *   {@code DIR/truth.csv} (θ* per lens) and {@code DIR/floor.csv}: the noise floor per lens, the reduced χ² of the
 *   noise-free image at the true θ* against x₀, (1/N²) Σ (M(θ*) − x₀)²/σ², which is the mean of N² squared
 *   standard normals (≈ 1 ± 0.022).</li>
 *   <li>{@code score DIR RUN_DIR ROW_NAME}: for every lens NN, reads the posterior draws {@code RUN_DIR/obsNN/
 *   samples.csv} (the output of {@code sbi4j run} with the lens files as observations, in order; a run over the
 *   first lenses only is scored on those) and computes the
 *   reduced χ² of the noise-free image at every draw against x₀; prints one row: the mean χ² over all draws and
 *   lenses, the sd over draws (pooled within lenses), the sd and min/max over lenses of the per-lens mean, and
 *   the number of draws with an invalid image (left out); writes {@code RUN_DIR/chi2.csv} per lens.</li>
 * </ul>
 * The tool is deterministic: SEED fixes the lenses, the draws come from the run's own seed.
 */
public final class LensingEvaluation {

    private LensingEvaluation() {
    }

    /**
     * Entry point; prints a usage paragraph and exits with status 2 on bad arguments.
     *
     * @param args {@code lenses DIR COUNT SEED} or {@code score DIR RUN_DIR ROW_NAME}
     */
    public static void main(String[] args) {
        try {
            if (args.length == 4 && args[0].equals("lenses")) {
                System.out.println(lenses(Path.of(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3])));
                return;
            }
            if (args.length == 4 && args[0].equals("score")) {
                System.out.println(score(Path.of(args[1]), Path.of(args[2]), args[3]));
                return;
            }
        } catch (NumberFormatException e) {
            // falls through to the usage message
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            System.err.println("lensing-eval: " + e.getMessage());
            System.exit(1);
        }
        System.err.println("lensing-eval: usage: 'lenses DIR COUNT SEED' writes COUNT held-out lenses drawn from the "
                + "default prior at SEED; 'score DIR RUN_DIR ROW_NAME' scores the posterior draws in RUN_DIR/obsNN/"
                + "samples.csv against them. COUNT and SEED are integers.");
        System.exit(2);
    }

    /** A generator from a seed, for the prior draws and the noise. */
    private static UniformRandomProvider rng(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return random::nextLong;
    }

    static String lenses(Path dir, int count, long seed) throws IOException {
        if (count < 1 || count > 99) {
            throw new IllegalArgumentException("COUNT = " + count + " must be in 1..99");
        }
        LensingSimulator simulator = new LensingSimulator();
        Prior prior = simulator.defaultPrior().orElseThrow();
        Files.createDirectories(dir);
        UniformRandomProvider rng = rng(seed);
        List<String> truth = new ArrayList<>();
        truth.add(String.join(",", simulator.parameterNames()));
        List<String> floor = new ArrayList<>(List.of("lens,floor"));
        double[] floors = new double[count];
        String header = String.join(",", simulator.dataNames());
        for (int k = 1; k <= count; k++) {
            double[][] theta;
            double[] x;
            do {
                theta = prior.sample(1, rng);
                x = simulator.simulate(theta, rng).data()[0];
            } while (!Arrays.stream(x).allMatch(Double::isFinite));
            Files.write(dir.resolve(String.format(Locale.ROOT, "lens%02d.csv", k)), List.of(header, row(x)));
            truth.add(row(theta[0]));
            floors[k - 1] = simulator.reducedChiSquare(theta[0], x);
            floor.add(k + "," + floors[k - 1]);
        }
        Files.write(dir.resolve("truth.csv"), truth);
        Files.write(dir.resolve("floor.csv"), floor);
        double mean = Arrays.stream(floors).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(floors).map(f -> (f - mean) * (f - mean)).sum() / Math.max(1, count - 1));
        return String.format(Locale.ROOT, "floor lenses=%d chi2-mean=%.4f sd-over-lenses=%.4f lens-range=[%.4f, %.4f]",
                count, mean, sd, Arrays.stream(floors).min().orElseThrow(), Arrays.stream(floors).max().orElseThrow());
    }

    static String score(Path dir, Path runDir, String name) throws IOException {
        LensingSimulator simulator = new LensingSimulator();
        List<String> out = new ArrayList<>(List.of("lens,mean,sd,min,draws,invalid"));
        List<Double> lensMeans = new ArrayList<>();
        double pooledSq = 0;
        int pooledN = 0;
        int invalid = 0;
        for (int k = 1; Files.exists(dir.resolve(String.format(Locale.ROOT, "lens%02d.csv", k))); k++) {
            double[] x = read(dir.resolve(String.format(Locale.ROOT, "lens%02d.csv", k))).get(0);
            Path samples = runDir.resolve(String.format(Locale.ROOT, "obs%02d", k)).resolve("samples.csv");
            if (!Files.exists(samples)) {
                if (k > 1) {
                    break; // a run over the first k - 1 lenses
                }
                throw new IllegalArgumentException(samples + " is missing: run the lens files as observations, "
                        + "in order");
            }
            List<double[]> draws = read(samples);
            double sum = 0;
            double sq = 0;
            double min = Double.POSITIVE_INFINITY;
            int n = 0;
            int bad = 0;
            for (double[] theta : draws) {
                double c = simulator.reducedChiSquare(theta, x);
                if (!Double.isFinite(c)) {
                    bad++;
                    continue;
                }
                sum += c;
                sq += c * c;
                min = Math.min(min, c);
                n++;
            }
            double mean = sum / n;
            double var = Math.max(0, sq / n - mean * mean);
            pooledSq += var * n;
            pooledN += n;
            invalid += bad;
            lensMeans.add(mean);
            out.add(String.format(Locale.ROOT, "%d,%.5f,%.5f,%.5f,%d,%d", k, mean, Math.sqrt(var), min, n, bad));
        }
        if (lensMeans.isEmpty()) {
            throw new IllegalArgumentException("no lens files lensNN.csv in " + dir);
        }
        Files.write(runDir.resolve("chi2.csv"), out);
        double mean = lensMeans.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double between = Math.sqrt(lensMeans.stream().mapToDouble(m -> (m - mean) * (m - mean)).sum()
                / Math.max(1, lensMeans.size() - 1));
        double lo = lensMeans.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = lensMeans.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return String.format(Locale.ROOT, "%s lenses=%d chi2-mean=%.4f sd-over-draws=%.4f sd-over-lenses=%.4f "
                + "lens-range=[%.4f, %.4f] invalid-draws=%d", name, lensMeans.size(), mean,
                Math.sqrt(pooledSq / pooledN), between, lo, hi, invalid);
    }

    private static String row(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(values[i]);
        }
        return sb.toString();
    }

    /** The numeric rows of a CSV file with one header line. */
    private static List<double[]> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
            }
        }
        return rows;
    }
}
