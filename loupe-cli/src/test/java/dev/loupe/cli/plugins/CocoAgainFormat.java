package dev.loupe.cli.plugins;

import dev.loupe.core.model.PredictionSink;
import dev.loupe.formats.coco.CocoResultsReader;
import dev.loupe.formats.predictions.PredictionFormat;
import dev.loupe.formats.predictions.PredictionReader;
import dev.loupe.formats.predictions.PredictionRequest;
import dev.loupe.formats.predictions.ProjectCatalog;

/** A plugin's prediction format for the CLI tests: COCO results under another id. */
public final class CocoAgainFormat implements PredictionFormat {
    @Override
    public String id() {
        return "test-coco-again";
    }

    @Override
    public String description() {
        return "test: COCO results under another id";
    }

    @Override
    public PredictionReader open(PredictionRequest request) {
        CocoResultsReader coco = new CocoResultsReader(request.file());
        return new PredictionReader() {
            @Override
            public String format() {
                return "test-coco-again";
            }

            @Override
            public void read(ProjectCatalog project, long firstId, PredictionSink sink) {
                coco.read(project, firstId, sink);
            }
        };
    }
}
