package org.sbi4j.spi;

/**
 * Marker for a component's settings class.
 *
 * <p>A settings class has a public no-argument constructor and one public, non-final field per setting,
 * annotated with {@link Setting}; the field's initial value is the default. Field {@code tMax} is written
 * {@code t-max} in a config file. Supported field types: {@code boolean}, {@code int}, {@code long},
 * {@code double}, {@code String}, enums, {@code double[]}, {@code int[]} and {@code List<String>}.
 */
public interface Settings {

    /**
     * Checks the values after binding; throw {@link IllegalArgumentException} with a message that names the
     * setting, the bad value and the allowed range.
     */
    default void validate() {
    }
}
