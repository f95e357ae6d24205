package org.sbi4j.runtime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.Json;
import org.sbi4j.runtime.io.TextFiles;

/** Reads a YAML run config into a tree and applies {@code --set key=value} overrides to it. */
public final class ConfigFiles {
    private static final ObjectReader READER = Json.yaml().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'");
    private static final Pattern MALFORMED_NUMBER = Pattern.compile("^Malformed numeric value '(.*)'");

    private ConfigFiles() {
    }

    /**
     * Reads a YAML file.
     *
     * @param file the config file
     * @return its top-level mapping
     */
    public static ObjectNode read(Path file) {
        String text;
        try {
            text = TextFiles.decode(Files.readAllBytes(file), file);
        } catch (NoSuchFileException e) {
            throw SbiException.userError("config file " + file + " does not exist; check the path "
                    + "(relative paths are taken from the current directory), e.g. examples/two-moons.yaml");
        } catch (IOException e) {
            throw SbiException.userError("cannot read config file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /**
     * Parses YAML text.
     *
     * @param text the YAML
     * @param source where it came from, for messages
     * @return its top-level mapping
     */
    public static ObjectNode parse(String text, String source) {
        JsonNode node;
        try {
            refuseAliases(text, source);
            node = READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid(e, source);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw SbiException.userError("config " + source + " is empty; it needs at least "
                    + "'simulator: {type: ...}' and 'estimator: {type: ...}'");
        }
        if (!node.isObject()) {
            throw SbiException.userError("config " + source + " must be a mapping of keys to values, not a "
                    + node.getNodeType().toString().toLowerCase());
        }
        return (ObjectNode) node;
    }

    /**
     * Applies overrides of the form {@code a.b.c=value}; the value is read as YAML ({@code 5}, {@code true},
     * {@code [1, 2]}, or text). Numeric path segments index lists.
     *
     * @param config the tree to change in place
     * @param overrides the overrides, applied in order
     */
    public static void applyOverrides(ObjectNode config, List<String> overrides) {
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw SbiException.userError("--set '" + override + "' must look like key=value, "
                        + "e.g. --set simulation.budget=1000");
            }
            String key = override.substring(0, eq).trim();
            String[] path = key.split("\\.", -1);
            if (Arrays.asList(path).contains("")) {
                throw SbiException.userError("--set '" + override + "': the key '" + key + "' has an empty part; "
                        + "write the key as names joined by single dots, e.g. --set simulation.budget=1000");
            }
            JsonNode value = parseValue(override.substring(eq + 1));
            JsonNode node = config;
            for (int i = 0; i < path.length; i++) {
                String segment = path[i];
                boolean last = i == path.length - 1;
                if (node instanceof ArrayNode array) {
                    int index = parseIndex(segment, override, array.size());
                    if (last) {
                        array.set(index, value);
                    } else {
                        node = array.get(index);
                    }
                } else if (node instanceof ObjectNode object) {
                    if (last) {
                        object.set(segment, value);
                    } else {
                        JsonNode child = object.get(segment);
                        if (child == null || !child.isContainerNode()) {
                            child = JsonNodeFactory.instance.objectNode();
                            object.set(segment, child);
                        }
                        node = child;
                    }
                } else {
                    throw SbiException.userError("--set '" + override + "': '" + segment
                            + "' is inside a plain value, not a section");
                }
            }
        }
    }

    private static SbiException invalid(JsonProcessingException e, String source) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String message = e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            return SbiException.userError("config " + source + " sets '" + duplicate.group(1) + "' twice in the same "
                    + "section" + where + "; keep one of them (YAML keys must be unique)");
        }
        Matcher number = MALFORMED_NUMBER.matcher(message);
        if (number.find()) {
            return SbiException.userError("config " + source + where + ": '" + number.group(1) + "' is not a value "
                    + "sbi4j accepts: numbers in a config must be finite (NaN and infinity are not allowed); give a "
                    + "finite number");
        }
        return SbiException.userError("config " + source + " is not valid YAML" + where + ": "
                + message + ". Fix the syntax (indent with spaces, 'key: value').");
    }

    /** Refuses YAML aliases ({@code *name}): a config spells every value out; an anchor alone is harmless. */
    private static void refuseAliases(String text, String source) throws JsonProcessingException {
        try (JsonParser parser = Json.yaml().getFactory().createParser(text)) {
            while (parser.nextToken() != null) {
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    throw SbiException.userError("config " + source + " at line "
                            + parser.currentLocation().getLineNr() + " refers to the YAML anchor '&"
                            + parser.getText() + "' with the alias '*" + parser.getText() + "'; sbi4j does not "
                            + "expand aliases: write the value out in full there");
                }
            }
        } catch (IOException e) {
            if (e instanceof JsonProcessingException p) {
                throw p;
            }
            throw new UncheckedIOException(e);
        }
    }

    private static int parseIndex(String segment, String override, int size) {
        try {
            int index = Integer.parseInt(segment);
            if (index >= 0 && index < size) {
                return index;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw SbiException.userError("--set '" + override + "': '" + segment + "' must be a list index from 0 to "
                + (size - 1));
    }

    private static JsonNode parseValue(String text) {
        try {
            refuseAliases(text, "value");
            JsonNode node = READER.readTree(text);
            return node == null || node.isMissingNode() ? TextNode.valueOf(text) : node;
        } catch (JsonProcessingException | SbiException e) {
            return TextNode.valueOf(text);
        }
    }
}
