package dev.callcoach.backend.scenario;

import dev.callcoach.contracts.scenario.FieldError;
import dev.callcoach.contracts.scenario.Rubric;
import dev.callcoach.contracts.scenario.Scenario;
import dev.callcoach.contracts.scenario.ScenarioConfigValidator;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.util.ClassPathUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The scenarios on offer: every {@code scenarios/*.json} on the classpath, loaded and checked at
 * startup (a bad file stops the service with a message naming it). Adding a scenario means adding
 * a file. A singleton, not application-scoped: a client proxy would run the loading constructor twice.
 */
@Singleton
@Startup
public class ScenarioCatalogService {

    static final String DIRECTORY = "scenarios";

    private static final Logger LOG = Logger.getLogger(ScenarioCatalogService.class);

    private final Map<String, ScenarioDefinition> byId;
    private final List<Scenario> catalog;

    public ScenarioCatalogService() {
        this(readClasspathFiles());
    }

    /** @param files file name to content, e.g. {@code job-interview.json} */
    ScenarioCatalogService(Map<String, String> files) {
        if (files.isEmpty()) {
            throw new IllegalStateException("no scenario files found under " + DIRECTORY + "/");
        }
        Map<String, ScenarioDefinition> loaded = new LinkedHashMap<>();
        files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(file -> {
            ScenarioDefinition definition = ScenarioFiles.parse(file.getKey(), file.getValue());
            loaded.put(definition.scenario().id(), definition);
        });
        this.byId = Map.copyOf(loaded);
        this.catalog = loaded.values().stream().map(ScenarioDefinition::scenario).toList();
        LOG.infof("scenarios loaded count=%d ids=%s", catalog.size(), loaded.keySet());
    }

    /**
     * The catalog as the channel reads it. Produced typed as the port, so a test can put its own
     * catalog in its place ({@code QuarkusMock.installMockForType}).
     */
    @Produces
    @ApplicationScoped
    Scenarios scenarios() {
        return this::all;
    }

    /** All scenarios, in file-name order: what the webapp offers. */
    public List<Scenario> all() {
        return catalog;
    }

    public Optional<Scenario> find(String scenarioId) {
        return Optional.ofNullable(scenarioId == null ? null : byId.get(scenarioId)).map(ScenarioDefinition::scenario);
    }

    /** What calls of this scenario are graded on; empty if the scenario is unknown. */
    public Optional<Rubric> rubric(String scenarioId) {
        return Optional.ofNullable(scenarioId == null ? null : byId.get(scenarioId)).map(ScenarioDefinition::rubric);
    }

    /**
     * The AI's instructions for a call with these settings.
     *
     * @throws IllegalArgumentException if the scenario is unknown or the settings do not fit it
     */
    public String instructions(String scenarioId, Map<String, String> config, String voice) {
        ScenarioDefinition definition = byId.get(scenarioId);
        if (definition == null) {
            throw new IllegalArgumentException("unknown scenario '" + scenarioId + "'");
        }
        List<FieldError> errors = ScenarioConfigValidator.validate(definition.scenario(), config, voice);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("settings do not fit scenario '" + scenarioId + "': "
                    + errors.stream().map(FieldError::key).toList());
        }
        return ScenarioInstructions.render(definition, config);
    }

    private static Map<String, String> readClasspathFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        try {
            ClassPathUtils.consumeAsPaths(Thread.currentThread().getContextClassLoader(), DIRECTORY, directory -> {
                try (Stream<Path> entries = Files.list(directory)) {
                    List<Path> json = new ArrayList<>(entries.filter(p -> p.getFileName().toString().endsWith(".json")).toList());
                    json.sort(Comparator.comparing(p -> p.getFileName().toString()));
                    for (Path path : json) {
                        files.put(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("could not read " + directory, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + DIRECTORY + "/ on the classpath", e);
        }
        return files;
    }
}
