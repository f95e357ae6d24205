package org.sbi4j.runtime.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.sbi4j.runtime.Json;
import org.sbi4j.runtime.diagnostics.CalibrationReport;
import org.sbi4j.runtime.diagnostics.RatioRoc;
import org.sbi4j.runtime.diagnostics.SbcResult;
import org.sbi4j.runtime.plot.Figure;

/**
 * Renders a {@link DiagnosticsReport} as one self-contained HTML page: no external files, scripts or fonts; the
 * pictures are inline PNGs. A short script records, after loading, how many pictures rendered
 * ({@code <body data-images-ok>}) and the page height ({@code data-height}), for headless-browser checks.
 */
final class HtmlReport {
    private static final String STYLE = """
            body{font-family:-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;margin:0;color:#1d2330;
            background:#f6f7f9;line-height:1.45}
            main{max-width:1180px;margin:0 auto;padding:24px 32px 48px}
            header{background:#1f3a5f;color:#fff;padding:22px 32px}
            header h1{margin:0;font-size:24px;font-weight:600}
            header p{margin:6px 0 0;opacity:.85;font-size:14px}
            section{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:18px 22px;margin:18px 0}
            h2{font-size:19px;margin:0 0 12px;color:#1f3a5f}
            h3{font-size:16px;margin:18px 0 8px}
            table{border-collapse:collapse;margin:8px 0 12px;font-size:13.5px}
            th,td{border-bottom:1px solid #e4e7eb;padding:4px 10px;text-align:right}
            th:first-child,td:first-child{text-align:left}
            th{background:#f0f2f5;font-weight:600}
            ul.findings{list-style:none;padding:0;margin:0}
            ul.findings li{padding:6px 10px;margin:4px 0;border-radius:5px;font-size:14px}
            .PROBLEM{background:#fde8e8;border-left:5px solid #c62828}
            .WARNING{background:#fff6e0;border-left:5px solid #e0a000}
            .OK{background:#e9f6ec;border-left:5px solid #2e7d32}
            .SKIPPED{background:#f0f2f5;border-left:5px solid #9aa3ad;color:#555}
            .badge{display:inline-block;min-width:72px;font-weight:600;font-size:12px;text-transform:uppercase}
            .summary{font-size:15px;margin:0 0 10px}
            figure{display:inline-block;margin:8px 12px 8px 0;vertical-align:top}
            figure img{max-width:100%;border:1px solid #e4e7eb;border-radius:4px;background:#fff}
            figcaption{font-size:12.5px;color:#555;margin-top:4px;max-width:640px}
            pre{background:#f0f2f5;padding:12px;border-radius:6px;font-size:12.5px;overflow-x:auto}
            .muted{color:#666;font-size:13px}
            """;
    private static final String SCRIPT = """
            <script>
            window.addEventListener('load', function () {
              var images = document.images, ok = 0;
              for (var i = 0; i < images.length; i++) {
                if (images[i].complete && images[i].naturalWidth > 0) { ok++; }
              }
              document.body.setAttribute('data-images', String(images.length));
              document.body.setAttribute('data-images-ok', String(ok));
              document.body.setAttribute('data-height', String(Math.ceil(document.documentElement.scrollHeight)));
            });
            </script>
            """;

    private HtmlReport() {
    }

    static String render(DiagnosticsReport report, Map<String, Figure> figures, JsonNode resolvedConfig) {
        Html h = new Html();
        String title = "sbi4j report: " + report.simulator() + " × " + report.estimator();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .raw(Html.escape(title)).raw("</title>\n<style>").raw(STYLE).raw("</style>\n</head>\n<body>\n");
        h.raw("<header><h1>").raw(Html.escape(title)).raw("</h1><p>")
                .raw(Html.escape("sbi4j " + report.sbi4jVersion() + " · seed " + report.seed() + " · refinement: "
                        + report.refinement() + " · " + report.simulations().valid() + " training simulations"))
                .raw("</p></header>\n<main>\n");
        verdict(h, report);
        training(h, report, figures);
        calibration(h, report.calibration(), figures);
        chains(h, report, figures);
        for (ObservationReport o : report.observations()) {
            observation(h, o, figures);
        }
        config(h, resolvedConfig);
        h.raw("</main>\n").raw(SCRIPT).raw("</body>\n</html>\n");
        return h.toString();
    }

    private static void verdict(Html h, DiagnosticsReport report) {
        long problems = count(report, Finding.Level.PROBLEM);
        long warnings = count(report, Finding.Level.WARNING);
        h.raw("<section id=\"verdict\"><h2>Verdict</h2>\n");
        String summary = problems == 0 && warnings == 0
                ? "Every check that ran passed."
                : problems + " problem" + (problems == 1 ? "" : "s") + " and " + warnings + " warning"
                + (warnings == 1 ? "" : "s") + " — read them before trusting the posterior.";
        h.element("p", "summary", summary);
        h.raw("<ul class=\"findings\">\n");
        for (Finding f : report.findings()) {
            h.raw("<li class=\"" + f.level() + "\"><span class=\"badge\">" + f.level().name().toLowerCase()
                    + "</span> <b>" + Html.escape(f.topic()) + ":</b> " + Html.escape(f.message()) + "</li>\n");
        }
        h.raw("</ul></section>\n");
    }

    private static long count(DiagnosticsReport report, Finding.Level level) {
        return report.findings().stream().filter(f -> f.level() == level).count();
    }

    private static void training(Html h, DiagnosticsReport report, Map<String, Figure> figures) {
        h.raw("<section id=\"training\"><h2>Training</h2>\n");
        var sims = report.simulations();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("simulations requested", Long.toString(sims.requested())));
        rows.add(List.of("simulations kept", Long.toString(sims.valid())));
        rows.add(List.of("simulations dropped (NaN/∞ or failed)", Long.toString(sims.invalid())));
        rows.add(List.of("simulation time (s)", Html.number(sims.seconds())));
        rows.add(List.of("epochs", Integer.toString(report.training().epochs())));
        report.training().statistics().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> rows.add(List.of(e.getKey(), Html.number(e.getValue()))));
        h.table(List.of("quantity", "value"), rows);
        figure(h, figures, "loss", "Training and validation loss per epoch; the marked epoch is the one kept.");
        if (report.ratioCheck() != null) {
            var r = report.ratioCheck();
            h.raw("<h3>Ratio classifier: ROC check</h3>\n");
            h.element("p", "muted", "A fresh classifier against the learned ratio (Hermans et al. 2020): joint pairs "
                    + "(θ, x) against marginal pairs weighted by r̂(x | θ). AUC 0.5 when r̂ is exact; above "
                    + RatioRoc.AUC_WARNING + " it is mis-estimated.");
            h.table(List.of("joint pairs", "weighted marginal pairs (effective)", "AUC", "± s.e."),
                    List.of(List.of(Integer.toString(r.jointPairs()), Html.number(r.marginalEffectiveSize()),
                            Html.number(r.auc()), Html.number(r.standardError()))));
        }
        h.raw("</section>\n");
    }

    /** The Markov chains of every observation drawn by chains, with the trace plots of the first. */
    private static void chains(Html h, DiagnosticsReport report, Map<String, Figure> figures) {
        List<ObservationReport> drawn = report.observations().stream().filter(o -> o.chains() != null).toList();
        if (drawn.isEmpty()) {
            return;
        }
        ChainSummary first = drawn.get(0).chains();
        h.raw("<section id=\"chains\"><h2>Markov chains</h2>\n");
        h.element("p", "muted", "The samples were drawn by " + first.sampler() + " with " + first.chains()
                + " chains of " + first.drawsPerChain() + " kept draws. R-hat (rank-normalised, split) above 1.01 "
                + "means the chains disagree; the effective sample size counts the independent draws they are "
                + "worth.");
        List<String> header = new ArrayList<>(List.of("observation", "parameter", "R-hat", "effective sample size"));
        header.addAll(List.of("acceptance rate", "divergences"));
        List<List<String>> rows = new ArrayList<>();
        for (ObservationReport o : drawn) {
            ChainSummary c = o.chains();
            for (int j = 0; j < c.parameters().size(); j++) {
                rows.add(List.of(j == 0 ? o.name() : "", c.parameters().get(j), Html.number(c.rHat()[j]),
                        Html.number(c.effectiveSampleSize()[j]),
                        j == 0 && c.acceptanceRate() != null ? Html.number(c.acceptanceRate()) : "",
                        j == 0 && c.divergences() != null ? Html.number(c.divergences()) : ""));
            }
        }
        h.table(header, rows);
        figure(h, figures, drawn.get(0).name() + "-trace", "Trace plots of " + drawn.get(0).name() + ": chains that "
                + "overlap have mixed; chains on separate levels are stuck in different modes.");
        h.raw("</section>\n");
    }

    private static void calibration(Html h, CalibrationReport c, Map<String, Figure> figures) {
        h.raw("<section id=\"calibration\"><h2>Calibration over the prior</h2>\n");
        if (c == null) {
            h.element("p", "muted", "Skipped (diagnostics.sbc and diagnostics.coverage are 0).");
            h.raw("</section>\n");
            return;
        }
        h.element("p", "muted", c.simulations() + " parameter draws from the prior, each simulated and answered with "
                + c.draws() + " posterior draws. A calibrated posterior gives uniform SBC ranks and coverage on the "
                + "diagonal.");
        SbcResult sbc = c.sbc();
        if (sbc != null) {
            h.raw("<h3>Simulation-based calibration</h3>\n");
            List<List<String>> rows = new ArrayList<>();
            for (int j = 0; j < sbc.parameterNames().size(); j++) {
                rows.add(List.of(sbc.parameterNames().get(j), Html.number(sbc.pValues()[j]),
                        Html.number(sbc.ksPValues()[j]), Html.number(sbc.meanNormalisedRanks()[j]),
                        sbc.verdicts().get(j).phrase()));
            }
            h.table(List.of("parameter", "χ² p-value", "KS p-value", "mean rank / L", "verdict"), rows);
            figure(h, figures, "sbc-ranks", "SBC rank histograms with the 99% band of a uniform histogram.");
        }
        if (c.coverage() != null) {
            h.raw("<h3>Expected coverage and TARP</h3>\n");
            h.element("p", null, c.coverage().sentence());
            h.element("p", null, c.tarp().sentence());
            figure(h, figures, "coverage", "Empirical coverage of credible regions against their credibility level.");
            figure(h, figures, "tarp", "TARP expected coverage probability (Lemos et al. 2023).");
        }
        h.raw("</section>\n");
    }

    private static void observation(Html h, ObservationReport o, Map<String, Figure> figures) {
        h.raw("<section id=\"" + Html.escape(o.name()) + "\"><h2>Observation " + Html.escape(o.name()) + "</h2>\n");
        StringBuilder x = new StringBuilder("x₀ = (");
        for (int i = 0; i < Math.min(o.observation().length, 12); i++) {
            x.append(i == 0 ? "" : ", ").append(Html.number(o.observation()[i]));
        }
        x.append(o.observation().length > 12 ? ", … " + o.observation().length + " values)" : ")");
        h.element("p", "muted", x.toString());
        List<List<String>> rows = new ArrayList<>();
        for (ObservationReport.ParameterSummary p : o.posterior()) {
            rows.add(List.of(p.name(), Html.number(p.mean()), Html.number(p.sd()), Html.number(p.q05()),
                    Html.number(p.median()), Html.number(p.q95()), Html.number(p.truth())));
        }
        h.table(List.of("parameter", "mean", "sd", "5%", "median", "95%", "true value"), rows);
        figure(h, figures, o.name() + "-corner", "Posterior samples" + (o.c2st() != null ? " with the reference" : "")
                + (o.truth() != null ? "; lines mark the true parameters" : "") + ".");
        if (o.c2st() != null) {
            h.raw("<h3>Against the " + Html.escape(o.referenceSource()) + "</h3>\n");
            var d = o.distances();
            h.table(List.of("C2ST", "MMD", "KL(reference ‖ posterior), nats", "Wasserstein-1", "Wasserstein-2",
                            "Wasserstein method"),
                    List.of(List.of(Html.number(o.c2st()), Html.number(d.mmd().mmd()), Html.number(d.kl().nats()),
                            Html.number(d.wasserstein().w1()), Html.number(d.wasserstein().w2()),
                            d.wasserstein().method())));
            if (o.exactKl() != null) {
                h.element("p", null, String.format(java.util.Locale.ROOT, "KL(true posterior ‖ trained posterior) from "
                        + "both densities: %.4f ± %.4f nats over %d reference draws.", o.exactKl().nats(),
                        o.exactKl().standardError(), o.exactKl().draws()));
            }
        }
        if (o.importance() != null) {
            var is = o.importance();
            h.raw("<h3>Importance sampling</h3>\n");
            h.table(List.of("proposals", "effective sample size", "sample efficiency", "log evidence", "± s.e.",
                            "zero weights"),
                    List.of(List.of(Integer.toString(is.proposals()), Html.number(is.effectiveSampleSize()),
                            Html.number(is.sampleEfficiency()), Html.number(is.logEvidence()),
                            Html.number(is.logEvidenceStandardError()), Integer.toString(is.zeroWeights()))));
        }
        if (o.predictive() != null) {
            h.raw("<h3>Posterior predictive check</h3>\n");
            h.element("p", null, o.predictive().verdict());
        figure(h, figures, o.name() + "-predictive", "Data simulated at posterior draws (bands) and the observation.");
        }
        h.raw("</section>\n");
    }

    private static void config(Html h, JsonNode resolvedConfig) {
        if (resolvedConfig == null) {
            return;
        }
        h.raw("<section id=\"config\"><h2>Resolved configuration</h2>\n<pre>");
        try {
            h.raw(Html.escape(Json.yaml().writeValueAsString(resolvedConfig)));
        } catch (JsonProcessingException e) {
            h.raw(Html.escape(resolvedConfig.toString()));
        }
        h.raw("</pre></section>\n");
    }

    private static void figure(Html h, Map<String, Figure> figures, String name, String caption) {
        Figure f = figures.get(name);
        if (f != null) {
            h.figure(f.pngDataUri(), name, caption);
        }
    }
}
