package org.sbi4j.runtime.simulate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;

/**
 * The class loader of a backend's folder ({@code lib-<name>}): child-first, except for the packages the backend
 * shares with the runtime (sbi4j's, slf4j's and Jackson's, and the JDK's), which come from the application.
 *
 * <p>A backend's folder holds many jars (Spark's: about 140, 70,000 classes), and {@link URLClassLoader} looks for
 * a class in each jar in turn, so loading the few thousand classes a Spark context needs cost a second of CPU in
 * look-ups alone. This loader reads the jars' entry lists once and keeps, for each package, the jars that hold it
 * (in the folder's order), so a class is looked for only where its package is; the jar that defines it is the one
 * the plain search would have found first. Resources are found as {@link URLClassLoader} finds them.
 */
final class BackendClassLoader extends URLClassLoader {
    private static final List<String> SHARED = List.of("java.", "javax.", "jdk.", "sun.", "org.sbi4j.",
            "org.slf4j.", "com.fasterxml.jackson.");

    static {
        registerAsParallelCapable();
    }

    private final List<JarFile> jars = new ArrayList<>();
    private final List<CodeSource> sources = new ArrayList<>();
    /** Package (with '/' separators) → indices in {@link #jars} of the jars holding classes of it, in order. */
    private final Map<String, int[]> packages = new HashMap<>();

    /**
     * @param name the backend's name
     * @param jarFiles the folder's jars, in the order they are searched
     * @param parent the application's class loader
     * @throws UncheckedIOException when a jar cannot be read
     */
    BackendClassLoader(String name, List<Path> jarFiles, ClassLoader parent) {
        super("sbi4j-backend-" + name, urls(jarFiles), parent);
        Map<String, List<Integer>> index = new HashMap<>();
        try {
            for (Path file : jarFiles) {
                JarFile jar = new JarFile(file.toFile(), false, ZipFile.OPEN_READ, JarFile.runtimeVersion());
                int j = jars.size();
                jars.add(jar);
                sources.add(new CodeSource(file.toUri().toURL(), (CodeSigner[]) null));
                String last = null;
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    String entry = entries.nextElement().getName();
                    if (!entry.endsWith(".class") || (last != null && entry.startsWith(last)
                            && entry.indexOf('/', last.length()) < 0)) {
                        continue; // entries come grouped by folder: most are in the folder of the one before
                    }
                    String dir = directory(entry);
                    last = dir.isEmpty() ? "" : dir + "/";
                    List<Integer> holders = index.computeIfAbsent(versionless(dir), d -> new ArrayList<>(1));
                    if (holders.isEmpty() || holders.get(holders.size() - 1) != j) {
                        holders.add(j);
                    }
                }
            }
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException("cannot read the backend jar list of " + name + ": " + e.getMessage(), e);
        }
        index.forEach((dir, list) -> packages.put(dir, list.stream().mapToInt(Integer::intValue).toArray()));
    }

    private static URL[] urls(List<Path> jarFiles) {
        URL[] urls = new URL[jarFiles.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jarFiles.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return urls;
    }

    /** A multi-release jar's {@code META-INF/versions/N/a/b} is the package folder {@code a/b}. */
    private static String versionless(String dir) {
        if (!dir.startsWith("META-INF/versions/")) {
            return dir;
        }
        int slash = dir.indexOf('/', "META-INF/versions/".length());
        return slash < 0 ? "" : dir.substring(slash + 1);
    }

    private static String directory(String entry) {
        int slash = entry.lastIndexOf('/');
        return slash < 0 ? "" : entry.substring(0, slash);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                boolean shared = SHARED.stream().anyMatch(name::startsWith);
                type = shared ? parentThenOwn(name) : ownThenParent(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    private Class<?> parentThenOwn(String name) throws ClassNotFoundException {
        try {
            return getParent().loadClass(name);
        } catch (ClassNotFoundException e) {
            return findClass(name);
        }
    }

    private Class<?> ownThenParent(String name) throws ClassNotFoundException {
        Class<?> own = findOwn(name);
        return own != null ? own : getParent().loadClass(name);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> own = findOwn(name);
        if (own == null) {
            throw new ClassNotFoundException(name);
        }
        return own;
    }

    /** The class from the first jar that holds it, or {@code null} when none does. */
    private Class<?> findOwn(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/') + ".class";
        int[] candidates = packages.get(directory(path));
        if (candidates == null) {
            return null;
        }
        for (int j : candidates) {
            JarFile jar = jars.get(j);
            JarEntry entry = jar.getJarEntry(path);
            if (entry == null) {
                continue;
            }
            try (InputStream in = jar.getInputStream(entry)) {
                byte[] bytes = in.readAllBytes();
                definePackage(name, jar, j);
                return defineClass(name, bytes, 0, bytes.length, sources.get(j));
            } catch (IOException e) {
                throw new ClassNotFoundException(name + " (cannot read " + jar.getName() + ")", e);
            }
        }
        return null;
    }

    private void definePackage(String className, JarFile jar, int j) throws IOException {
        int dot = className.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        String pkg = className.substring(0, dot);
        if (getDefinedPackage(pkg) != null) {
            return;
        }
        Manifest manifest = jar.getManifest();
        try {
            if (manifest != null) {
                definePackage(pkg, manifest, sources.get(j).getLocation());
            } else {
                definePackage(pkg, null, null, null, null, null, null, null);
            }
        } catch (IllegalArgumentException definedMeanwhile) {
            // another thread defined it first
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    @Override
    public void close() throws IOException {
        closeQuietly();
        super.close();
    }

    private void closeQuietly() {
        for (JarFile jar : jars) {
            try {
                jar.close();
            } catch (IOException ignored) {
                // read-only files
            }
        }
    }
}
