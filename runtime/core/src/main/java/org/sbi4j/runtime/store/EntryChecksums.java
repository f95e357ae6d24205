package org.sbi4j.runtime.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.Json;

/**
 * The SHA-256 checksums a model's manifest records for its stored arrays (keyed by zip entry,
 * {@code arrays/<name>.npy}) and for the estimator's properties (key {@link #PROPERTIES}), and their check on
 * load. They detect a file edited or damaged after it was written; they are not a signature (anyone can
 * recompute them).
 */
public final class EntryChecksums {
    /** The key of the properties' checksum. */
    public static final String PROPERTIES = "properties";

    private EntryChecksums() {
    }

    /**
     * Computes the checksums of a model's content.
     *
     * @param entries zip entry name → stored bytes, for every array
     * @param properties the estimator's properties
     * @return entry → SHA-256 (hex), in name order
     */
    public static Map<String, String> of(Map<String, byte[]> entries, Map<String, String> properties) {
        Map<String, String> sums = new TreeMap<>();
        entries.forEach((entry, bytes) -> sums.put(entry, sha256(bytes)));
        sums.put(PROPERTIES, sha256(canonical(properties)));
        return sums;
    }

    /**
     * Checks a model's content against the checksums of its manifest.
     *
     * @param path the model file (for messages)
     * @param recorded the manifest's checksums
     * @param entries zip entry name → stored bytes, for every array found in the file
     * @param properties the manifest's properties
     * @throws SbiException a user error naming the first entry that differs, is missing or is not listed
     */
    public static void verify(Path path, Map<String, String> recorded, Map<String, byte[]> entries,
                              Map<String, String> properties) {
        Map<String, String> actual = of(entries, properties);
        for (String entry : new TreeSet<>(recorded.keySet())) {
            if (!actual.containsKey(entry)) {
                throw modified(path, "its manifest.json lists " + entry + " but the file holds no such entry");
            }
            if (!actual.get(entry).equalsIgnoreCase(recorded.get(entry))) {
                throw modified(path, (entry.equals(PROPERTIES) ? "the estimator's properties in its manifest.json do"
                        : "its entry " + entry + " does") + " not match the SHA-256 checksum recorded when it was written");
            }
        }
        for (String entry : actual.keySet()) {
            if (!recorded.containsKey(entry)) {
                throw modified(path, "it holds " + entry + ", which its manifest.json does not list");
            }
        }
    }

    private static SbiException modified(Path path, String why) {
        return SbiException.userError("model file " + path + " was modified or corrupted after it was written: "
                + why + ". Do not edit model files; re-create it with 'sbi4j train' (or 'sbi4j run').");
    }

    /** The properties as compact JSON in key order: the same map always gives the same bytes. */
    private static byte[] canonical(Map<String, String> properties) {
        try {
            return Json.mapper().writeValueAsString(new TreeMap<>(properties == null ? Map.of() : properties))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode model properties", e);
        }
    }

    /**
     * The SHA-256 of some bytes.
     *
     * @param bytes the bytes
     * @return the digest in lower-case hex
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
