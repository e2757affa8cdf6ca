package dev.callcoach.backend;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.callcoach.backend.realtime.OpenAiConfig;
import dev.callcoach.backend.realtime.RealtimeQuota;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The backend's package layering. Entry points ({@code twilio}, {@code media}, {@code channel},
 * {@code health}) sit on the features ({@code call}, {@code limiter}, {@code scenario}), which sit on
 * plain adapters ({@code db}, {@code phone}, {@code realtime}, {@code config}, {@code eventloop}); nothing
 * points back up.
 */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.callcoach.backend");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.callcoach.backend.(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void storageAndRulesKnowNothingOfTheEntryPoints() {
        noClasses().that().resideInAnyPackage("..backend.call..", "..backend.limiter..", "..backend.db..",
                        "..backend.scenario..", "..backend.phone..", "..backend.realtime..", "..backend.config..")
                .should().dependOnClassesThat().resideInAnyPackage("..backend.twilio..", "..backend.media..",
                        "..backend.channel..", "..backend.health..")
                .check(PRODUCTION);
    }

    @Test
    void adaptersStandOnTheirOwn() {
        noClasses().that().resideInAnyPackage("..backend.realtime..", "..backend.config..", "..backend.db..",
                        "..backend.phone..", "..backend.eventloop..")
                .should().dependOnClassesThat().resideInAnyPackage("..backend.call..", "..backend.limiter..",
                        "..backend.scenario..")
                .check(PRODUCTION);
    }

    /**
     * The Realtime protocol stays behind the bridge. Others may read only the OpenAI account's settings
     * (the reports grade with the same key) and the quota pause, by which the channel refuses new calls
     * and readiness reports.
     */
    @Test
    void onlyTheBridgeAndTheScenariosSpeakRealtime() {
        noClasses().that().resideOutsideOfPackages("..backend.realtime..", "..backend.media..", "..backend.scenario..")
                .should().dependOnClassesThat(resideInAPackage("..backend.realtime..")
                        .and(not(equivalentTo(RealtimeQuota.class))).and(not(equivalentTo(OpenAiConfig.class))))
                .check(PRODUCTION);
    }

    @Test
    void productionCodeNeverUsesTheSimulators() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.callcoach.simulator..").check(PRODUCTION);
    }
}
