/** The import writer ({@link dev.loupe.store.write.ProjectWriter}, a core DatasetSink over appenders) and its checks. */
package dev.loupe.store.write;
