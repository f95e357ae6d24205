package org.sbi4j.estimators.fmpe;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.sbi4j.nn.TrainingConfig;
import org.sbi4j.testing.ConjugateGaussian;

/**
 * The measurement behind {@link TestFmpeDensityAccuracy} and the density table of docs/benchmarks.md: fits the
 * conjugate Gaussian under each configuration given and prints the mean |log q − log p| at the three observations
 * of that test, at the fitted tolerance and again at dopri5 1e-7 (to separate training from solver error). Runs
 * only on request, e.g.
 * {@code mvn -pl plugins-estimators/fmpe test -Dtest=FmpeDensitySweep -Dsbi4j.fmpe.sweep='n=4000,alpha=0;n=50000,alpha=0,batch=1000,lr=1e-3,epochs=300'}
 * (keys: n, seed, hidden, blocks, epochs, sigma, alpha, batch, lr, schedule, patience; unset keys keep
 * {@link TestFmpeDensityAccuracy#field()}; output in target/surefire-reports).
 */
class FmpeDensitySweep {

    @Test
    @EnabledIfSystemProperty(named = "sbi4j.fmpe.sweep", matches = ".+")
    void sweep() {
        for (String config : System.getProperty("sbi4j.fmpe.sweep").split(";")) {
            FmpeSettings s = TestFmpeDensityAccuracy.field();
            int n = 4000;
            long seed = 5;
            for (String pair : config.split(",")) {
                String[] kv = pair.split("=", 2);
                String value = kv[1].trim();
                switch (kv[0].trim()) {
                    case "n" -> n = Integer.parseInt(value);
                    case "seed" -> seed = Long.parseLong(value);
                    case "hidden" -> s.hiddenFeatures = Integer.parseInt(value);
                    case "blocks" -> s.blocks = Integer.parseInt(value);
                    case "epochs" -> s.maxEpochs = Integer.parseInt(value);
                    case "sigma" -> s.sigmaMin = Double.parseDouble(value);
                    case "alpha" -> s.timePriorExponent = Double.parseDouble(value);
                    case "batch" -> s.batchSize = Integer.parseInt(value);
                    case "lr" -> s.learningRate = Double.parseDouble(value);
                    case "patience" -> s.patience = Integer.parseInt(value);
                    case "schedule" -> s.schedule = TrainingConfig.Schedule.valueOf(value.toUpperCase(Locale.ROOT));
                    default -> throw new IllegalArgumentException("unknown key " + kv[0]);
                }
            }
            long start = System.nanoTime();
            FmpePosterior posterior = Fits.fit(Fits.simulate(ConjugateGaussian.standard(), n, seed), s, seed, 1);
            System.out.printf("%s: fit %.1f s%n", config, (System.nanoTime() - start) / 1e9);
            TestFmpeDensityAccuracy.meanAbsoluteError(posterior);
            s.rtol = 1e-7;
            s.atol = 1e-7;
            TestFmpeDensityAccuracy.meanAbsoluteError(posterior);
        }
    }
}
