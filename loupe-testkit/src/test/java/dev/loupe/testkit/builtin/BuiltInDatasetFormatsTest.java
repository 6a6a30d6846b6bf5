package dev.loupe.testkit.builtin;

import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.ImportRequest;
import dev.loupe.formats.coco.CocoFormat;
import dev.loupe.formats.folders.FoldersFormat;
import dev.loupe.formats.list.ImageListFormat;
import dev.loupe.formats.masks.BoxJsonFormat;
import dev.loupe.formats.masks.InstanceMaskFormat;
import dev.loupe.formats.voc.VocFormat;
import dev.loupe.formats.yolo.YoloFormat;
import dev.loupe.testkit.DatasetFormatContractTest;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** Every built-in dataset format passes the contract a plugin's format passes, on a fixture of its own. */
class BuiltInDatasetFormatsTest {
    @Nested
    class Coco extends DatasetFormatContractTest {
        @Override
        protected DatasetFormat format() {
            return new CocoFormat();
        }

        @Override
        protected ImportRequest fixture(Path dir) throws IOException {
            Fixtures.image(dir.resolve("images/a.png"), 8, 6);
            Path json = Fixtures.text(dir.resolve("instances.json"), "{\"images\": [{\"id\": 1, \"file_name\": \"a.png\", "
                    + "\"width\": 8, \"height\": 6}], \"categories\": [{\"id\": 1, \"name\": \"cat\"}], \"annotations\": "
                    + "[{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 1, 3, 2], \"area\": 6, \"iscrowd\": 0}]}");
            return new ImportRequest(dir.resolve("images"), json, null);
        }

        @Override
        protected BadInput badInput(Path dir) throws IOException {
            Fixtures.image(dir.resolve("images/a.png"), 8, 6);
            Path json = Fixtures.text(dir.resolve("list.json"), "[]");
            return new BadInput(new ImportRequest(dir.resolve("images"), json, null), json);
        }
    }

    @Nested
    class Voc extends DatasetFormatContractTest {
        @Override
        protected DatasetFormat format() {
            return new VocFormat();
        }

        @Override
        protected ImportRequest fixture(Path dir) throws IOException {
            Fixtures.image(dir.resolve("images/a.png"), 8, 6);
            Fixtures.text(dir.resolve("voc/a.xml"), "<annotation><filename>a.png</filename><size><width>8</width>"
                    + "<height>6</height><depth>3</depth></size><object><name>cat</name><difficult>0</difficult><bndbox>"
                    + "<xmin>2</xmin><ymin>2</ymin><xmax>5</xmax><ymax>4</ymax></bndbox></object></annotation>");
            return new ImportRequest(dir.resolve("images"), dir.resolve("voc"), null);
        }

        @Override
        protected BadInput badInput(Path dir) throws IOException {
            Fixtures.image(dir.resolve("images/a.png"), 8, 6);
            Path xml = Fixtures.text(dir.resolve("voc/a.xml"), "<annotation><filename>a.png</filename><size>");
            return new BadInput(new ImportRequest(dir.resolve("images"), dir.resolve("voc"), null), xml);
        }
    }

    @Nested
    class Yolo extends DatasetFormatContractTest {
        @Override
        protected DatasetFormat format() {
            return new YoloFormat();
        }

        @Override
        protected ImportRequest fixture(Path dir) throws IOException {
            Fixtures.image(dir.resolve("images/a.png"), 8, 6);
            Fixtures.text(dir.resolve("labels/a.txt"), "0 0.5 0.5 0.25 0.5\n");
            Path classes = Fixtures.text(dir.resolve("classes.txt"), "cat\n");
            return new ImportRequest(dir.resolve("images"), dir.resolve("labels"), classes);
        }

        @Override
        protected BadInput badInput(Path dir) throws IOException {
            Fixtures.image(dir.resolve("images/a.png"), 8, 6);
            Path txt = Fixtures.text(dir.resolve("labels/a.txt"), "0 0.5 zz\n");
            Path classes = Fixtures.text(dir.resolve("classes.txt"), "cat\n");
            return new BadInput(new ImportRequest(dir.resolve("images"), dir.resolve("labels"), classes), txt);
        }
    }

    @Nested
    class Folders extends DatasetFormatContractTest {
        @Override
        protected DatasetFormat format() {
            return new FoldersFormat();
        }

        @Override
        protected ImportRequest fixture(Path dir) throws IOException {
            Fixtures.image(dir.resolve("images/cat/a.png"), 8, 6);
            Fixtures.image(dir.resolve("images/dog/b.png"), 6, 8);
            return new ImportRequest(dir.resolve("images"), null, null);
        }

        @Override
        protected BadInput badInput(Path dir) throws IOException {
            Path empty = java.nio.file.Files.createDirectories(dir.resolve("no-images"));
            return new BadInput(new ImportRequest(empty, null, null), empty);
        }
    }

    @Nested
    class Masks extends DatasetFormatContractTest {
        @Override
        protected DatasetFormat format() {
            return new InstanceMaskFormat();
        }

        @Override
        protected ImportRequest fixture(Path dir) throws IOException {
            Fixtures.image(dir.resolve("images/v/a.png"), 4, 3);
            Fixtures.greyMask(dir.resolve("masks/v/a.png"), new int[][] {{1, 1, 0, 2}, {1, 0, 0, 2}, {0, 0, 2, 2}});
            return new ImportRequest(dir.resolve("images"), dir.resolve("masks"), null);
        }

        @Override
        protected BadInput badInput(Path dir) throws IOException {
            Fixtures.image(dir.resolve("images/v/a.png"), 4, 3);
            Path mask = Fixtures.text(dir.resolve("masks/v/a.png"), "not a png");
            return new BadInput(new ImportRequest(dir.resolve("images"), dir.resolve("masks"), null), mask);
        }
    }

    @Nested
    class BoxesJson extends DatasetFormatContractTest {
        @Override
        protected DatasetFormat format() {
            return new BoxJsonFormat();
        }

        @Override
        protected ImportRequest fixture(Path dir) throws IOException {
            Fixtures.image(dir.resolve("images/v/a.png"), 8, 6);
            Fixtures.text(dir.resolve("labels/v/a.json"), "{\"1\": {\"x\": 0.25, \"y\": 0.5, \"w\": 0.5, \"h\": 0.25}}");
            return new ImportRequest(dir.resolve("images"), dir.resolve("labels"), null);
        }

        @Override
        protected BadInput badInput(Path dir) throws IOException {
            Fixtures.image(dir.resolve("images/v/a.png"), 8, 6);
            Path json = Fixtures.text(dir.resolve("labels/v/a.json"), "{\"1\": {\"x\": ");
            return new BadInput(new ImportRequest(dir.resolve("images"), dir.resolve("labels"), null), json);
        }
    }

    @Nested
    class ImageList extends DatasetFormatContractTest {
        @Override
        protected DatasetFormat format() {
            return new ImageListFormat();
        }

        @Override
        protected ImportRequest fixture(Path dir) throws IOException {
            Fixtures.image(dir.resolve("images/a.png"), 8, 6);
            Fixtures.image(dir.resolve("images/v/b.png"), 6, 8);
            Path list = Fixtures.text(dir.resolve("list.txt"), "a.png\tcat\nv/b.png\n");
            return new ImportRequest(dir.resolve("images"), list, null);
        }

        @Override
        protected BadInput badInput(Path dir) throws IOException {
            Fixtures.image(dir.resolve("images/a.png"), 8, 6);
            Path list = Fixtures.text(dir.resolve("list.txt"), "a.png\nnot-there.png\n");
            return new BadInput(new ImportRequest(dir.resolve("images"), list, null), list);
        }
    }
}
