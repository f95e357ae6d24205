package org.sbi4j.spi;

import org.sbi4j.api.Sampler;

/**
 * Builds a {@link Sampler} from its settings; a config selects it with {@code sampler: {type: <name>}}.
 *
 * @param <S> the settings type
 */
@Experimental(eta = "2027-06-30")
public interface SamplerFactory<S extends Settings> extends ComponentFactory<S, Sampler> {
}
