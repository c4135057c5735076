package io.bulwark;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The top-level packages (STYLE.md, "the shape of this house"): the features ({@code account}, {@code
 * order}, {@code market}, ...) sit on the infrastructure ({@code web}, {@code journal}, {@code db}), which
 * sits on the engine; nothing below knows what is above it, and no two packages import each other, however
 * indirectly. The engine's own rules are in {@code engine/EngineArchitectureTests}.
 */
class ModularityTests {
    private static final String[] INFRASTRUCTURE = {
        "io.bulwark.engine..", "io.bulwark.journal..", "io.bulwark.web..", "io.bulwark.db.."
    };

    private static final JavaClasses BULWARK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.bulwark");

    @Test
    void theTopLevelPackagesFormNoCycle() {
        slices().matching("io.bulwark.(*)..").should().beFreeOfCycles().check(BULWARK);
    }

    @Test
    void theJournalKnowsOnlyTheEngine() {
        noClasses()
                .that()
                .resideInAPackage("io.bulwark.journal..")
                .should()
                .dependOnClassesThat(inBulwarkBut("io.bulwark.journal..", "io.bulwark.engine.."))
                .check(BULWARK);
    }

    @Test
    void theWebInfrastructureKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("io.bulwark.web..")
                .should()
                .dependOnClassesThat(inBulwarkBut(INFRASTRUCTURE))
                .check(BULWARK);
    }

    @Test
    void theDatabaseBootstrapKnowsNothingElse() {
        noClasses()
                .that()
                .resideInAPackage("io.bulwark.db..")
                .should()
                .dependOnClassesThat(inBulwarkBut("io.bulwark.db.."))
                .check(BULWARK);
    }

    /** A controller is a feature's edge: other code goes to its services and records, never through it. */
    @Test
    void nothingDependsOnAnotherPackagesController() {
        JavaClasses controllers = BULWARK.that(are(controllers()));
        assertThat(controllers).isNotEmpty();
        for (JavaClass controller : controllers) {
            noClasses()
                    .that()
                    .resideOutsideOfPackage(controller.getPackageName())
                    .should()
                    .dependOnClassesThat()
                    .belongToAnyOf(controller.reflect())
                    .allowEmptyShould(true)
                    .check(BULWARK);
        }
    }

    private static DescribedPredicate<JavaClass> controllers() {
        return DescribedPredicate.describe(
                "controllers", c -> c.isAnnotatedWith(RestController.class) || c.isAnnotatedWith(Controller.class));
    }

    /** A class of Bulwark outside {@code allowed}. */
    private static DescribedPredicate<JavaClass> inBulwarkBut(String... allowed) {
        return resideInAPackage("io.bulwark..")
                .and(DescribedPredicate.not(resideInAnyPackage(allowed)))
                .and(DescribedPredicate.not(resideInAPackage("io.bulwark")));
    }
}
