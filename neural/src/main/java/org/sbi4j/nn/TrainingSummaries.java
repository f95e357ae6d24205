package org.sbi4j.nn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.api.ModelReader;
import org.sbi4j.api.ModelWriter;
import org.sbi4j.api.TrainingSummary;

/**
 * Writes a {@link TrainingSummary} into a model file as properties under a prefix ({@code prefix/epochs},
 * {@code prefix/training-loss}, {@code prefix/validation-loss}, {@code prefix/statistics}) and reads it back;
 * shared by the neural estimators' posteriors.
 */
public final class TrainingSummaries {

    private TrainingSummaries() {
    }

    /**
     * Saves a summary.
     *
     * @param out destination
     * @param prefix property prefix, e.g. {@code "summary"}
     * @param summary the summary
     * @throws IOException when writing fails
     */
    public static void write(ModelWriter out, String prefix, TrainingSummary summary) throws IOException {
        out.putProperty(prefix + "/epochs", Integer.toString(summary.epochs()));
        out.putProperty(prefix + "/training-loss", encode(summary.trainingLoss()));
        out.putProperty(prefix + "/validation-loss", encode(summary.validationLoss()));
        StringBuilder stats = new StringBuilder();
        for (Map.Entry<String, Double> e : summary.statistics().entrySet()) {
            stats.append(stats.length() == 0 ? "" : ";").append(e.getKey()).append('=').append(e.getValue());
        }
        out.putProperty(prefix + "/statistics", stats.toString());
    }

    /**
     * Restores what {@link #write} saved.
     *
     * @param reader source
     * @param prefix property prefix used when writing
     * @param model the model's name for messages, e.g. {@code "npe"}
     * @return the summary
     * @throws IOException when an entry is missing or malformed
     */
    public static TrainingSummary read(ModelReader reader, String prefix, String model) throws IOException {
        try {
            return new TrainingSummary(Integer.parseInt(reader.property(prefix + "/epochs")),
                    decode(reader.property(prefix + "/training-loss")),
                    decode(reader.property(prefix + "/validation-loss")),
                    decodeStatistics(reader.property(prefix + "/statistics")));
        } catch (NumberFormatException e) {
            throw new IOException(model + " model has a malformed training summary: " + e.getMessage(), e);
        }
    }

    private static String encode(List<Double> values) {
        StringBuilder sb = new StringBuilder();
        for (Double v : values) {
            sb.append(sb.length() == 0 ? "" : ",").append(v);
        }
        return sb.toString();
    }

    private static List<Double> decode(String text) {
        List<Double> out = new ArrayList<>();
        if (!text.isBlank()) {
            for (String part : text.split(",")) {
                out.add(Double.parseDouble(part.trim()));
            }
        }
        return out;
    }

    private static Map<String, Double> decodeStatistics(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!text.isBlank()) {
            for (String part : text.split(";")) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    throw new NumberFormatException("bad statistic '" + part + "'");
                }
                out.put(part.substring(0, eq), Double.parseDouble(part.substring(eq + 1)));
            }
        }
        return out;
    }
}
