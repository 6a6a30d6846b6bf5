package dev.loupe.formats.predictions;

import dev.loupe.core.plugin.ExtensionRegistry;

/** The prediction formats a class loader sees: the built-ins and plugin jars, by id. */
public final class PredictionFormats {
    private PredictionFormats() {
    }

    public static ExtensionRegistry<PredictionFormat> load(ClassLoader loader) {
        return ExtensionRegistry.load(PredictionFormat.class, loader, "prediction format", PredictionFormat::id);
    }
}
