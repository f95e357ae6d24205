package org.sbi4j.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one-line {@code key=value;key=value…} text of an architecture spec in a model file. */
final class SpecText {

    private SpecText() {
    }

    /** Joins ordered pairs into one line. */
    static String encode(Map<String, String> properties) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** Splits {@link #encode}'s line back into ordered pairs (keys and values trimmed). */
    static Map<String, String> decode(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("bad spec entry '" + part + "'");
            }
            out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }

    /** Layer widths as {@code 64,64}. */
    static String widths(int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            sb.append(i == 0 ? "" : ",").append(widths[i]);
        }
        return sb.toString();
    }

    /** Parses {@link #widths(int[])}. */
    static int[] widths(String text) {
        return text.isEmpty() ? new int[0]
                : Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}
