package dev.callcoach.backend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlConfigSourceTest {

    @Test
    void derivesJdbcAndReactiveUrlsAndCredentials() {
        var source = new DatabaseUrlConfigSource("postgres://app:s%40cret@db.internal:6543/callcoach?sslmode=require");

        assertThat(source.getValue("quarkus.datasource.jdbc.url"))
                .isEqualTo("jdbc:postgresql://db.internal:6543/callcoach?sslmode=require");
        assertThat(source.getValue("quarkus.datasource.reactive.url"))
                .isEqualTo("postgresql://db.internal:6543/callcoach?sslmode=require");
        assertThat(source.getValue("quarkus.datasource.username")).isEqualTo("app");
        assertThat(source.getValue("quarkus.datasource.password")).isEqualTo("s@cret");
    }

    @Test
    void defaultsPortAndDatabase() {
        var source = new DatabaseUrlConfigSource("postgresql://app@localhost");

        assertThat(source.getValue("quarkus.datasource.jdbc.url")).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(source.getValue("quarkus.datasource.password")).isNull();
    }

    @Test
    void unsetOrBlankContributesNothing() {
        assertThat(new DatabaseUrlConfigSource(null).getPropertyNames()).isEmpty();
        assertThat(new DatabaseUrlConfigSource("  ").getPropertyNames()).isEmpty();
    }

    @Test
    void refusesOtherSchemesWithoutEchoingTheUrl() {
        assertThatThrownBy(() -> new DatabaseUrlConfigSource("mysql://root:hunter2@db/app"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgres://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void sitsBelowTheEnvironmentAndAboveApplicationProperties() {
        assertThat(new DatabaseUrlConfigSource(null).getOrdinal()).isBetween(251, 299);
    }
}
