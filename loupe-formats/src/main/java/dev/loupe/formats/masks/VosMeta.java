package dev.loupe.formats.masks;

import dev.loupe.formats.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A YouTube-VOS style {@code meta.json}: the category of each instance of each video,
 * {@code {"videos": {"<video>": {"objects": {"<instance id>": {"category": "shark", ...}}}}}}.
 * Other keys ("frames") are ignored. Its size grows with the number of objects, not of frames.
 */
final class VosMeta {
    static final String FILE_NAME = "meta.json";

    private final String file;
    private final Map<String, Map<String, String>> categoryByVideo = new HashMap<>();
    private final LinkedHashSet<String> categoryNames = new LinkedHashSet<>();

    private VosMeta(String file) {
        this.file = file;
    }

    /**
     * Reads {@code meta.json} from the labels folder, else from its parent (YouTube-VOS keeps it
     * beside Annotations/), or returns empty when neither exists. An object whose category is not
     * a string becomes an INVALID_VALUE issue and is left out (its instances then have an unknown
     * category).
     *
     * @throws LoupeException when the file exists but is not JSON: every category would be wrong
     */
    static Optional<VosMeta> find(Path labelsRoot, Consumer<Issue> issues) {
        Path inRoot = labelsRoot.resolve(FILE_NAME);
        if (Files.isRegularFile(inRoot)) {
            return Optional.of(read(inRoot, FILE_NAME, issues));
        }
        Path parent = labelsRoot.getParent();
        if (parent != null && Files.isRegularFile(parent.resolve(FILE_NAME))) {
            return Optional.of(read(parent.resolve(FILE_NAME), "../" + FILE_NAME, issues));
        }
        return Optional.empty();
    }

    /** The meta file as named in issues, relative to the labels folder. */
    String file() {
        return file;
    }

    /** Category names in the order the file first lists them. */
    List<String> categoryNames() {
        return new ArrayList<>(categoryNames);
    }

    /** The category name of an instance of a video, or null when the file does not list it. */
    String category(String video, String instanceId) {
        Map<String, String> objects = categoryByVideo.get(video);
        return objects == null ? null : objects.get(instanceId);
    }

    private static VosMeta read(Path path, String name, Consumer<Issue> issues) {
        VosMeta meta = new VosMeta(name);
        try (JsonParser p = Json.FACTORY.createParser(path.toFile())) {
            try {
                meta.readTop(p, path, issues);
            } catch (JsonProcessingException e) {
                throw new LoupeException(LoupeException.Reason.BAD_INPUT, path + " " + Json.position(e, p) + ": "
                        + Json.problem(e) + "; no category was read", e);
            }
        } catch (IOException e) {
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, "cannot read " + path + ": " + e.getMessage(), e);
        }
        return meta;
    }

    private void readTop(JsonParser p, Path path, Consumer<Issue> issues) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw LoupeException.badInput(path + ": expected a JSON object {\"videos\": {...}}, got "
                    + Json.describe(p.currentToken()));
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (key.equals("videos") && t == JsonToken.START_OBJECT) {
                readVideos(p, issues);
            } else {
                if (key.equals("videos")) {
                    throw LoupeException.badInput(path + " /videos: expected an object of videos, got "
                            + Json.describe(t));
                }
                p.skipChildren();
            }
        }
    }

    private void readVideos(JsonParser p, Consumer<Issue> issues) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String video = p.currentName();
            String videoPointer = "/videos" + Json.segment(video);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                issues.accept(invalid(videoPointer, "video " + video + " is " + Json.describe(p.currentToken())
                        + "; expected an object {\"objects\": {...}}"));
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                if (key.equals("objects") && t == JsonToken.START_OBJECT) {
                    readObjects(p, video, videoPointer + "/objects", issues);
                } else {
                    if (key.equals("objects")) {
                        issues.accept(invalid(videoPointer + "/objects", "objects of video " + video + " is "
                                + Json.describe(t) + "; expected an object of instance id -> {\"category\": name}"));
                    }
                    p.skipChildren();
                }
            }
        }
    }

    private void readObjects(JsonParser p, String video, String pointer, Consumer<Issue> issues) throws IOException {
        Map<String, String> objects = categoryByVideo.computeIfAbsent(video, v -> new HashMap<>());
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String instance = p.currentName();
            String objectPointer = pointer + Json.segment(instance);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                issues.accept(invalid(objectPointer, "object " + instance + " of video " + video + " is "
                        + Json.describe(p.currentToken()) + "; expected an object {\"category\": name}"));
                p.skipChildren();
                continue;
            }
            String category = null;
            boolean hasCategoryKey = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                if (key.equals("category")) {
                    hasCategoryKey = true;
                    if (t == JsonToken.VALUE_STRING && !p.getText().isBlank()) {
                        category = p.getText();
                    } else {
                        issues.accept(invalid(objectPointer + "/category", "category of object " + instance
                                + " of video " + video + " is " + (t == JsonToken.VALUE_STRING ? "blank"
                                : Json.describe(t)) + "; expected a class name"));
                    }
                }
                p.skipChildren();
            }
            if (category != null) {
                objects.put(instance, category);
                categoryNames.add(category);
            } else if (!hasCategoryKey) {
                // Reported once here; each labelled instance of it then also gets UNKNOWN_CATEGORY.
                issues.accept(invalid(objectPointer, "object " + instance + " of video " + video
                        + " has no \"category\"; expected {\"category\": name}"));
            }
        }
    }

    private Issue invalid(String pointer, String message) {
        return new Issue(IssueKind.INVALID_VALUE, "category", null, file, pointer, message);
    }
}
