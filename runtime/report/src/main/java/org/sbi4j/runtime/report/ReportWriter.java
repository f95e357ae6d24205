package org.sbi4j.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.sbi4j.api.ErrorType;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.Json;
import org.sbi4j.runtime.io.AtomicWrite;
import org.sbi4j.runtime.plot.Figure;

/**
 * Writes the diagnostics of a model to a folder: {@code diagnostics.json} for machines, a self-contained
 * {@code report.html} for people (pictures inline), and every picture as PNG and SVG under {@code plots/}.
 */
public final class ReportWriter {
    /** The machine-readable file. */
    public static final String JSON_FILE = "diagnostics.json";
    /** The page for people. */
    public static final String HTML_FILE = "report.html";
    /** The folder of the pictures. */
    public static final String PLOTS_FOLDER = "plots";

    private ReportWriter() {
    }

    /**
     * Writes everything.
     *
     * @param directory the output folder (created when missing)
     * @param outcome the report and its pictures
     * @param resolvedConfig the fully resolved run config, shown in the report, or {@code null}
     * @return the path of report.html
     */
    public static Path write(Path directory, Diagnostician.Outcome outcome, JsonNode resolvedConfig) {
        try {
            for (Map.Entry<String, Figure> e : outcome.figures().entrySet()) {
                e.getValue().write(directory.resolve(PLOTS_FOLDER), e.getKey());
            }
            byte[] json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(outcome.report());
            AtomicWrite.write(directory.resolve(JSON_FILE), out -> out.write(json));
            String html = HtmlReport.render(outcome.report(), outcome.figures(), resolvedConfig);
            Path page = directory.resolve(HTML_FILE);
            AtomicWrite.write(page, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
            return page;
        } catch (IOException e) {
            throw new SbiException(ErrorType.EXTERNAL, "cannot write the diagnostics to " + directory + ": "
                    + e.getMessage(), e);
        }
    }
}
