package org.sbi4j.runtime.plugin;

/**
 * The parent of every plugin class loader: it shows a plugin the SPI packages of the host (so that the
 * plugin's {@code Plugin} is the host's {@code Plugin}) and the JDK, and nothing else of the host's class
 * path, so plugins can bring their own versions of any library.
 */
final class SpiClassLoader extends ClassLoader {
    private static final String[] SHARED_PACKAGES = {"org.sbi4j.api.", "org.sbi4j.spi."};
    /** The Commons RNG client API (package {@code org.apache.commons.rng} only) is part of the SPI. */
    private static final String RNG_API_PACKAGE = "org.apache.commons.rng";

    private final ClassLoader host;

    SpiClassLoader(ClassLoader host) {
        super("sbi4j-spi", ClassLoader.getPlatformClassLoader());
        this.host = host;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return host.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    static boolean isShared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        int lastDot = className.lastIndexOf('.');
        return lastDot > 0 && className.substring(0, lastDot).equals(RNG_API_PACKAGE);
    }
}
