package org.sbi4j.runtime.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.sbi4j.runtime.cli.Sbi4jCli;

/**
 * Runs the CLI in-process and captures its output.
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error
 */
public record Cli(int code, String out, String err) {

    /**
     * @param args the command-line arguments
     * @return the result
     */
    public static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Sbi4jCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Cli(code, out.toString(), err.toString());
    }
}
