package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/openapi.json} is valid OpenAPI 3.0.3 as swagger-parser (the validator of the
 * Swagger tools) reads it: no error and no warning. The issue counted 4 errors in it.
 */
class OpenApiDocumentTest {
    @Test
    void theDocumentIsValidOpenApi() throws IOException {
        String json;
        try (InputStream in = ApiRoutes.class.getResourceAsStream("openapi.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.0.3");
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    }
}
