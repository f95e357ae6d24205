package org.sbi4j.spi;

import org.sbi4j.api.Simulator;

/**
 * Builds a {@link Simulator} from its settings.
 *
 * @param <S> the settings type
 */
public interface SimulatorFactory<S extends Settings> extends ComponentFactory<S, Simulator> {
}
