package io.bulwark.engine;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages stand in layers (docs/architecture.md, "The engine's layers"): values and
 * models, then commands, then events, then the ledger and risk, then the desks' narrow interfaces,
 * then the desks, then the Engine. A layer uses only the layers below it; no two packages depend on
 * each other; no desk uses a sibling desk.
 */
class EngineLayerTests {
    private static final String ENGINE = "io.bulwark.engine";

    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ENGINE);

    @Test
    void noTwoEnginePackagesDependOnEachOther() {
        slices().matching("io.bulwark.engine.(*)..").should().beFreeOfCycles().check(engine);
    }

    @Test
    void noDeskUsesASiblingDesk() {
        slices().matching("io.bulwark.engine.desk.(*)..")
                .should()
                .notDependOnEachOther()
                .check(engine);
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .layer("Values and models")
                .definedBy(
                        "io.bulwark.engine.money..",
                        "io.bulwark.engine.snapshot..",
                        "io.bulwark.engine.order..",
                        "io.bulwark.engine.book..",
                        "io.bulwark.engine.position..",
                        "io.bulwark.engine.market..",
                        "io.bulwark.engine.oracle..",
                        "io.bulwark.engine.funding..",
                        "io.bulwark.engine.state..",
                        "io.bulwark.engine.account..",
                        "io.bulwark.engine.maintenance..",
                        "io.bulwark.engine.liquidation..")
                .layer("Commands")
                .definedBy("io.bulwark.engine.command..")
                .layer("Events")
                .definedBy("io.bulwark.engine.event..")
                .layer("Ledger and risk")
                .definedBy("io.bulwark.engine.ledger..", "io.bulwark.engine.risk..")
                .layer("Desk interfaces")
                .definedBy("io.bulwark.engine.desk")
                .layer("Desks")
                .definedBy("io.bulwark.engine.desk.*..")
                .layer("Engine")
                .definedBy(ENGINE)
                .whereLayer("Engine")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Desks")
                .mayOnlyBeAccessedByLayers("Engine")
                .whereLayer("Desk interfaces")
                .mayOnlyBeAccessedByLayers("Desks", "Engine")
                .whereLayer("Ledger and risk")
                .mayOnlyBeAccessedByLayers("Desks", "Engine")
                .whereLayer("Events")
                .mayOnlyBeAccessedByLayers("Ledger and risk", "Desk interfaces", "Desks", "Engine")
                .whereLayer("Commands")
                .mayOnlyBeAccessedByLayers("Events", "Ledger and risk", "Desk interfaces", "Desks", "Engine")
                .check(engine);
    }
}
