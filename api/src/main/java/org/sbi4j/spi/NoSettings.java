package org.sbi4j.spi;

/** Settings of a component that has none. */
public final class NoSettings implements Settings {
}
