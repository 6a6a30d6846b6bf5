package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'loupe init' on every shared dataset gives the counts of its SOURCE.md, checked through 'info --json'. */
class InitAndInfoTest {
    static final Path DATA = CliRun.shared().resolve("data");

    @TempDir
    Path tmp;

    @Test
    void bccdAsVoc() throws Exception {
        JsonNode info = initAndInfo("--images", DATA.resolve("bccd/BCCD/JPEGImages").toString(),
                "--voc", DATA.resolve("bccd/BCCD").toString());
        assertThat(info.get("format").asText()).isEqualTo("voc");
        assertThat(info.get("images").asLong()).isEqualTo(364);
        assertThat(info.get("annotations").asLong()).isEqualTo(4888);
        assertThat(perClass(info)).isEqualTo(Map.of("RBC", 4155L, "WBC", 372L, "Platelets", 361L));
        assertThat(info.get("splits").toString()).isEqualTo("{\"test\":72,\"train\":205,\"val\":87}");
        assertThat(info.at("/issues/total").asLong()).isEqualTo(2);
        assertThat(info.at("/issues/byKind/0/kind").asText()).isEqualTo("degenerate_box");
        assertThat(info.at("/issues/byKind/0/examples/0/file").asText()).isEqualTo("BloodImage_00338.xml");
    }

    @Test
    void voc100AsCocoVocAndYolo() throws Exception {
        String images = DATA.resolve("voc100/images").toString();
        JsonNode coco = initAndInfo("--images", images, "--coco", DATA.resolve("voc100/gts/coco_format_v1/instances_default.json").toString());
        JsonNode voc = initAndInfo("--images", images, "--voc", DATA.resolve("voc100/gts/pascalvoc_format").toString());
        JsonNode yolo = initAndInfo("--images", images, "--yolo", DATA.resolve("voc100/gts/yolo_format").toString(),
                "--classes", DATA.resolve("voc100/gts/yolo_format/obj.names").toString());
        for (JsonNode info : new JsonNode[] {coco, voc, yolo}) {
            assertThat(info.get("images").asLong()).isEqualTo(100);
            assertThat(info.get("annotations").asLong()).isEqualTo(273);
            assertThat(info.get("categories")).hasSize(20);
            assertThat(info.at("/issues/total").asLong()).isZero();
            assertThat(perClass(info)).isEqualTo(perClass(coco));
        }
        // VOC's own difficult flag (38 objects), kept by the VOC import only; info prints it.
        assertThat(voc.get("difficultAnnotations").asLong()).isEqualTo(38);
        assertThat(coco.get("difficultAnnotations").asLong()).isZero();
    }

    @Test
    void encordExamplesAsFoldersMasksAndBoxJson() throws Exception {
        Path ea = DATA.resolve("encord-examples");
        JsonNode folders = initAndInfo("--images", ea.resolve("classification").toString(), "--folders");
        assertThat(folders.get("images").asLong()).isEqualTo(28);
        assertThat(perClass(folders)).isEqualTo(Map.of("cat", 7L, "dog", 9L, "horse", 12L));
        assertThat(folders.at("/annotationsByKind/label").asLong()).isEqualTo(28);

        String frames = ea.resolve("video_frames_boxes_masks/JPEGImages").toString();
        JsonNode masks = initAndInfo("--images", frames, "--masks", ea.resolve("video_frames_boxes_masks/Annotations").toString());
        assertThat(masks.get("images").asLong()).isEqualTo(21);
        assertThat(masks.at("/annotationsByKind/mask").asLong()).isEqualTo(21);
        assertThat(perClass(masks)).isEqualTo(Map.of("shark", 7L, "airplane", 7L, "elephant", 7L));
        assertThat(masks.at("/issues/total").asLong()).isZero();

        JsonNode boxes = initAndInfo("--images", frames, "--boxes-json", ea.resolve("video_frames_boxes_masks/Annotations").toString());
        assertThat(boxes.at("/annotationsByKind/box").asLong()).isEqualTo(21);
        assertThat(perClass(boxes)).isEqualTo(perClass(masks));
    }

    @Test
    void textInfoListsClassesAndIssueExamples() {
        Path project = tmp.resolve("bccd");
        assertThat(CliRun.of("init", project.toString(), "--images", DATA.resolve("bccd/BCCD/JPEGImages").toString(),
                "--voc", DATA.resolve("bccd/BCCD").toString()).out())
                .contains("364 images, 4888 annotations, 2 issues").contains("degenerate_box");
        CliRun info = CliRun.of("info", project.toString());
        assertThat(info.exitCode()).isZero();
        assertThat(info.out()).contains("Platelets").contains("BloodImage_00338.xml line 158: box [504, 337, 0, 0]");
    }

    private int counter;

    /** train/<class>/ and val/<class>/ were read as classes "train" and "val"; init now says how it read them. */
    @Test
    void classFoldersUnderSplitFoldersKeepTheirSplit() throws Exception {
        Path root = tmp.resolve("split-layout");
        Path photos = DATA.resolve("encord-examples/classification");
        for (String cls : new String[] {"cat", "dog", "horse"}) {
            try (var files = Files.list(photos.resolve(cls))) {
                int n = 0;
                for (Path f : files.sorted().toList()) {
                    Path target = root.resolve((n++ % 4 == 0 ? "Val" : "train") + "/" + cls + "/" + f.getFileName());
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target);
                }
            }
        }
        Path project = tmp.resolve("split-project");
        CliRun init = CliRun.of("init", project.toString(), "--images", root.toString(), "--folders");
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("Layout: 2 splits (train, val), 3 classes; split folders read as Val as val\n");
        CliRun info = CliRun.of("info", project.toString(), "--json");
        JsonNode json = new ObjectMapper().readTree(info.out());
        assertThat(perClass(json)).isEqualTo(Map.of("cat", 7L, "dog", 9L, "horse", 12L));
        // Every 4th photo of each class (indices 0, 4, 8, ...): cat 2 of 7, dog 3 of 9, horse 3 of 12.
        assertThat(json.get("splits").toString()).contains("\"train\":20", "\"val\":8");
    }

    private JsonNode initAndInfo(String... initArgs) throws Exception {
        Path project = tmp.resolve("p" + counter++);
        String[] args = new String[initArgs.length + 2];
        args[0] = "init";
        args[1] = project.toString();
        System.arraycopy(initArgs, 0, args, 2, initArgs.length);
        CliRun init = CliRun.of(args);
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(Files.isDirectory(project)).isTrue();
        CliRun info = CliRun.of("info", project.toString(), "--json");
        assertThat(info.exitCode()).as(info.err()).isZero();
        return new ObjectMapper().readTree(info.out());
    }

    private static Map<String, Long> perClass(JsonNode info) {
        Map<String, Long> out = new TreeMap<>();
        for (JsonNode c : info.get("categories")) {
            out.put(c.get("name").asText(), c.get("annotations").asLong());
        }
        return out;
    }
}
