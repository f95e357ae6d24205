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
 * A {@link TrainingSummary} as model-file properties: {@code summary/epochs}, {@code summary/training-loss} and
 * {@code summary/validation-loss} (comma-separated) and {@code summary/statistics} ({@code key=value;…}).
 */
public final class SavedSummary {

    private SavedSummary() {
    }

    /**
     * Writes the summary.
     *
     * @param out destination
     * @param summary what training did
     * @throws IOException when writing fails
     */
    public static void write(ModelWriter out, TrainingSummary summary) throws IOException {
        out.putProperty("summary/epochs", Integer.toString(summary.epochs()));
        out.putProperty("summary/training-loss", encode(summary.trainingLoss()));
        out.putProperty("summary/validation-loss", encode(summary.validationLoss()));
        StringBuilder stats = new StringBuilder();
        for (Map.Entry<String, Double> e : summary.statistics().entrySet()) {
            stats.append(stats.length() == 0 ? "" : ";").append(e.getKey()).append('=').append(e.getValue());
        }
        out.putProperty("summary/statistics", stats.toString());
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @param reader source
     * @param estimator the estimator's name, for messages
     * @return the summary
     * @throws IOException when an entry is missing or malformed
     */
    public static TrainingSummary read(ModelReader reader, String estimator) throws IOException {
        try {
            return new TrainingSummary(Integer.parseInt(reader.property("summary/epochs")),
                    decode(reader.property("summary/training-loss")),
                    decode(reader.property("summary/validation-loss")),
                    decodeStatistics(reader.property("summary/statistics")));
        } catch (NumberFormatException e) {
            throw new IOException(estimator + " model has a malformed training summary: " + e.getMessage(), e);
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
