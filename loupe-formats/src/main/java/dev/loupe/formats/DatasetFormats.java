package dev.loupe.formats;

import dev.loupe.core.plugin.ExtensionRegistry;

/** The dataset formats a class loader sees: the built-ins and plugin jars, by id. */
public final class DatasetFormats {
    private DatasetFormats() {
    }

    public static ExtensionRegistry<DatasetFormat> load(ClassLoader loader) {
        return ExtensionRegistry.load(DatasetFormat.class, loader, "dataset format", DatasetFormat::id);
    }
}
