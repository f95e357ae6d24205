package org.sbi4j.runtime.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One pluggable component in a config: {@code type} names the factory, every other key is one of that
 * factory's settings, e.g. {@code {type: rejection-abc, keep: 200}}.
 */
@JsonPropertyOrder({"type"})
public final class ComponentSpec {
    @JsonProperty("type")
    private String type;
    private final Map<String, Object> settings = new LinkedHashMap<>();

    /** For Jackson. */
    public ComponentSpec() {
    }

    /**
     * @param type the factory name
     * @param settings the factory's settings
     */
    public ComponentSpec(String type, Map<String, Object> settings) {
        this.type = type;
        this.settings.putAll(settings);
    }

    /** The factory name, or {@code null} when the config left it out. */
    public String type() {
        return type;
    }

    /** The settings, as written in the config (kebab-case keys). */
    @JsonAnyGetter
    public Map<String, Object> settings() {
        return settings;
    }

    @JsonAnySetter
    void set(String key, Object value) {
        settings.put(key, value);
    }
}
