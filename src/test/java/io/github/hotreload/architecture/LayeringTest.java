package io.github.hotreload.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of the design notes, checked on the compiled classes: Maven's types end in the
 * Mojos and the Maven adapter, and no two packages depend on each other.
 */
@AnalyzeClasses(packages = "io.github.hotreload", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule onlyTheMojosAndTheMavenAdapterSeeMaven = noClasses()
            .that().resideOutsideOfPackages("io.github.hotreload.mojo..", "io.github.hotreload.maven..",
                    "io.github.hotreload.hotreload_maven_plugin..") // the generated help goal
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.maven..", "org.eclipse.aether..",
                    "org.codehaus.plexus.component..", "org.codehaus.plexus.configuration..", "org.eclipse.sisu..")
            .because("the engine runs and is tested without Maven; the Mojos and the adapter turn Maven's world"
                    + " into plain values");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("io.github.hotreload.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theSupervisorKnowsCommandsNotServices = noClasses()
            .that().resideInAPackage("io.github.hotreload.process..")
            .should().dependOnClassesThat().resideInAnyPackage("io.github.hotreload.config..",
                    "io.github.hotreload.engine..", "io.github.hotreload.watch..")
            .because("the supervisor starts launches; it never looks at files or services");

    @ArchTest
    static final ArchRule theWatcherStartsNoProcesses = noClasses()
            .that().resideInAPackage("io.github.hotreload.watch..")
            .should().dependOnClassesThat().resideInAnyPackage("io.github.hotreload.process..",
                    "io.github.hotreload.engine..")
            .because("the watcher reports changes; it never builds or starts anything");

    @ArchTest
    static final ArchRule theEngineKnowsNoLogFiles = noClasses()
            .that().resideInAnyPackage("io.github.hotreload.engine..", "io.github.hotreload.process..",
                    "io.github.hotreload.watch..")
            .should().dependOnClassesThat().resideInAPackage("io.github.hotreload.logs..")
            .because("the log files and the hub are consumers of the engine's events, like the console");
}
