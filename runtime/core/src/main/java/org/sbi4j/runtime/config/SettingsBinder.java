package org.sbi4j.runtime.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.sbi4j.api.SbiException;
import org.sbi4j.spi.Setting;
import org.sbi4j.spi.Settings;

/**
 * Binds config values to typed {@link Settings} objects and back, strictly: an unknown key, a value of the
 * wrong type or a failed {@link Settings#validate()} is a user error that names the key and lists the valid
 * ones. Field {@code batchSize} is the config key {@code batch-size}.
 */
public final class SettingsBinder {
    private static final PropertyNamingStrategies.KebabCaseStrategy KEBAB = new PropertyNamingStrategies.KebabCaseStrategy();
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(com.fasterxml.jackson.databind.SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
            .addModule(WholeNumbers.module())
            .build();
    private static final Pattern GIVEN = Pattern.compile("from (\\w+) value");
    private static final Pattern OUT_OF_RANGE = Pattern.compile("\\((.*)\\) out of range of (\\w+)");
    private static final Map<String, String> SHAPES = Map.of("Array", "a list", "Object", "a section of keys",
            "String", "text", "Boolean", "true or false", "Integer", "an integer", "Floating-point", "a number");

    private SettingsBinder() {
    }

    /** One documented setting of a settings class. */
    public record SettingInfo(String key, String type, String defaultValue, String description) {
        @Override
        public String toString() {
            return key + " (" + type + ", default " + defaultValue + "): " + description;
        }
    }

    /**
     * Binds a config node to a settings class and validates it.
     *
     * @param node the config values (an object node, or null/missing for all defaults)
     * @param type the settings class
     * @param context what is being configured, e.g. {@code "estimator 'npe'"}, for messages
     * @param <S> the settings type
     * @return the bound, validated settings
     */
    public static <S extends Settings> S bind(JsonNode node, Class<S> type, String context) {
        S settings;
        try {
            settings = node == null || node.isNull() || node.isMissingNode()
                    ? newInstance(type)
                    : MAPPER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw unknownKey(e, type, context);
        } catch (JsonProcessingException e) {
            throw badValue(e, type, context);
        } catch (IllegalArgumentException e) {
            throw SbiException.userError(context + ": " + e.getMessage());
        }
        try {
            settings.validate();
        } catch (IllegalArgumentException e) {
            throw SbiException.userError(context + ": " + e.getMessage());
        }
        return settings;
    }

    /**
     * The settings as a config node, every setting present (defaults included).
     *
     * @param settings bound settings
     * @return an object node with kebab-case keys
     */
    public static ObjectNode toNode(Object settings) {
        return MAPPER.valueToTree(settings);
    }

    /**
     * The documented settings of a settings class, with defaults.
     *
     * @param type the settings class
     * @return one entry per public field, in declaration order, each nested {@link Settings} section followed by
     *     its own settings with dotted keys ({@code feedback.control})
     */
    public static List<SettingInfo> describe(Class<? extends Settings> type) {
        List<SettingInfo> out = new ArrayList<>();
        describe(type, "", out);
        return out;
    }

    /** Appends the settings of {@code type} with keys prefixed, then those of each nested {@link Settings} section. */
    @SuppressWarnings("unchecked")
    private static void describe(Class<? extends Settings> type, String prefix, List<SettingInfo> out) {
        ObjectNode defaults = toNode(newInstance(type));
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            String key = KEBAB.translate(field.getName());
            Setting doc = field.getAnnotation(Setting.class);
            JsonNode value = defaults.get(key);
            out.add(new SettingInfo(prefix + key, typeName(field.getType()), value == null ? "none" : value.toString(),
                    doc == null ? "(undocumented)" : doc.value()));
            if (Settings.class.isAssignableFrom(field.getType())) {
                describe((Class<? extends Settings>) field.getType(), prefix + key + ".", out);
            }
        }
    }

    /** The config key of a field name, e.g. {@code batch-size} for {@code batchSize}. */
    public static String key(String fieldName) {
        return KEBAB.translate(fieldName);
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "integer";
        }
        if (type == double.class || type == Double.class || type == float.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true/false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type.isEnum()) {
            return java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase())
                    .collect(Collectors.joining("|"));
        }
        if (type.isArray() || List.class.isAssignableFrom(type)) {
            return "list";
        }
        return "section";
    }

    private static <S> S newInstance(Class<S> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new SbiException(org.sbi4j.api.ErrorType.INTERNAL_ERROR, "settings class " + type.getName()
                    + " needs a public no-argument constructor", e);
        }
    }

    private static SbiException unknownKey(UnrecognizedPropertyException e, Class<?> root, String context) {
        String where = path(e, true);
        List<String> known = e.getKnownPropertyIds().stream().map(Object::toString)
                .sorted(Comparator.naturalOrder()).toList();
        String suggestion = Suggestions.closest(e.getPropertyName(), known)
                .map(s -> " Did you mean '" + s + "'?").orElse("");
        String valid;
        if (e.getReferringClass() != null && Settings.class.isAssignableFrom(e.getReferringClass())) {
            @SuppressWarnings("unchecked")
            Class<? extends Settings> referring = (Class<? extends Settings>) e.getReferringClass();
            valid = describe(referring).stream().map(SettingInfo::toString).collect(Collectors.joining("; "));
        } else {
            valid = String.join(", ", known);
        }
        return SbiException.userError(context + ": unknown key '" + where + "'." + suggestion
                + " Valid keys" + (where.contains(".") ? " here" : "") + ": " + valid + ".");
    }

    private static SbiException badValue(JsonProcessingException e, Class<?> root, String context) {
        if (e instanceof MismatchedInputException n && (n instanceof InvalidNullException
                || String.valueOf(n.getOriginalMessage()).contains("`null`"))) {
            return SbiException.userError(context + ": '" + path(n, false) + "' has no value; give "
                    + article(typeName(n.getTargetType())) + " or leave the key out for its default.");
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof InputCoercionException c) {
            Matcher range = OUT_OF_RANGE.matcher(c.getOriginalMessage());
            String value = range.find() ? range.group(1) : "the value";
            boolean isLong = c.getTargetType() == long.class || c.getTargetType() == Long.class;
            return SbiException.userError(context + ": '" + path(m, false) + "' = " + value + " is out of range: "
                    + "it takes an integer from " + (isLong ? Long.MIN_VALUE : Integer.MIN_VALUE) + " to "
                    + (isLong ? Long.MAX_VALUE : Integer.MAX_VALUE) + ".");
        }
        if (e instanceof InvalidFormatException f && "integer".equals(typeName(f.getTargetType()))
                && f.getValue() instanceof Double) {
            return SbiException.userError(context + ": '" + path(f, false) + "' expects an integer (a whole number), "
                    + "got " + f.getValue() + ".");
        }
        if (e instanceof InvalidFormatException f) {
            return SbiException.userError(context + ": '" + path(f, false) + "' expects "
                    + article(typeName(f.getTargetType())) + ", got '" + f.getValue() + "'"
                    + enumHint(f.getTargetType()) + ".");
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            Matcher given = GIVEN.matcher(firstLine(m.getOriginalMessage()));
            String got = given.find() && SHAPES.containsKey(given.group(1)) ? ", got " + SHAPES.get(given.group(1))
                    : "";
            return SbiException.userError(context + ": '" + path(m, false) + "' expects "
                    + article(typeName(m.getTargetType())) + enumHint(m.getTargetType()) + got + ".");
        }
        if (e.getCause() instanceof IllegalArgumentException invalid) {
            return SbiException.userError(context + ": " + invalid.getMessage());
        }
        String where = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? " at '" + path(m, false) + "'" : "";
        return SbiException.userError(context + ": a value" + where + " cannot be read; check it against "
                + "'sbi4j plugins --verbose' (every setting with its type and default).");
    }

    private static String enumHint(Class<?> type) {
        return type != null && type.isEnum() ? " (one of " + typeName(type).replace("|", ", ") + ")" : "";
    }

    private static String article(String type) {
        return switch (type) {
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "true/false" -> "true or false";
            case "text" -> "text";
            case "list" -> "a list";
            case "section" -> "a section of keys";
            default -> "one of " + type.replace("|", ", ");
        };
    }

    private static String path(JsonMappingException e, boolean includeLast) {
        List<JsonMappingException.Reference> refs = e.getPath();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < refs.size(); i++) {
            JsonMappingException.Reference r = refs.get(i);
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
