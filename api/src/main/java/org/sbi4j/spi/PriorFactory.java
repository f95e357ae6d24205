package org.sbi4j.spi;

import org.sbi4j.api.Prior;

/**
 * Builds a {@link Prior} from its settings, so that a config can replace a simulator's default prior.
 *
 * @param <S> the settings type
 */
public interface PriorFactory<S extends Settings> extends ComponentFactory<S, Prior> {
}
