package dev.callcoach.contracts;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The contracts are plain records both services share: no framework, no service code, no simulator. */
class FrameworkFreeTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.callcoach.contracts");

    @Test
    void contractsUseNoFrameworkAndNoOtherModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.vertx..",
                        "org.springframework..", "com.vaadin..", "jakarta..", "dev.callcoach.backend..",
                        "dev.callcoach.webapp..", "dev.callcoach.simulator..")
                .check(PRODUCTION);
    }
}
