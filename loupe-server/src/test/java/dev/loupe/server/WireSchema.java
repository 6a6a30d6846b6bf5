package dev.loupe.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON answer against the 200 schema of its operation in {@code /api/openapi.json}: the
 * subset of OpenAPI 3.0 the document uses ($ref, allOf, oneOf, type, nullable, enum, required,
 * properties, items, additionalProperties). A property the schema does not name is a problem too,
 * so the document lists every field the server sends. Returns the problems, each with its JSON path.
 */
final class WireSchema {
    private final JsonNode doc;

    WireSchema(JsonNode doc) {
        this.doc = doc;
    }

    /** The schema of a GET operation's 200 JSON answer. */
    JsonNode responseOf(String path) {
        return doc.at("/paths/" + path.replace("~", "~0").replace("/", "~1") + "/get/responses/200/content/application~1json/schema");
    }

    /** The problems of each answer of {@code urls} (operation path to URL) against its operation's schema. */
    static List<String> problems(Http http, Map<String, String> urls) {
        WireSchema schema = new WireSchema(http.get("/api/openapi.json").json());
        List<String> problems = new ArrayList<>();
        urls.forEach((operation, url) -> {
            JsonNode expected = schema.responseOf(operation);
            Http.Reply reply = http.get(url);
            if (expected.isMissingNode()) {
                problems.add(operation + ": no 200 schema");
            } else if (reply.status() != 200) {
                problems.add(url + ": status " + reply.status());
            } else {
                // one line per field, not per array element
                schema.check(expected, reply.json()).stream().map(p -> url + " " + p.replaceAll("\\[\\d+]", "[]")).distinct()
                        .forEach(problems::add);
            }
        });
        return problems;
    }

    List<String> check(JsonNode schema, JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(schema, value, "$", problems);
        return problems;
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            schema = doc.at(schema.get("$ref").asText().substring(1));
        }
        return schema;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> problems) {
        schema = resolve(schema);
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                problems.add(at + ": null but not nullable");
            }
            return;
        }
        if (schema.has("oneOf")) {
            int matching = 0;
            List<String> closest = null;
            for (JsonNode alt : schema.get("oneOf")) {
                List<String> own = new ArrayList<>();
                check(alt, value, at, own);
                matching += own.isEmpty() ? 1 : 0;
                closest = closest == null || own.size() < closest.size() ? own : closest;
            }
            if (matching == 0) {
                problems.addAll(closest);
            } else if (matching > 1) {
                problems.add(at + ": matches " + matching + " of the oneOf alternatives, not 1");
            }
            return;
        }
        if (schema.has("allOf") && schema.get("allOf").size() == 1 && !schema.has("properties")) {
            check(schema.get("allOf").get(0), value, at, problems);
            return;
        }
        if (schema.has("allOf")) {
            checkObject(schema, value, at, problems);
            return;
        }
        String type = schema.path("type").asText("");
        boolean ok = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!ok) {
            problems.add(at + ": " + value.getNodeType() + " where the schema says " + type);
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode e : schema.get("enum")) {
                listed |= e.equals(value);
            }
            if (!listed) {
                problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "[" + i + "]", problems);
            }
        }
        if (value.isObject()) {
            checkObject(schema, value, at, problems);
        }
    }

    /** Properties and required names gathered over allOf; every field of the value named, every required one present. */
    private void checkObject(JsonNode schema, JsonNode value, String at, List<String> problems) {
        List<JsonNode> parts = new ArrayList<>();
        collect(schema, parts);
        if (!value.isObject()) {
            problems.add(at + ": " + value.getNodeType() + " where the schema says object");
            return;
        }
        for (JsonNode part : parts) {
            for (JsonNode name : part.path("required")) {
                if (!value.has(name.asText())) {
                    problems.add(at + "." + name.asText() + ": required but missing");
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode property = null;
            for (JsonNode part : parts) {
                if (part.path("properties").has(field.getKey())) {
                    property = part.get("properties").get(field.getKey());
                } else if (property == null && part.has("additionalProperties")) {
                    property = part.get("additionalProperties");
                }
            }
            if (property == null) {
                boolean free = parts.stream().noneMatch(p -> p.has("properties") || p.has("additionalProperties"));
                if (!free) {
                    problems.add(at + "." + field.getKey() + ": not in the schema");
                }
            } else {
                check(property, field.getValue(), at + "." + field.getKey(), problems);
            }
        }
    }

    private void collect(JsonNode schema, List<JsonNode> parts) {
        schema = resolve(schema);
        parts.add(schema);
        for (JsonNode part : schema.path("allOf")) {
            collect(part, parts);
        }
    }
}
