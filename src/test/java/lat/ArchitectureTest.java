package lat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import lat.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages layer one way (docs/design.md, "Packages"):
 * <pre>
 * core                        vocabulary: kinds, datasets, image geometry, errors, seeds; depends on nothing of lat
 * stats                       intervals and tests on arrays; depends on nothing of lat
 * findings                    the paper's findings as data and their verdicts; on core and stats only
 * config                      typed settings (and the HOCON loader the command line calls)
 * io, spark                   Hadoop files, the documents a training writes (io.records), Spark sessions and job names
 * data, model                 MNIST-layout datasets (MNIST, Fashion-MNIST); the CNN and its files
 * attack                      masks, PGD, APGD-CE/-T, Square (forward passes only), the worst case, the input gradient
 * train, evaluate, export, bench   the jobs, independent of each other; only train.dl4j uses DL4J's parameter server
 * report                      renders the evaluation: no attack, model or data
 * cli                         the command line, on top
 * </pre>
 */
class ArchitectureTest {
    private static JavaClasses lat;

    @BeforeAll
    static void importMainClasses() {
        lat = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("lat");
    }

    /** The rule the layers follow; {@link #aPlantedUpwardImportBreaksTheLayers} checks that it can fail. */
    static ArchRule layers() {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("core")
                .definedBy("lat.core..")
                .layer("config")
                .definedBy("lat.config..")
                .layer("infrastructure")
                .definedBy("lat.io..", "lat.spark..")
                .layer("data")
                .definedBy("lat.data..")
                .layer("model")
                .definedBy("lat.model..")
                .layer("attack")
                .definedBy("lat.attack..")
                .layer("stats")
                .definedBy("lat.stats..")
                .layer("findings")
                .definedBy("lat.findings..")
                .layer("jobs")
                .definedBy("lat.train..", "lat.evaluate..", "lat.export..", "lat.bench..")
                .layer("report")
                .definedBy("lat.report..")
                .layer("cli")
                .definedBy("lat.cli..")
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("report")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("jobs")
                .mayOnlyBeAccessedByLayers("report", "cli")
                .whereLayer("findings")
                .mayOnlyBeAccessedByLayers("report", "cli")
                .whereLayer("attack")
                .mayOnlyBeAccessedByLayers("jobs", "cli")
                .whereLayer("model")
                .mayOnlyBeAccessedByLayers("attack", "jobs", "cli")
                .whereLayer("data")
                .mayOnlyBeAccessedByLayers("attack", "jobs", "cli")
                .whereLayer("infrastructure")
                .mayOnlyBeAccessedByLayers("data", "model", "attack", "jobs", "report", "cli")
                .whereLayer("config")
                .mayOnlyBeAccessedByLayers("infrastructure", "data", "model", "attack", "jobs", "report", "cli");
    }

    @Test
    void packagesLayerOneWay() {
        layers().check(lat);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("lat.(*)..").should().beFreeOfCycles().check(lat);
    }

    @Test
    void theJobsDoNotDependOnEachOther() {
        for (String job : new String[] {"train", "evaluate", "export", "bench"}) {
            noClasses()
                    .that()
                    .resideInAPackage("lat." + job + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(otherJobs(job))
                    .check(lat);
        }
    }

    @Test
    void configurationIsReadOnlyAtTheTop() {
        // Typesafe Config stays in the loader and the command line; everything below gets typed settings
        noClasses()
                .that()
                .resideOutsideOfPackages("lat.config..", "lat.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.typesafe.config..")
                .check(lat);
        noClasses()
                .that()
                .resideOutsideOfPackages("lat.config..", "lat.cli..")
                .should()
                .dependOnClassesThat()
                .haveSimpleName("SettingsLoader")
                .check(lat);
    }

    @Test
    void theVocabularyDependsOnNothingOfLat() {
        noClasses()
                .that()
                .resideInAPackage("lat.core..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("lat.core..", "java..")
                .check(lat);
    }

    @Test
    void theStatisticsDependOnNothingOfLat() {
        noClasses()
                .that()
                .resideInAPackage("lat.stats..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("lat.stats..", "java..", "org.apache.commons.math3..")
                .check(lat);
    }

    @Test
    void theFindingsDependOnTheVocabularyAndTheStatisticsOnly() {
        noClasses()
                .that()
                .resideInAPackage("lat.findings..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "lat.findings..", "lat.core..", "lat.stats..", "java..", "com.fasterxml.jackson..")
                .check(lat);
    }

    @Test
    void aPlantedUpwardImportBreaksTheLayers() throws ClassNotFoundException {
        // a test class in the vocabulary's package that uses the command line (package-private, hence by name)
        JavaClasses planted =
                new ClassFileImporter().importClasses(Class.forName("lat.core.PlantedUpwardImport"), Main.class);
        AssertionError error = assertThrows(AssertionError.class, () -> layers().check(planted));
        assertTrue(error.getMessage().contains("PlantedUpwardImport"), error.getMessage());
    }

    /**
     * DL4J's Spark parameter server (and the transport, gradient accumulation and streams under it)
     * is used in {@code lat.train.dl4j} only, whose package documentation lists what lat relies on
     * inside it; {@link #aPlantedParameterServerImportBreaksItsRule} checks that the rule can fail.
     */
    static ArchRule onlyTheAdaptersUseTheParameterServer() {
        return noClasses()
                .that()
                .resideOutsideOfPackage("lat.train.dl4j..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.deeplearning4j.spark..",
                        "org.nd4j.parameterserver..",
                        "org.deeplearning4j.optimize.solvers.accumulation..",
                        "io.aeron..",
                        "org.agrona..",
                        "org.reactivestreams..");
    }

    @Test
    void theParameterServerIsUsedByItsAdaptersOnly() {
        onlyTheAdaptersUseTheParameterServer().check(lat);
        // and the adapters know nothing of the job that drives them
        noClasses()
                .that()
                .resideInAPackage("lat.train.dl4j..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("lat.train")
                .check(lat);
    }

    @Test
    void aPlantedParameterServerImportBreaksItsRule() throws ClassNotFoundException {
        // a test class of the training job that uses DL4J's Spark API itself (package-private, hence by name)
        JavaClasses planted =
                new ClassFileImporter().importClasses(Class.forName("lat.train.PlantedParameterServerImport"));
        AssertionError error = assertThrows(
                AssertionError.class,
                () -> onlyTheAdaptersUseTheParameterServer().check(planted));
        assertTrue(error.getMessage().contains("PlantedParameterServerImport"), error.getMessage());
    }

    /**
     * Square is the black-box check on gradient masking: it sees the network only through its
     * logits ({@code Square.Forward}), never through the input gradient.
     */
    @Test
    void theBlackBoxAttackUsesNoGradient() {
        noClasses()
                .that()
                .haveNameMatching("lat\\.attack\\.Square(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("lat.attack.CnnInputGradient")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("lat.attack.LogitLoss")
                .check(lat);
    }

    /**
     * The report only renders what the evaluation stored: it crafts no attack, loads no model and
     * reads no MNIST; {@link #aPlantedModelImportBreaksTheReportRule} checks that the rule can fail.
     */
    static ArchRule theReportOnlyRenders() {
        return noClasses()
                .that()
                .resideInAPackage("lat.report..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("lat.attack..", "lat.model..", "lat.data..");
    }

    @Test
    void theReportDependsOnNeitherAttacksNorModelsNorData() {
        theReportOnlyRenders().check(lat);
    }

    @Test
    void aPlantedModelImportBreaksTheReportRule() throws ClassNotFoundException {
        // a test class in the report's package that loads a model (package-private, hence by name)
        JavaClasses planted = new ClassFileImporter().importClasses(Class.forName("lat.report.PlantedModelImport"));
        AssertionError error =
                assertThrows(AssertionError.class, () -> theReportOnlyRenders().check(planted));
        assertTrue(error.getMessage().contains("PlantedModelImport"), error.getMessage());
    }

    /**
     * The evaluate job's Parquet tables (the evaluation table and the per-digit table) replace a run's
     * partition through one piece of code, {@code PartitionedTable}: a second table reuses it rather
     * than a copy of the atomic write. (ExamplesFile replaces its one JSON file the same way.)
     */
    @Test
    void partitionsAreReplacedByPartitionedTableOnly() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("lat.evaluate.PartitionedTable")
                .and()
                .doNotHaveFullyQualifiedName("lat.evaluate.ExamplesFile")
                .should()
                .callMethodWhere(JavaCall.Predicates.target(HasName.Predicates.name("replaceOneFile")))
                .check(lat);
    }

    private static String[] otherJobs(String job) {
        return Stream.of("train", "evaluate", "export", "bench")
                .filter(other -> !other.equals(job))
                .map(other -> "lat." + other + "..")
                .toArray(String[]::new);
    }
}
