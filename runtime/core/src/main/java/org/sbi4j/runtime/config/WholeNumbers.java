package org.sbi4j.runtime.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Integer settings take whole numbers only: {@code 2000}, {@code 2000.0} and {@code 1e4} are accepted,
 * {@code 2000.5} is refused instead of being truncated (Jackson's default).
 */
final class WholeNumbers extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    private WholeNumbers(JsonDeserializer<?> standard) {
        super(standard);
    }

    /** The module that puts the check in front of Jackson's int, Integer, long, Long and int[] deserializers. */
    static Module module() {
        SimpleModule module = new SimpleModule("whole-numbers");
        add(module, int.class);
        add(module, Integer.class);
        add(module, long.class);
        add(module, Long.class);
        module.addDeserializer(int[].class, new WholeNumberArray());
        return module;
    }

    @SuppressWarnings("unchecked")
    private static <T> void add(SimpleModule module, Class<T> type) {
        module.addDeserializer(type, (JsonDeserializer<T>) new WholeNumbers(NumberDeserializers.find(type, type.getName())));
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
        return new WholeNumbers(delegate);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        refuseFraction(p, handledType());
        return super.deserialize(p, ctxt);
    }

    private static void refuseFraction(JsonParser p, Class<?> type) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = p.getDoubleValue();
            if (value != Math.rint(value)) {
                throw InvalidFormatException.from(p, "not a whole number", value, type);
            }
        }
    }

    /** {@code int[]} settings, element by element. */
    private static final class WholeNumberArray extends StdDeserializer<int[]> {
        private static final long serialVersionUID = 1L;

        WholeNumberArray() {
            super(int[].class);
        }

        @Override
        public int[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Integer[] boxed = ctxt.readValue(p, Integer[].class);
            int[] values = new int[boxed.length];
            for (int i = 0; i < values.length; i++) {
                if (boxed[i] == null) {
                    throw InvalidFormatException.from(p, "null in a list of integers", null, int.class);
                }
                values[i] = boxed[i];
            }
            return values;
        }
    }
}
