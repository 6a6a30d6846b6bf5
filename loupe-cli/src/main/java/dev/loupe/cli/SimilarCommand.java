package dev.loupe.cli;

import dev.loupe.app.StoreLender;
import dev.loupe.app.WireJson;
import dev.loupe.app.similar.EmbeddingIndexes;
import dev.loupe.app.similar.SimilarImages;
import dev.loupe.api.PixelImage;
import dev.loupe.core.LoupeException;
import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.core.embed.VectorKeys;
import dev.loupe.core.image.ImageDecoder;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.embed.model.EmbeddingModel;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loupe similar}: the images most similar to an image of the project or to any image file. */
@Command(name = "similar", mixinStandardHelpOptions = true,
        description = {"Show the k images of a project most similar to a query image.",
            "Cosine similarity of embeddings: run 'loupe embed' first with the same --model. The query is an image",
            "id, an image path relative to the project's images folder, or any image file (embedded now)."})
final class SimilarCommand implements Callable<Integer>, ProjectCommand {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
    Path project;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "image id, project image path, or image file")
    String query;

    @Option(names = {"-k"}, paramLabel = "K", defaultValue = "10", description = "number of neighbours (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Mixin
    ModelOptions modelOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Path project() {
        return project;
    }

    @Override
    public Integer call() {
        if (k < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-k must be >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ProjectStore store = ProjectStore.openForReading(project); EmbeddingModel model = modelOptions.open();
             EmbeddingIndexes indexes = new EmbeddingIndexes(StoreLender.of(store), note -> spec.commandLine().getErr().println("loupe: " + note))) {
            EmbeddingModelInfo info = store.embeddings().models().stream().filter(m -> m.name().equals(model.name())).findFirst()
                    .orElseThrow(() -> LoupeException.badInput(project + " has no embeddings of model " + model.name()
                            + ": run 'loupe embed " + project + " --model " + modelOptions.model + "' first"));
            List<ImageRecord> images = store.labels().images();
            SimilarImages similar = new SimilarImages(StoreLender.of(store), indexes);
            List<SimilarImages.Hit> hits;
            if (info.images() <= EmbeddingIndexes.defaultExactLimit()) {
                // One query: stream the vectors past it instead of reading them all (0.9 GB and 10-27 s at 10^4 x 1280-d).
                // The flat file embed wrote when it is current, else the vectors streamed from the store.
                VectorKeys keys = store.embeddings().imageVectorKeys(info.id());
                int self = findStored(keys, images, store.labels().imagesRoot());
                float[] external = self >= 0 ? null : model.embed(List.of(decode(Path.of(query))))[0];
                hits = similar.flat(EmbeddingIndexes.flatImageVectors(store.dir(), info), EmbeddingIndexes.key(info, keys), keys, self,
                        external, k);
                if (hits == null) {
                    float[] raw = self >= 0 ? store.embeddings().imageVector(info.id(), keys.ids()[self]) : external;
                    hits = similar.scan(info.id(), keys, raw, self, k);
                }
            } else {
                EmbeddingIndexes.Loaded loaded = indexes.images(info.name());
                int self = findStored(loaded.keys(), images, store.labels().imagesRoot());
                float[] q = self >= 0 ? loaded.index().vector(self) : loaded.index().query(model.embed(List.of(decode(Path.of(query))))[0]);
                hits = similar.neighbours(loaded, q, k, self);
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("query", query);
                doc.put("model", model.name());
                doc.put("neighbours", hits);
                out.println(WireJson.pretty(doc));
            } else {
                out.printf("Most similar to %s (%s, cosine similarity):%n", query, model.name());
                for (SimilarImages.Hit h : hits) {
                    out.printf("%3d  %.4f  %6d  %s%n", h.rank(), h.similarity(), h.imageId(), h.path());
                }
            }
        }
        return 0;
    }

    /**
     * The row of the query among stored vectors when it names a project image (an id, a path relative
     * to the images folder, or any path to a file of the project), else -1.
     */
    private int findStored(VectorKeys set, List<ImageRecord> images, Path imagesRoot) {
        Long id = null;
        if (query.matches("\\d{1,18}")) {
            long n = Long.parseLong(query);
            if (images.stream().noneMatch(r -> r.id() == n)) {
                throw LoupeException.badInput("no image with id " + query + " in " + project + " (it has " + images.size()
                        + " images; see 'loupe info')");
            }
            id = n;
        } else {
            String normal = query.replace('\\', '/');
            String inProject = projectPath(imagesRoot);
            for (ImageRecord r : images) {
                if (r.path().equals(normal) || r.path().equals(inProject)) {
                    id = r.id();
                    break;
                }
            }
        }
        if (id == null) {
            return -1;
        }
        int row = java.util.Arrays.binarySearch(set.ids(), id);
        if (row < 0) {
            throw LoupeException.badInput("image " + query + " has no embedding (it could not be read; see 'loupe info')");
        }
        return row;
    }

    /** The query file's path relative to the images folder when it is a file inside it, else null. */
    private String projectPath(Path imagesRoot) {
        try {
            Path file = Path.of(query);
            if (!Files.isRegularFile(file)) {
                return null;
            }
            Path root = imagesRoot.toRealPath();
            Path real = file.toRealPath();
            return real.startsWith(root) ? root.relativize(real).toString().replace('\\', '/') : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private PixelImage decode(Path file) {
        if (!Files.isRegularFile(file)) {
            throw LoupeException.badInput("no image with id or path '" + query + "' in " + project + ", and no such file");
        }
        try {
            return ImageDecoder.decode(file);
        } catch (IOException | RuntimeException e) {
            throw LoupeException.badInput(file + ": cannot decode the image: " + e.getMessage());
        }
    }
}
