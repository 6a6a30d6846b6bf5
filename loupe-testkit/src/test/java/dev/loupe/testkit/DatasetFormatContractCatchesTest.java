package dev.loupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImportRequest;
import dev.loupe.formats.LabelInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset format contract fails the formats that break it, naming the rule (checked on broken formats). */
class DatasetFormatContractCatchesTest {
    @TempDir
    Path tmp;

    /** Streams an annotation before its image, and refuses bad input without naming the file; in no service file. */
    public static final class Careless implements DatasetFormat {
        @Override
        public String id() {
            return "careless";
        }

        @Override
        public String description() {
            return "test: breaks the rules";
        }

        @Override
        public LabelInput labels() {
            return LabelInput.file("list");
        }

        @Override
        public DatasetImporter open(ImportRequest request) {
            return new DatasetImporter() {
                @Override
                public String format() {
                    return "careless";
                }

                @Override
                public void read(DatasetSink sink) {
                    if (request.labels().getFileName().toString().startsWith("bad")) {
                        throw LoupeException.badInput("cannot read the list");
                    }
                    sink.category(new Category(1, "cat", null, null));
                    sink.annotation(Annotation.of(1, 1, 1, new Geometry.ImageLabel(), null));
                    sink.image(new ImageRecord(1, "a.png", 1, 1, "png", null, 1, null));
                }
            };
        }
    }

    /** The contract's checks on Careless, by name: null when a check passed, else its message. */
    private Map<String, String> outcomes() {
        DatasetFormatContractTest test = new DatasetFormatContractTest() {
            @Override
            protected DatasetFormat format() {
                return new Careless();
            }

            @Override
            protected ImportRequest fixture(Path dir) throws IOException {
                Files.createDirectories(dir.resolve("images"));
                Files.write(dir.resolve("images/a.png"), new byte[] {1});
                return new ImportRequest(dir.resolve("images"), Files.writeString(dir.resolve("list.txt"), "a.png,cat"), null);
            }

            @Override
            protected BadInput badInput(Path dir) throws IOException {
                Files.createDirectories(dir);
                Path bad = Files.writeString(dir.resolve("bad-list.txt"), "?");
                return new BadInput(new ImportRequest(dir, bad, null), bad);
            }
        };
        test.dir = tmp;
        return test.datasetFormatContract().collect(Collectors.toMap(DynamicTest::getDisplayName, t -> {
            try {
                t.getExecutable().execute();
                return "passed";
            } catch (Throwable e) {
                return e.getMessage();
            }
        }));
    }

    @Test
    void eachBrokenRuleFailsItsCheckByName() {
        Map<String, String> out = outcomes();
        assertThat(out.get("careless: id, description and label input")).isEqualTo("passed");
        assertThat(out.get("careless: public no-argument constructor")).isEqualTo("passed");
        assertThat(out.get("careless: listed in META-INF/services")).contains("Careless is not listed in any META-INF/services");
        assertThat(out.get("careless: streams the fixture in order, ids unique, no issues"))
                .contains("annotation 1's image came before it");
        assertThat(out.get("careless: bad input names the file")).contains("the message of a source it refuses names the file")
                .contains("bad-list.txt");
    }

    @Test
    void anIdThatIsNotACommandLineNameFails() {
        assertThatThrownBy(() -> ServiceChecks.id(new Careless(), f -> "Not An Id", "x")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("id (lower case letters, digits, '-')");
    }
}
