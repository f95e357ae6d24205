package org.sbi4j.estimators.fmpe;

import java.lang.reflect.Field;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.sbi4j.testing.ConjugateGaussian;

/**
 * The measurement behind {@link TestFmpeDensityAccuracy} and the density table of docs/benchmarks.md: fits the
 * conjugate Gaussian under each configuration given and prints the mean |log q − log p| at the three observations
 * of that test, at the fitted tolerance and again at dopri5 1e-7 (to separate training from solver error). Runs
 * only on request, e.g.
 * {@code mvn -pl plugins-estimators/fmpe test -Dtest=FmpeDensitySweep
 * -Dsbi4j.fmpe.sweep='n=4000,time-prior-exponent=0;n=50000,time-prior-exponent=0,batch-size=1000,learning-rate=1e-3,max-epochs=300'}
 * (keys: n, seed and fmpe's config keys of numbers, booleans and choices; unset keys keep
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
                switch (kv[0].trim()) {
                    case "n" -> n = Integer.parseInt(kv[1].trim());
                    case "seed" -> seed = Long.parseLong(kv[1].trim());
                    default -> set(s, kv[0].trim(), kv[1].trim());
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

    /** Sets the settings field of a config key ({@code time-prior-exponent} → {@code timePriorExponent}). */
    private static void set(FmpeSettings settings, String key, String value) {
        StringBuilder name = new StringBuilder();
        for (String part : key.split("-")) {
            name.append(name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        try {
            Field field = FmpeSettings.class.getField(name.toString());
            Class<?> type = field.getType();
            if (type == int.class) {
                field.setInt(settings, Integer.parseInt(value));
            } else if (type == double.class) {
                field.setDouble(settings, Double.parseDouble(value));
            } else if (type == boolean.class) {
                field.setBoolean(settings, Boolean.parseBoolean(value));
            } else if (type.isEnum()) {
                field.set(settings, enumValue(type, value));
            } else {
                throw new IllegalArgumentException("cannot set " + key + " of type " + type);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("unknown setting " + key, e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String value) {
        return Enum.valueOf((Class) type, value.toUpperCase(Locale.ROOT));
    }
}
