package org.sbi4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestVersions {
    @Test
    void compatibilityRule() {
        assertThat(Versions.compatible("1.2.0", "1.2.0")).isTrue();
        assertThat(Versions.compatible("1.2.0", "1.4.1")).isTrue();
        assertThat(Versions.compatible("1.4.0", "1.2.0")).as("older installed plugin").isFalse();
        assertThat(Versions.compatible("1.2.0", "2.0.0")).as("other major").isFalse();
        assertThat(Versions.compatible("0.1.0", "0.2.0")).as("0.x: other minor").isFalse();
        assertThat(Versions.compatible("0.1.0-SNAPSHOT", "0.1.3")).isTrue();
        assertThat(Versions.compatible("unversioned", "3.0")).isTrue();
        assertThat(Versions.compatible("weird", "1.0")).isFalse();
    }
}
