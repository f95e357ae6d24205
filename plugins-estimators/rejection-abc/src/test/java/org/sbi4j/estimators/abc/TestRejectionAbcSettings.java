package org.sbi4j.estimators.abc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;
import org.sbi4j.spi.Setting;

class TestRejectionAbcSettings {

    @Test
    void defaultsFollowSbibm() {
        RejectionAbcSettings settings = new RejectionAbcSettings();
        settings.validate();
        assertThat(settings.keep).isZero();
        assertThat(settings.quantile).isZero();
        assertThat(settings.kde).isTrue();
        // sbibm's REJ-ABC uses kde_bandwidth="cv"; the default was scott before the cv rule existed.
        assertThat(settings.bandwidth).isEqualTo(KdeBandwidth.CV);
        assertThat(settings.scale).isEqualTo(DataScale.NONE);
        assertThat(AbcOptions.of(settings).keptCount(20_000)).isEqualTo(100);
    }

    @Test
    void theEstimatorStatesTheSimulationsItKeepsAsItsMinimum() {
        RejectionAbcSettings settings = new RejectionAbcSettings();
        assertThat(new RejectionAbcEstimator(AbcOptions.of(settings)).minimumSimulations()).isEqualTo(100);
        settings.keep = 250;
        assertThat(new RejectionAbcEstimator(AbcOptions.of(settings)).minimumSimulations()).isEqualTo(250);
        settings.keep = 0;
        settings.quantile = 0.01;
        assertThat(new RejectionAbcEstimator(AbcOptions.of(settings)).minimumSimulations()).isEqualTo(1);
    }

    @Test
    void everySettingIsAnAnnotatedPublicField() {
        int count = 0;
        for (Field field : RejectionAbcSettings.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            count++;
            assertThat(Modifier.isPublic(field.getModifiers()) && !Modifier.isFinal(field.getModifiers()))
                    .as(field.getName()).isTrue();
            assertThat(field.getAnnotation(Setting.class)).as(field.getName()).isNotNull();
        }
        assertThat(count).isEqualTo(5);
    }

    @Test
    void keepAndQuantileAreMutuallyExclusive() {
        RejectionAbcSettings settings = new RejectionAbcSettings();
        settings.keep = 500;
        settings.quantile = 0.01;
        assertThatThrownBy(settings::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keep = 500 and quantile = 0.01 are mutually exclusive: set keep (number of closest "
                        + "simulations kept) or quantile (share of the bank kept), not both");
    }

    @Test
    void outOfRangeValuesAreNamed() {
        RejectionAbcSettings settings = new RejectionAbcSettings();
        settings.keep = -1;
        assertThatThrownBy(settings::validate).hasMessageStartingWith("keep = -1 is invalid");
        settings.keep = 0;
        settings.quantile = 1.5;
        assertThatThrownBy(settings::validate).hasMessage("quantile = 1.5 is invalid: it must lie in (0, 1], or be 0 "
                + "to select by keep");
        settings.quantile = Double.NaN;
        assertThatThrownBy(settings::validate).hasMessageStartingWith("quantile = NaN is invalid");
        settings.quantile = 0;
        settings.scale = null;
        assertThatThrownBy(settings::validate).hasMessage("scale is missing: it must be none, mad or sd");
    }

    @Test
    void bandwidthRulesAreScottSilvermanAndCv() {
        // The config binder lists an enum's constants in lower case when it meets an unknown value.
        assertThat(java.util.Arrays.stream(KdeBandwidth.values()).map(b -> b.name().toLowerCase(java.util.Locale.ROOT)))
                .containsExactly("scott", "silverman", "cv");
        RejectionAbcSettings settings = new RejectionAbcSettings();
        settings.bandwidth = null;
        assertThatThrownBy(settings::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bandwidth is missing: it must be scott, silverman or cv");
    }

    @Test
    void quantileKeepsAShareOfTheBankAndAtLeastOne() {
        RejectionAbcSettings settings = new RejectionAbcSettings();
        settings.quantile = 0.005;
        assertThat(AbcOptions.of(settings).keptCount(20_000)).isEqualTo(100);
        assertThat(AbcOptions.of(settings).keptCount(10)).isEqualTo(1);
        settings.quantile = 1;
        assertThat(AbcOptions.of(settings).keptCount(37)).isEqualTo(37);
    }
}
