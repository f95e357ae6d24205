package org.sbi4j.spi;

/**
 * Builds one kind of component from typed settings. The name is stable, lowercase and hyphenated
 * ({@code two-moons}, {@code rejection-abc}); a config selects the factory with {@code type: <name>}.
 *
 * @param <S> the settings type: a class with a public no-argument constructor and public fields whose
 *     initial values are the defaults (see {@link Settings})
 * @param <T> what the factory builds
 */
public interface ComponentFactory<S extends Settings, T> {

    /** The stable name a config uses to select this factory. */
    String name();

    /** One sentence saying what the component is, shown by {@code sbi4j plugins}. */
    String description();

    /** The settings class; the runtime fills an instance from the config and validates it. */
    Class<S> settingsType();

    /**
     * Builds the component.
     *
     * @param settings validated settings
     * @param context where the runtime lives
     * @return the component
     */
    T create(S settings, PluginContext context);
}
