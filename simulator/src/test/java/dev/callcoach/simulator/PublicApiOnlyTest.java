package dev.callcoach.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The simulators use Vert.x through its public API only: internal packages change without notice between
 * releases, and the modules that test against the simulators bring their own Vert.x and Netty versions.
 */
class PublicApiOnlyTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.callcoach.simulator");

    @Test
    void noVertxInternalsAndNoNettyUnderneath() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.vertx..impl..", "io.vertx.core.internal..", "io.netty..")
                .check(PRODUCTION);
    }
}
