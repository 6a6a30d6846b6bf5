package dev.loupe.formats.predictions;

/** The built-in {@code classification-csv} prediction format. */
public final class ClassificationCsvFormat implements PredictionFormat {
    @Override
    public String id() {
        return "classification-csv";
    }

    @Override
    public String description() {
        return "classification CSV: header image,CLASS,...; one row per image, a probability in [0, 1] per class";
    }

    @Override
    public PredictionReader open(PredictionRequest r) {
        return new ClassificationCsvReader(r.file());
    }
}
