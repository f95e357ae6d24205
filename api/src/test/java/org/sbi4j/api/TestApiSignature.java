package org.sbi4j.api;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sbi4j.spi.Experimental;

/**
 * Guards the published API: one line per public type and per public or protected member of the packages
 * {@code org.sbi4j.api}, {@code org.sbi4j.api.prior} and {@code org.sbi4j.spi}, compared with the checked-in
 * {@code api/api-signature.txt}. Run with {@code -Dsbi4j.api.update=true} to rewrite the file after a reviewed
 * change.
 */
class TestApiSignature {
    private static final List<String> PACKAGES = List.of("org.sbi4j.api", "org.sbi4j.api.prior", "org.sbi4j.spi");
    private static final String UPDATE = "sbi4j.api.update";

    @Test
    void publicApiMatchesTheCheckedInSignature() throws Exception {
        Path base = Path.of(System.getProperty("basedir", "."));
        Path file = base.resolve("api-signature.txt");
        List<String> actual = signature(base.resolve("target/classes"));
        if (Boolean.getBoolean(UPDATE)) {
            Files.write(file, actual, StandardCharsets.UTF_8);
            return;
        }
        List<String> expected = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        SortedSet<String> removed = new TreeSet<>(expected);
        actual.forEach(removed::remove);
        SortedSet<String> added = new TreeSet<>(actual);
        expected.forEach(added::remove);
        if (removed.isEmpty() && added.isEmpty()) {
            return;
        }
        StringBuilder diff = new StringBuilder("the public API differs from ").append(file.normalize())
                .append(" (").append(removed.size()).append(" removed, ").append(added.size()).append(" added):\n")
                .append("--- api-signature.txt (checked in)\n+++ compiled classes\n");
        removed.forEach(line -> diff.append("- ").append(line).append('\n'));
        added.forEach(line -> diff.append("+ ").append(line).append('\n'));
        diff.append("Review the change (a removed or changed line breaks plugins built against the API), then "
                + "regenerate the file with: mvn -pl api test -D" + UPDATE + "=true");
        fail(diff.toString());
    }

    /** The sorted signature lines of the public types compiled into {@code classes}. */
    private static List<String> signature(Path classes) throws IOException, ClassNotFoundException {
        SortedSet<String> lines = new TreeSet<>();
        for (String pkg : PACKAGES) {
            Path dir = classes.resolve(pkg.replace('.', '/'));
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(p -> p.toString().endsWith(".class")).toList();
            }
            for (Path f : files) {
                String simple = f.getFileName().toString().replace(".class", "");
                if (simple.equals("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(pkg + "." + simple, false, TestApiSignature.class.getClassLoader());
                if (isPublished(type)) {
                    describe(type, lines);
                }
            }
        }
        return new ArrayList<>(lines);
    }

    /** A public type whose enclosing types are public too (nested types are listed from their own class file). */
    private static boolean isPublished(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static void describe(Class<?> type, SortedSet<String> lines) {
        String name = type.getName();
        lines.add(name + " type " + type.toGenericString() + supertypes(type) + experimental(type));
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c)) {
                lines.add(name + " constructor " + c.toGenericString() + experimental(c));
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m) && !m.isSynthetic() && !m.isBridge()) {
                lines.add(name + " method " + m.toGenericString() + (m.isDefault() ? " [default]" : "")
                        + experimental(m));
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f) && !f.isSynthetic()) {
                lines.add(name + " field " + f.toGenericString() + experimental(f));
            }
        }
    }

    private static String supertypes(Class<?> type) {
        StringBuilder out = new StringBuilder();
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
                && !type.isRecord()) {
            out.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        List<String> interfaces = new ArrayList<>();
        for (var i : type.getGenericInterfaces()) {
            interfaces.add(i.getTypeName());
        }
        if (!interfaces.isEmpty()) {
            out.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
        }
        return out.toString();
    }

    private static boolean visible(Member member) {
        int modifiers = member.getModifiers();
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String experimental(java.lang.reflect.AnnotatedElement element) {
        Experimental e = element.getAnnotation(Experimental.class);
        return e == null ? "" : " @Experimental(eta=" + e.eta() + ")";
    }
}
