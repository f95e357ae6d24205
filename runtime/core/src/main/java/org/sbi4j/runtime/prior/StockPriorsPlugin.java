package org.sbi4j.runtime.prior;

import java.util.ArrayList;
import java.util.List;
import org.sbi4j.api.Prior;
import org.sbi4j.api.prior.BoxUniformPrior;
import org.sbi4j.api.prior.LogNormalPrior;
import org.sbi4j.api.prior.NormalPrior;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.PriorFactory;
import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/** The stock priors of the API, selectable from a config: {@code box-uniform}, {@code normal}, {@code log-normal}. */
public final class StockPriorsPlugin implements Plugin {

    @Override
    public List<PriorFactory<?>> priorFactories() {
        return List.of(new BoxUniform(), new Normal(), new LogNormal());
    }

    /** Settings of {@code box-uniform}. */
    public static final class BoxSettings implements Settings {
        @Setting("lower bound per parameter")
        public double[] low = new double[0];
        @Setting("upper bound per parameter")
        public double[] high = new double[0];
        @Setting("parameter names; empty means the simulator's names")
        public List<String> names = new ArrayList<>();
    }

    /** Settings of {@code normal}. */
    public static final class NormalSettings implements Settings {
        @Setting("mean per parameter")
        public double[] mean = new double[0];
        @Setting("standard deviation per parameter (positive)")
        public double[] sd = new double[0];
        @Setting("parameter names; empty means the simulator's names")
        public List<String> names = new ArrayList<>();
    }

    /** Settings of {@code log-normal}. */
    public static final class LogNormalSettings implements Settings {
        @Setting("mean of log θ per parameter")
        public double[] mu = new double[0];
        @Setting("standard deviation of log θ per parameter (positive)")
        public double[] sigma = new double[0];
        @Setting("parameter names; empty means the simulator's names")
        public List<String> names = new ArrayList<>();
    }

    private static final class BoxUniform implements PriorFactory<BoxSettings> {
        @Override
        public String name() {
            return "box-uniform";
        }

        @Override
        public String description() {
            return "independent uniform distributions on [low, high]";
        }

        @Override
        public Class<BoxSettings> settingsType() {
            return BoxSettings.class;
        }

        @Override
        public Prior create(BoxSettings s, PluginContext context) {
            return new BoxUniformPrior(s.low, s.high, s.names);
        }
    }

    private static final class Normal implements PriorFactory<NormalSettings> {
        @Override
        public String name() {
            return "normal";
        }

        @Override
        public String description() {
            return "independent normal distributions N(mean, sd²)";
        }

        @Override
        public Class<NormalSettings> settingsType() {
            return NormalSettings.class;
        }

        @Override
        public Prior create(NormalSettings s, PluginContext context) {
            return new NormalPrior(s.mean, s.sd, s.names);
        }
    }

    private static final class LogNormal implements PriorFactory<LogNormalSettings> {
        @Override
        public String name() {
            return "log-normal";
        }

        @Override
        public String description() {
            return "independent log-normal distributions, log θ ~ N(mu, sigma²)";
        }

        @Override
        public Class<LogNormalSettings> settingsType() {
            return LogNormalSettings.class;
        }

        @Override
        public Prior create(LogNormalSettings s, PluginContext context) {
            return new LogNormalPrior(s.mu, s.sigma, s.names);
        }
    }
}
