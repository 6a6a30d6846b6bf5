package dev.loupe.eval;

import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.formats.DatasetImporter;
import java.util.ArrayList;
import java.util.List;

/** Test fixture: what an importer streamed, collected in lists (issues kept, not acted on). */
record ImportedDataset(List<Category> categories, List<ImageRecord> images, List<Annotation> annotations,
                       List<Issue> issues) {
    static ImportedDataset read(DatasetImporter importer) {
        ImportedDataset d = new ImportedDataset(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        importer.read(new DatasetSink() {
            @Override
            public void category(Category category) {
                d.categories.add(category);
            }

            @Override
            public void image(ImageRecord image) {
                d.images.add(image);
            }

            @Override
            public void annotation(Annotation annotation) {
                d.annotations.add(annotation);
            }

            @Override
            public void issue(Issue issue) {
                d.issues.add(issue);
            }
        });
        return d;
    }
}
