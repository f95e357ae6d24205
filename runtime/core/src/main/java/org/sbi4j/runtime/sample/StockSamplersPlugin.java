package org.sbi4j.runtime.sample;

import java.util.List;
import org.sbi4j.api.Sampler;
import org.sbi4j.spi.Plugin;
import org.sbi4j.spi.PluginContext;
import org.sbi4j.spi.SamplerFactory;
import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/** The samplers that come with the runtime: {@code importance-sampling}. */
public final class StockSamplersPlugin implements Plugin {

    @Override
    public List<SamplerFactory<?>> samplerFactories() {
        return List.of(new Importance());
    }

    /** Settings of {@code importance-sampling}. */
    public static final class ImportanceSettings implements Settings {
        @Setting("proposal draws in the first round per observation")
        public int minProposals = 10_000;

        @Setting("the most proposal draws per observation; drawing stops earlier once the effective sample size "
                + "reaches the number of samples asked for")
        public int maxProposals = 1_000_000;

        @Override
        public void validate() {
            if (minProposals < 2) {
                throw new IllegalArgumentException("min-proposals = " + minProposals + " must be at least 2");
            }
            if (maxProposals < minProposals) {
                throw new IllegalArgumentException("max-proposals = " + maxProposals
                        + " must be at least min-proposals = " + minProposals);
            }
        }
    }

    private static final class Importance implements SamplerFactory<ImportanceSettings> {
        @Override
        public String name() {
            return "importance-sampling";
        }

        @Override
        public String description() {
            return "reweigh draws of the trained posterior by prior × likelihood / posterior density and resample "
                    + "(needs a likelihood); reports the effective sample size and the evidence";
        }

        @Override
        public Class<ImportanceSettings> settingsType() {
            return ImportanceSettings.class;
        }

        @Override
        public Sampler create(ImportanceSettings settings, PluginContext context) {
            return new ImportanceSampler(settings.minProposals, settings.maxProposals);
        }
    }
}
