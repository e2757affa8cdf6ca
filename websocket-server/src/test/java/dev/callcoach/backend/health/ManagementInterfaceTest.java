package dev.callcoach.backend.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.callcoach.backend.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Metrics and detailed health answer on the management port only; the public port has neither. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class ManagementInterfaceTest {

    @TestHTTPResource("/")
    URI publicPort;
    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Test
    void metricsAndHealthAreAbsentOnThePublicPort() {
        given().get(publicPort.resolve("/q/metrics")).then().statusCode(404);
        given().get(publicPort.resolve("/q/health/ready")).then().statusCode(404);
        given().get(publicPort.resolve("/q/health")).then().statusCode(404);
    }

    @Test
    void metricsAndHealthAnswerOnTheManagementPort() {
        given().get(management.resolve("/q/metrics")).then().statusCode(200)
                .body(containsString("callcoach_limiter_fallback_active"));
        given().get(management.resolve("/q/health/ready")).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'limiter' }.data.'limiter.mode'", equalTo("postgres"));
    }
}
