# syntax=docker/dockerfile:1
#
# Every Callcoach image, built from source with nothing but Docker: one build stage compiles the
# whole reactor once, and each service is a small runtime stage on top of it.
#
#   docker build --target backend   -t callcoach-backend .
#   docker build --target webapp    -t callcoach-webapp .
#   docker build --target simulator -t callcoach-simulator .
#
# docker-compose.yml and fly/*.toml use these targets; docs/running.md has the commands.

# ---- build: JDK 25 and the Maven wrapper --------------------------------------------------------
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src

# POMs before sources, so editing code does not invalidate the layers above the source copy.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY shared-contracts/pom.xml shared-contracts/
COPY simulator/pom.xml simulator/
COPY websocket-server/pom.xml websocket-server/
COPY webapp/pom.xml webapp/
COPY shared-contracts/src/ shared-contracts/src/
COPY simulator/src/ simulator/src/
COPY websocket-server/src/ websocket-server/src/
COPY webapp/src/ webapp/src/

# The Maven repository (and the Maven the wrapper downloads) lives in a BuildKit cache mount rather
# than an image layer: `dependency:go-offline` cannot prefetch this reactor (it fails on optional
# descriptors in the Quarkus BOM, and Quarkus resolves its build-time artifacts only while
# building), while a cache mount keeps every download across builds, POM edits included.
# Tests run with ./mvnw verify, not here. The webapp needs no Node: its build unpacks Vaadin's
# precompiled production bundle.
RUN --mount=type=cache,id=callcoach-m2,target=/root/.m2 \
    sh ./mvnw -B -ntp -DskipTests package

# ---- runtime base: JRE 25, a non-root user -------------------------------------------------------
FROM eclipse-temurin:25-jre AS runtime
RUN groupadd --system callcoach \
 && useradd --system --gid callcoach --home-dir /app --no-create-home --shell /usr/sbin/nologin callcoach
WORKDIR /app
USER callcoach

# ---- backend: Quarkus fast-jar (webhooks, Media Streams, the channel) ----------------------------
FROM runtime AS backend
COPY --from=build /src/websocket-server/target/quarkus-app/lib/ lib/
COPY --from=build /src/websocket-server/target/quarkus-app/*.jar ./
COPY --from=build /src/websocket-server/target/quarkus-app/app/ app/
COPY --from=build /src/websocket-server/target/quarkus-app/quarkus/ quarkus/
ENV PORT=8081
EXPOSE 8081
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "quarkus-run.jar"]

# ---- webapp: Spring Boot jar with the Vaadin production bundle inside ----------------------------
FROM runtime AS webapp
COPY --from=build /src/webapp/target/webapp-*.jar app.jar
ENV PORT=8080
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "app.jar"]

# ---- simulator: FakeTwilio and FakeRealtime, for the demo profile only ---------------------------
FROM runtime AS simulator
COPY --from=build /src/simulator/target/lib/ lib/
COPY --from=build /src/simulator/target/simulator-*-runnable.jar simulator.jar
EXPOSE 8089 8090
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "simulator.jar"]
