package io.xsync.bench;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering rule of the main code, checked on every package of every module this module sees
 * (api, runtime, kafka, http, cli and the benchmarks). Layers, bottom to top: api; runtime
 * foundations (store, schema, config, time, internal, steps, codegen, logging); spi; engines (sync,
 * policy, pull, kafka, http); bootstrap (the runtime root package and the CLI). A layer may use
 * the layers below it only; engines do not use each other; no main code uses the benchmarks.
 * Known exceptions are listed below with their reason; shrink the list, do not grow it.
 */
@AnalyzeClasses(packages = "io.xsync", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    private static final String API = "io.xsync.api..";
    private static final String[] FOUNDATIONS = {
        "io.xsync.runtime.store..",
        "io.xsync.runtime.schema..",
        "io.xsync.runtime.config..",
        "io.xsync.runtime.time..",
        "io.xsync.runtime.internal..",
        "io.xsync.runtime.steps..",
        "io.xsync.runtime.codegen..",
        "io.xsync.runtime.logging.."
    };
    private static final String SPI = "io.xsync.runtime.spi..";
    private static final String SYNC = "io.xsync.runtime.sync..";
    private static final String POLICY = "io.xsync.runtime.policy..";
    private static final String PULL = "io.xsync.runtime.pull..";
    private static final String KAFKA = "io.xsync.kafka..";
    private static final String HTTP = "io.xsync.http..";
    private static final String ROOT = "io.xsync.runtime";
    private static final String CLI = "io.xsync.cli..";
    private static final String BENCH = "io.xsync.bench..";

    @ArchTest
    static final ArchRule layers_use_only_the_layers_below = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Api").definedBy(API)
            .layer("Foundations").definedBy(FOUNDATIONS)
            .layer("Spi").definedBy(SPI)
            .layer("Engines").definedBy(SYNC, POLICY, PULL, KAFKA, HTTP)
            .layer("Bootstrap").definedBy(ROOT, CLI)
            .layer("Bench").definedBy(BENCH)
            .whereLayer("Api").mayNotAccessAnyLayer()
            .whereLayer("Foundations").mayOnlyAccessLayers("Api")
            .whereLayer("Spi").mayOnlyAccessLayers("Api", "Foundations")
            .whereLayer("Engines").mayOnlyAccessLayers("Api", "Foundations", "Spi")
            .whereLayer("Bootstrap").mayOnlyAccessLayers("Api", "Foundations", "Spi", "Engines")
            .whereLayer("Bench").mayNotBeAccessedByAnyLayer()
            // Exception: Store.readiness() and StoreHealth return the spi Readiness record, so the
            // store reports its health in the same shape as the engines.
            .ignoreDependency(resideInAPackage("io.xsync.runtime.store"),
                    resideInAPackage("io.xsync.runtime.spi"));

    @ArchTest
    static final ArchRule sync_engine_uses_no_other_engine =
            noClasses().that().resideInAPackage(SYNC).should().dependOnClassesThat()
                    .resideInAnyPackage(POLICY, PULL, KAFKA, HTTP);

    @ArchTest
    static final ArchRule policy_engine_uses_no_other_engine =
            noClasses().that().resideInAPackage(POLICY).should().dependOnClassesThat()
                    .resideInAnyPackage(SYNC, PULL, KAFKA, HTTP);

    @ArchTest
    static final ArchRule pull_engine_uses_no_other_engine =
            noClasses().that().resideInAPackage(PULL).should().dependOnClassesThat()
                    .resideInAnyPackage(SYNC, POLICY, KAFKA, HTTP);

    @ArchTest
    static final ArchRule kafka_engine_uses_no_other_engine =
            noClasses().that().resideInAPackage(KAFKA).should().dependOnClassesThat()
                    .resideInAnyPackage(SYNC, POLICY, PULL, HTTP);

    @ArchTest
    static final ArchRule http_engine_uses_no_other_engine =
            noClasses().that().resideInAPackage(HTTP).should().dependOnClassesThat()
                    .resideInAnyPackage(SYNC, POLICY, PULL, KAFKA);

    @ArchTest
    static final ArchRule no_main_code_uses_the_benchmarks =
            noClasses().that().resideOutsideOfPackage(BENCH).should().dependOnClassesThat()
                    .resideInAPackage(BENCH);
}
