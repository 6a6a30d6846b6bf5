package dev.loupe.formats.voc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.CollectingSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocImporterTest {
    static final Path BCCD = CollectingSink.shared().resolve("data/bccd/BCCD");

    @TempDir
    Path tmp;

    @Test
    void importsBccdWithTheCountsAndSplitsOfItsSource() {
        CollectingSink s = CollectingSink.run(new VocImporter(BCCD, BCCD.resolve("JPEGImages"), null));
        // SOURCE.md: 364 images, 4888 boxes (RBC 4155, WBC 372, Platelets 361), train 205 / val 87 / test 72.
        assertThat(s.images).hasSize(364);
        assertThat(s.annotations).hasSize(4888);
        assertThat(s.countsByClass()).isEqualTo(Map.of("RBC", 4155L, "WBC", 372L, "Platelets", 361L));
        assertThat(s.images.stream().collect(Collectors.groupingBy(ImageRecord::split, Collectors.counting())))
                .isEqualTo(Map.of("train", 205L, "val", 87L, "test", 72L));
        assertThat(s.images).allMatch(i -> i.width() == 640 && i.height() == 480 && "jpeg".equals(i.format()));
        // BloodImage_00000.xml, first object: WBC xmin 260 ymin 177 xmax 491 ymax 376.
        assertThat(s.annotations.get(0).geometry()).isEqualTo(new Geometry.BoxShape(new Box(260, 177, 231, 199)));
        assertThat(s.categoryName(s.annotations.get(0))).isEqualTo("WBC");
        // The published labels hold two zero-size boxes; they are kept and reported with file and line.
        assertThat(s.issues).extracting(Issue::kind).containsOnly(IssueKind.DEGENERATE_BOX);
        assertThat(s.issues).extracting(Issue::file, Issue::location)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("BloodImage_00338.xml", "line 158"),
                        org.assertj.core.groups.Tuple.tuple("BloodImage_00343.xml", "line 50"));
    }

    @Test
    void reportsMalformedXmlBadNumbersUnknownClassesAndMissingImages() throws IOException {
        Path voc = Files.createDirectories(tmp.resolve("voc"));
        Files.writeString(voc.resolve("a.xml"), """
                <annotation><filename>a.jpg</filename><size><width>10</width><height>10</height></size>
                <object><name>cat</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox></object>
                <object><name>dog</name><bndbox><xmin>x</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox></object>
                <object><name>cow</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>15</xmax><ymax>5</ymax></bndbox></object>
                </annotation>
                """);
        Files.writeString(voc.resolve("b.xml"), "<annotation><filename>b.jpg</filename><object>");
        CollectingSink s = CollectingSink.run(new VocImporter(voc, tmp, List.of("cat", "dog")));
        assertThat(s.images).singleElement().satisfies(i -> {
            assertThat(i.path()).isEqualTo("a.jpg");
            assertThat(i.width()).isEqualTo(10);
        });
        assertThat(s.annotations).hasSize(2);
        assertThat(s.issues(IssueKind.MISSING_IMAGE_FILE)).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("a.jpg"));
        assertThat(s.issues(IssueKind.INVALID_VALUE)).singleElement().satisfies(i -> {
            assertThat(i.file()).isEqualTo("a.xml");
            assertThat(i.location()).isEqualTo("line 3");
            assertThat(i.message()).contains("xmin", "x, 1, 5, 5");
        });
        assertThat(s.issues(IssueKind.UNKNOWN_CATEGORY)).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("\"cow\""));
        assertThat(s.issues(IssueKind.BOX_OUTSIDE_IMAGE)).singleElement()
                .satisfies(i -> assertThat(i.location()).isEqualTo("line 4"));
        assertThat(s.issues(IssueKind.MALFORMED_FILE)).singleElement().satisfies(i -> {
            assertThat(i.file()).isEqualTo("b.xml");
            assertThat(i.location()).startsWith("line ");
        });
    }

    @Test
    void aByteThatIsNotUtf8IsAnIssueWithItsPositionAndNothingIsPrinted() throws IOException {
        Path voc = Files.createDirectories(tmp.resolve("voc8"));
        Files.write(voc.resolve("bad.xml"), "<annotation>\n<filename>b\u00e9\u00FF.jpg</filename></annotation>"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Files.writeString(voc.resolve("latin.xml"), "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><annotation>"
                + "<filename>ok.jpg</filename></annotation>");
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(printed, true));
        CollectingSink s;
        try {
            s = CollectingSink.run(new VocImporter(voc, tmp, null));
        } finally {
            System.setErr(err);
        }
        // the JDK's parser printed "[Fatal Error] :-1:-1: Invalid byte 1 of 1-byte UTF-8 sequence." itself
        assertThat(printed.toString()).isEmpty();
        assertThat(s.images).extracting(i -> i.path()).containsExactly("ok.jpg");
        assertThat(s.issues(IssueKind.MALFORMED_FILE)).singleElement().satisfies(i -> {
            assertThat(i.file()).isEqualTo("bad.xml");
            assertThat(i.location()).isEqualTo("line 2, column 12");
            assertThat(i.message()).contains("byte 0xE9 is not UTF-8");
        });
    }

    /** 700 KB of nesting took 101 s (a String.join of the whole path at every end tag). */
    @Test
    @org.junit.jupiter.api.Timeout(10)
    void deepNestingAndHugeTextAreRefusedWithTheLimitAndPosition() throws IOException {
        Path voc = Files.createDirectories(tmp.resolve("voc"));
        int depth = 50_000;
        Files.writeString(voc.resolve("deep.xml"), "<annotation><filename>d.jpg</filename>\n" + "<a>".repeat(depth)
                + "</a>".repeat(depth) + "</annotation>");
        Files.writeString(voc.resolve("text.xml"), "<annotation><filename>" + "x".repeat(200_000) + "</filename></annotation>");
        Files.writeString(voc.resolve("ok.xml"), "<annotation><filename>ok.jpg</filename></annotation>");
        CollectingSink s = CollectingSink.run(new VocImporter(voc, tmp, null));
        assertThat(s.images).extracting(i -> i.path()).containsExactly("ok.jpg");
        assertThat(s.issues(IssueKind.MALFORMED_FILE)).hasSize(2).anySatisfy(i -> {
            assertThat(i.file()).isEqualTo("deep.xml");
            assertThat(i.location()).isEqualTo("line 2, column " + (3 * 63 + 4));
            assertThat(i.message()).contains("elements nested deeper than 64");
        }).anySatisfy(i -> {
            assertThat(i.file()).isEqualTo("text.xml");
            assertThat(i.location()).startsWith("line 1, column ");
            assertThat(i.message()).contains("the text of <filename> is longer than 65536 characters");
        });
    }

    @Test
    void refusesAFolderWithoutXml() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> CollectingSink.run(new VocImporter(empty, tmp, null)))
                .isInstanceOf(LoupeException.class).hasMessageContaining("no Pascal VOC .xml files");
        assertThatThrownBy(() -> CollectingSink.run(new VocImporter(tmp.resolve("nope"), tmp, null)))
                .isInstanceOf(LoupeException.class).hasMessageContaining("not found");
    }
}
