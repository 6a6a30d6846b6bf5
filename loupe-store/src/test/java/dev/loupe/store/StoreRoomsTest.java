package dev.loupe.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store's rooms stay rooms (docs/ARCHITECTURE.md): {@code sql} imports nothing else of the store,
 * {@code filter} only {@code sql}, and each room only {@code sql} and {@code filter}, never another
 * room nor {@link ProjectStore}, which alone opens projects and hands the rooms out.
 */
class StoreRoomsTest {
    static final List<String> ROOMS = List.of("labels", "browse", "metrics", "predictions", "vectors", "tags", "parquet",
            "write");

    private static JavaClasses store;

    @BeforeAll
    static void importClasses() {
        store = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.loupe.store");
    }

    @Test
    void sqlHelpersImportNoOtherPartOfTheStore() {
        check(noClasses().that().resideInAPackage("dev.loupe.store.sql..").should().dependOnClassesThat()
                .resideInAnyPackage(packages(Stream.concat(ROOMS.stream(), Stream.of("filter")).toList()))
                .because("every room builds on the SQL helpers; they know no room").evaluate(store));
    }

    @Test
    void theFilterVocabularyImportsOnlyTheSqlHelpers() {
        check(noClasses().that().resideInAPackage("dev.loupe.store.filter..").should().dependOnClassesThat()
                .resideInAnyPackage(packages(ROOMS))
                .because("every room that selects items reads filters; filters know no room").evaluate(store));
    }

    @Test
    void roomsDoNotImportEachOther() {
        List<EvaluationResult> results = new ArrayList<>();
        for (String room : ROOMS) {
            List<String> others = ROOMS.stream().filter(r -> !r.equals(room)).toList();
            results.add(noClasses().that().resideInAPackage("dev.loupe.store." + room + "..").should().dependOnClassesThat()
                    .resideInAnyPackage(packages(others))
                    .because("a room shares only the SQL helpers and the filter vocabulary; ProjectStore wires rooms")
                    .evaluate(store));
        }
        check(results.toArray(EvaluationResult[]::new));
    }

    private static String[] packages(List<String> names) {
        List<String> out = new ArrayList<>(names.stream().map(n -> "dev.loupe.store." + n + "..").toList());
        out.add("dev.loupe.store"); // the root package alone: ProjectStore, ImportSource, ImportResult
        return out.toArray(String[]::new);
    }

    private static void check(EvaluationResult... results) {
        List<String> violations = new ArrayList<>();
        for (EvaluationResult r : results) {
            violations.addAll(r.getFailureReport().getDetails());
        }
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " import(s) across the store's rooms:\n"
                    + String.join("\n", violations));
        }
    }
}
