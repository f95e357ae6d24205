/**
 * The diagnostics report: {@link org.sbi4j.runtime.report.Diagnostician} runs every check that applies to a
 * trained model and phrases the results as {@link org.sbi4j.runtime.report.Finding findings};
 * {@link org.sbi4j.runtime.report.ReportWriter} writes {@code diagnostics.json}, a self-contained
 * {@code report.html} and the plots.
 */
package org.sbi4j.runtime.report;
