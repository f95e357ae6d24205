package org.sbi4j.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sbi4j.api.ReferenceData;
import org.sbi4j.api.SbiException;
import org.sbi4j.api.Simulator;
import org.sbi4j.runtime.config.ObservationSpec;
import org.sbi4j.runtime.io.Csv;

/** Reads the observations of a config (files, inline values, a simulator's reference observations) and checks them. */
final class ObservationReader {
    private final Simulator simulator;
    private final String simulatorName;

    ObservationReader(Simulator simulator, String simulatorName) {
        this.simulator = simulator;
        this.simulatorName = simulatorName;
    }

    List<ResolvedRun.NamedObservation> read(List<ObservationSpec> specs) {
        List<ResolvedRun.NamedObservation> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ObservationSpec spec = specs.get(i);
            String name = spec.name != null ? spec.name : String.format("obs%02d", i + 1);
            double[] values;
            boolean iid = Boolean.TRUE.equals(spec.iid);
            if (iid && spec.file == null) {
                throw SbiException.userError("observations[" + i + "]: iid: true marks the rows of a file as i.i.d. "
                        + "observations of one θ; give the rows in a CSV file (file: ...)");
            }
            if (iid) {
                double[][] set = Csv.readObservationSet(Path.of(spec.file), simulator.dataNames());
                out.add(new ResolvedRun.NamedObservation(name, set[0], 0, set));
                continue;
            }
            if (spec.file != null) {
                values = Csv.readObservation(Path.of(spec.file), simulator.dataNames());
            } else if (spec.values != null) {
                values = Csv.checkWidth(spec.values.stream().mapToDouble(Double::doubleValue).toArray(),
                        simulator.dataNames(), "observations[" + i + "].values");
            } else {
                values = reference(i, spec.reference);
                if (spec.name == null) {
                    name = String.format("ref%02d", spec.reference);
                }
            }
            out.add(new ResolvedRun.NamedObservation(name, values, spec.reference == null ? 0 : spec.reference));
        }
        return out;
    }

    private double[] reference(int index, int number) {
        ReferenceData ref = simulator.referenceData().orElseThrow(() -> SbiException.userError(
                "observations[" + index + "] asks for reference observation " + number + " but simulator '"
                        + simulatorName + "' has no reference data (only benchmark tasks whose data "
                        + "folder is present have them); give a file or values instead"));
        if (number < 1 || number > ref.observationCount()) {
            throw SbiException.userError("observations[" + index + "]: reference " + number
                    + " does not exist; simulator '" + simulatorName + "' has reference observations 1 to "
                    + ref.observationCount());
        }
        return ref.observation(number);
    }
}
