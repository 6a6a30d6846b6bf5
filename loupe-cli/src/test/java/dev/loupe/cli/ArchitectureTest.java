package dev.loupe.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/ARCHITECTURE.md, enforced on the compiled main classes of every module (this
 * module's test class path holds them all). Heavy libraries stay where they belong: DuckDB and JDBC
 * in the store, ONNX Runtime in one file of the embedding module, Javalin in the server, picocli in
 * the CLI; the plugin API needs nothing but the JDK; no lower layer reaches up.
 */
class ArchitectureTest {
    private static JavaClasses loupe;

    @BeforeAll
    static void importClasses() {
        loupe = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.loupe");
    }

    @Test
    void thePluginApiNeedsOnlyTheJdk() {
        check(classes().that().resideInAPackage("dev.loupe.api..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.loupe.api..", "java..")
                .because("plugin authors compile against loupe-api alone"));
    }

    @Test
    void coreNeedsOnlyTheApiTheJdkAndItsHash() {
        check(classes().that().resideInAPackage("dev.loupe.core..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.loupe.api..", "dev.loupe.core..", "java..", "javax.imageio..", "org.w3c.dom..",
                        "com.dynatrace.hash4j..")
                .because("metrics run anywhere, Spark executors included; hash4j is the one library (near-duplicate hashes)"));
    }

    @Test
    void duckDbAndJdbcStayInTheStore() {
        check(noClasses().that().resideOutsideOfPackage("dev.loupe.store..").should().dependOnClassesThat()
                .resideInAnyPackage("org.duckdb..", "java.sql..")
                .because("every query lives in loupe-store, parameterised"));
    }

    @Test
    void onnxRuntimeStaysInOneEmbeddingFile() {
        check(noClasses().that().doNotHaveFullyQualifiedName("dev.loupe.embed.model.OnnxEmbeddingModel")
                .should().dependOnClassesThat().resideInAPackage("ai.onnxruntime..")
                .because("ONNX Runtime's natives load only where a model runs (loupe-bench, outside this scan, times "
                        + "the bare runtime as its baseline)"));
    }

    @Test
    void theServerDoesNotRunModels() {
        check(noClasses().that().resideInAPackage("dev.loupe.server..").should().dependOnClassesThat()
                .resideInAnyPackage("ai.onnxruntime..", "dev.loupe.embed.model..", "dev.loupe.embed.onnx..",
                        "dev.loupe.embed.tfjs..")
                .because("the server serves stored vectors; 'loupe embed' computes them"));
    }

    @Test
    void theServerAndItsUseCasesNeedNoEmbeddingModule() {
        check(noClasses().that().resideInAnyPackage("dev.loupe.server..", "dev.loupe.app..").should().dependOnClassesThat()
                .resideInAnyPackage("ai.onnxruntime..", "dev.loupe.embed..")
                .because("similar items need only loupe-knn's search over stored vectors; loupe-embed would bring ONNX "
                        + "Runtime's natives onto the server's class path"));
    }

    @Test
    void theKnnModuleNeedsOnlyTheJdkAndLucene() {
        check(classes().that().resideInAPackage("dev.loupe.knn..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.loupe.knn..", "java..", "org.apache.lucene..")
                .because("the server searches vectors with it; lucene-core (pure Java, no dependencies) only for the benchmark's Lucene baseline"));
    }

    @Test
    void javalinStaysInTheServerAndPicocliInTheCli() {
        check(noClasses().that().resideOutsideOfPackage("dev.loupe.server..").should().dependOnClassesThat()
                .resideInAPackage("io.javalin.."));
        check(noClasses().that().resideOutsideOfPackage("dev.loupe.cli..").should().dependOnClassesThat()
                .resideInAPackage("picocli.."));
    }

    @Test
    void noLayerReachesUp() {
        check(noClasses().that().resideInAnyPackage("dev.loupe.api..", "dev.loupe.core..", "dev.loupe.formats..",
                "dev.loupe.eval..", "dev.loupe.knn..", "dev.loupe.embed..", "dev.loupe.store..", "dev.loupe.app..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.loupe.server..", "dev.loupe.cli..")
                .because("use cases live in loupe-app; the server and the CLI are adapters over it"));
        check(noClasses().that().resideInAPackage("dev.loupe.server..").should().dependOnClassesThat()
                .resideInAPackage("dev.loupe.cli.."));
        check(noClasses().that().resideInAnyPackage("dev.loupe.eval..", "dev.loupe.formats..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.loupe.store..", "dev.loupe.embed..", "dev.loupe.app.."));
    }

    private static void check(ArchRule rule) {
        rule.check(loupe);
    }
}
