package dev.callcoach.webapp;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the layers honest: pages use services, services never use pages, and tests' stand-ins stay in tests. */
class LayeringTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.callcoach.webapp");

    @Test
    void servicesAndClientsKnowNothingOfTheUi() {
        noClasses().that().resideInAnyPackage("..call.service..", "..channel..", "..twilio..", "..limit..",
                        "..turnstile..", "dev.callcoach.webapp.base", "dev.callcoach.webapp.report")
                .should().dependOnClassesThat().resideInAnyPackage("..ui..", "com.vaadin..")
                .check(PRODUCTION);
    }

    @Test
    void onlyTheCallServicesTalkToTwilioAndTheChannel() {
        noClasses().that().resideInAPackage("..ui..")
                .should().dependOnClassesThat().resideInAnyPackage("..twilio..", "com.twilio..")
                .check(PRODUCTION);
    }

    @Test
    void productionCodeNeverUsesTheSimulators() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.callcoach.simulator..")
                .check(PRODUCTION);
    }
}
