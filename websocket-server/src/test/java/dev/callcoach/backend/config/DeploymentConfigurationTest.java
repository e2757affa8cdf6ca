package dev.callcoach.backend.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files and the services agree: every environment variable that docker-compose.yml,
 * .env.example or fly/*.toml hands to a service is documented in docs/configuration.md and is read
 * by that service, so a renamed setting cannot silently fall back to its default in production.
 *
 * <p>"Read" means one of: the service's {@code application.properties} or Java sources reference it
 * as {@code ${NAME}} (or name it next to {@code System.getenv}); or it is the environment form of a
 * property the service declares (Quarkus: upper case with {@code _} for every other character;
 * Spring Boot's relaxed binding: the same, ignoring dashes). Third-party images read the variables
 * their documentation lists.
 */
class DeploymentConfigurationTest {

    private static final Path ROOT = repositoryRoot();
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}?-]");
    private static final Pattern LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*_[A-Z0-9_]+)\"");
    /** A contract constant naming an environment variable that a service reads (e.g. {@code DatabaseUrl.ENV}). */
    private static final Pattern ENV_CONSTANT = Pattern.compile("String ENV = \"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern DOCUMENTED_QUARKUS_KEY = Pattern.compile("^\\| `(quarkus\\.[a-z0-9.-]+)` \\|", Pattern.MULTILINE);
    private static final Pattern PROPERTY_KEY = Pattern.compile("^(?:%[\\w,-]+\\.)?([a-z][^=\\s]*)\\s*=", Pattern.MULTILINE);
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");
    private static final Pattern MAPPING_METHOD = Pattern.compile("^\\s*[A-Z][\\w<>?,. \\[\\]]*\\s+(\\w+)\\(\\);\\s*$", Pattern.MULTILINE);
    private static final Pattern ENV_FILE_LINE = Pattern.compile("^([A-Z][A-Z0-9_]*)=", Pattern.MULTILINE);
    private static final Pattern SECRET_NAME = Pattern.compile("\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b");

    /** What each kind of service reads; Compose's own variables are read by Compose. */
    private enum Service {
        BACKEND, WEBAPP, SIMULATOR, POSTGRES, COMPOSE
    }

    /** One variable handed to a service by one deployment file. */
    record Setting(String file, Service service, String variable) {
        @Override
        public String toString() {
            return variable + " (" + file + ", " + service.name().toLowerCase(Locale.ROOT) + ")";
        }
    }

    @Test
    void everyVariableIsDocumentedInConfigurationMd() {
        String documentation = read(ROOT.resolve("docs/configuration.md"));

        List<Setting> undocumented = settings().stream()
                .filter(setting -> !documentation.contains("`" + setting.variable() + "`"))
                .toList();

        assertThat(undocumented).as("variables missing from docs/configuration.md").isEmpty();
    }

    @Test
    void everyVariableIsReadByTheServiceItIsGivenTo() {
        Map<Service, Set<String>> readers = Map.of(
                Service.BACKEND, readBy(ROOT.resolve("websocket-server"), false),
                Service.WEBAPP, readBy(ROOT.resolve("webapp"), true),
                // The simulator takes command-line flags only.
                Service.SIMULATOR, Set.of(),
                // The official postgres image's documented variables.
                Service.POSTGRES, Set.of("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"),
                Service.COMPOSE, Set.of("COMPOSE_PROFILES", "COMPOSE_PROJECT_NAME"));

        List<Setting> unread = settings().stream()
                .filter(setting -> !readers.get(setting.service()).contains(setting.variable()))
                .toList();

        assertThat(unread).as("variables no service reads").isEmpty();
    }

    @Test
    void envExampleListsExactlyTheVariablesTheComposeFileUses() {
        Set<String> interpolated = matches(EXPRESSION, read(ROOT.resolve("docker-compose.yml")));
        Set<String> listed = matches(ENV_FILE_LINE, read(ROOT.resolve(".env.example")));

        assertThat(listed).as(".env.example").containsAll(interpolated);
        assertThat(listed.stream().filter(name -> !name.startsWith("COMPOSE_")))
                .as("variables in .env.example that docker-compose.yml never uses")
                .allMatch(interpolated::contains);
    }

    @Test
    void noServicePublishesTheManagementPort() {
        String management = "9000";
        composeServices().forEach((name, service) -> assertThat(String.valueOf(service.get("ports")))
                .as("ports of " + name).doesNotContain(management));
        for (Path fly : flyFiles()) {
            assertThat(read(fly)).as(fly.toString()).doesNotContainPattern("internal_port\\s*=\\s*" + management);
        }
    }

    // ---- the variables the deployment files set ----

    private static List<Setting> settings() {
        List<Setting> settings = new ArrayList<>();
        composeServices().forEach((name, service) -> {
            if (service.get("environment") instanceof Map<?, ?> environment) {
                environment.keySet().forEach(variable ->
                        settings.add(new Setting("docker-compose.yml", serviceOf(name, service), (String) variable)));
            }
        });
        matches(ENV_FILE_LINE, read(ROOT.resolve(".env.example"))).stream()
                .filter(variable -> variable.startsWith("COMPOSE_"))
                .forEach(variable -> settings.add(new Setting(".env.example", Service.COMPOSE, variable)));
        for (Path fly : flyFiles()) {
            String toml = read(fly);
            Service service = toml.contains("build-target = \"webapp\"") ? Service.WEBAPP : Service.BACKEND;
            flyEnv(toml).forEach(variable -> settings.add(new Setting(fly.getFileName().toString(), service, variable)));
            flySecrets(toml).forEach(variable -> settings.add(new Setting(fly.getFileName() + " secrets", service, variable)));
        }
        assertThat(settings).as("settings found in the deployment files").hasSizeGreaterThan(20);
        return settings;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> composeServices() {
        Map<String, Object> compose = new Yaml().load(read(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    private static Service serviceOf(String name, Map<String, Object> service) {
        if (service.get("build") instanceof Map<?, ?> build) {
            return switch (String.valueOf(build.get("target"))) {
                case "backend" -> Service.BACKEND;
                case "webapp" -> Service.WEBAPP;
                case "simulator" -> Service.SIMULATOR;
                default -> throw new AssertionError("service " + name + " builds an unknown target " + build.get("target"));
            };
        }
        if (String.valueOf(service.get("image")).startsWith("postgres:")) {
            return Service.POSTGRES;
        }
        throw new AssertionError("service " + name + " is neither one of ours nor a known image");
    }

    private static List<Path> flyFiles() {
        try (Stream<Path> files = Files.list(ROOT.resolve("fly"))) {
            return files.filter(file -> file.toString().endsWith(".toml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys of the {@code [env]} table. */
    private static Set<String> flyEnv(String toml) {
        Set<String> names = new TreeSet<>();
        boolean inEnv = false;
        for (String line : toml.lines().map(String::strip).toList()) {
            if (line.startsWith("[")) {
                inEnv = line.equals("[env]");
            } else if (inEnv && line.contains("=") && !line.startsWith("#")) {
                names.add(line.substring(0, line.indexOf('=')).strip());
            }
        }
        return names;
    }

    /** The names in the comment paragraph that says which secrets to set with {@code fly secrets set}. */
    private static Set<String> flySecrets(String toml) {
        Set<String> names = new TreeSet<>();
        boolean inSecrets = false;
        for (String line : toml.lines().toList()) {
            if (line.contains("fly secrets set")) {
                inSecrets = true;
                line = line.substring(line.indexOf(':') + 1);
            } else if (!line.startsWith("# ") || line.strip().equals("#")) {
                inSecrets = false;
            }
            if (inSecrets) {
                names.addAll(matches(SECRET_NAME, line.replaceAll("\\([^)]*\\)", "")));
            }
        }
        return names;
    }

    // ---- what a service reads ----

    /**
     * Variables a service reads: {@code ${NAME}} in its configuration and sources, names next to
     * {@code System.getenv}, the {@code ENV} constants of the contracts it refers to, and the
     * environment form of each property it declares.
     */
    private static Set<String> readBy(Path module, boolean relaxedBinding) {
        Path properties = module.resolve("src/main/resources/application.properties");
        List<Path> sources = javaSources(module.resolve("src/main/java"));
        Set<String> read = new TreeSet<>(matches(EXPRESSION, read(properties)));
        javaSources(ROOT.resolve("shared-contracts/src/main/java")).stream()
                .filter(contract -> sources.stream().anyMatch(source -> read(source).contains(
                        contract.getFileName().toString().replace(".java", "") + ".ENV")))
                .forEach(contract -> read.addAll(matches(ENV_CONSTANT, read(contract))));
        Set<String> propertyNames = new LinkedHashSet<>(matches(PROPERTY_KEY, read(properties)));
        for (Path source : sources) {
            String java = read(source);
            read.addAll(matches(EXPRESSION, java));
            if (java.contains("System.getenv")) {
                read.addAll(matches(LITERAL, java));
            }
            Matcher mapping = CONFIG_MAPPING.matcher(java);
            if (mapping.find()) {
                String prefix = mapping.group(1);
                matches(MAPPING_METHOD, java).forEach(method -> propertyNames.add(prefix + "." + kebab(method)));
            }
        }
        if (!relaxedBinding) {
            // Quarkus reads its own settings without a line in application.properties; the documented ones count.
            propertyNames.addAll(matches(DOCUMENTED_QUARKUS_KEY, read(ROOT.resolve("docs/configuration.md"))));
        }
        for (String property : propertyNames) {
            read.add(relaxedBinding ? springEnvironmentName(property) : quarkusEnvironmentName(property));
        }
        return read;
    }

    /** Quarkus' environment name of a property: {@code callcoach.limiter.max-calls} → {@code CALLCOACH_LIMITER_MAX_CALLS}. */
    static String quarkusEnvironmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The variable Spring Boot binds to a property without dashes: {@code callcoach.call.ring-timeout} ← {@code CALLCOACH_CALL_RINGTIMEOUT}. */
    static String springEnvironmentName(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    // ---- plumbing ----

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.groupCount() > 0 ? matcher.group(1) : matcher.group());
        }
        return found;
    }

    private static List<Path> javaSources(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Tests run in the module directory; the deployment files sit one level up. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("fly"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
    }
}
