package dev.callcoach.backend.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.callcoach.backend.call.CallCapacity;
import dev.callcoach.backend.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class HealthTest {

    @Inject
    Pool pool;
    @Inject
    CallCapacity capacity;
    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Test
    void readinessIsUpWithTheDatabase() {
        given().when().get(management.resolve("/q/health/ready"))
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void readinessReportsFullWhileTheInstanceCarriesItsLimitOfCalls() {
        int taken = 0;
        try {
            while (!capacity.full()) {
                capacity.callStarted();
                taken++;
            }
            given().when().get(management.resolve("/q/health/ready"))
                    .then().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'calls' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'calls' }.data.calls", equalTo("full"))
                    .body("checks.find { it.name == 'calls' }.data.max", equalTo(capacity.max()));
        } finally {
            for (int i = 0; i < taken; i++) {
                capacity.callEnded();
            }
        }
        given().when().get(management.resolve("/q/health/ready"))
                .then().statusCode(200)
                .body("checks.name", hasItem("calls"))
                .body("checks.find { it.name == 'calls' }.data.calls", equalTo("ok"));
    }

    @Test
    void migrationsAreApplied() {
        List<String> tables = new ArrayList<>();
        pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .execute().await().indefinitely()
                .forEach(row -> tables.add(row.getString(0)));
        assertThat(tables).contains("call_session", "call_attempt", "flyway_schema_history");
    }
}
