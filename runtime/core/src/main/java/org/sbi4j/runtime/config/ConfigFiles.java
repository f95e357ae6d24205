package org.sbi4j.runtime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.Json;

/** Reads a YAML run config into a tree and applies {@code --set key=value} overrides to it. */
public final class ConfigFiles {
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
            text = Files.readString(file);
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
            node = Json.yaml().readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw SbiException.userError("config " + source + " is not valid YAML" + where + ": "
                    + e.getOriginalMessage() + ". Fix the syntax (indent with spaces, 'key: value').");
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
            String[] path = override.substring(0, eq).trim().split("\\.");
            JsonNode value = parseValue(override.substring(eq + 1));
            JsonNode node = config;
            for (int i = 0; i < path.length; i++) {
                String segment = path[i];
                boolean last = i == path.length - 1;
                if (segment.isEmpty()) {
                    throw SbiException.userError("--set '" + override + "' has an empty key segment");
                }
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
            JsonNode node = Json.yaml().readTree(text);
            return node == null || node.isMissingNode() ? TextNode.valueOf(text) : node;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
