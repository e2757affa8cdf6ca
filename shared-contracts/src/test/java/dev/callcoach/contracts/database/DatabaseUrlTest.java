package dev.callcoach.contracts.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void derivesBothUrlsAndTheCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:s%40cret@db.internal:6543/callcoach?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/callcoach?sslmode=require");
        assertThat(url.reactiveUrl()).isEqualTo("postgresql://db.internal:6543/callcoach?sslmode=require");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(url.toString()).doesNotContain("s@cret");
    }

    @Test
    void defaultsPortAndDatabase() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app@localhost");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(url.password()).isNull();
    }

    @Test
    void refusesOtherSchemesAndGarbageWithoutEchoingTheUrl() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter2@db/app"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgres://")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://root:hunter2 @db/app"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2");
    }
}
