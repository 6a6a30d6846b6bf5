package dev.loupe.app.issues;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Annotation;
import dev.loupe.eval.labels.ClassProbabilities;
import dev.loupe.eval.labels.IssueFilter;
import dev.loupe.eval.labels.LabelQuality;
import dev.loupe.store.ProjectStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Confident learning on Loupe's own classifier when a project has no prediction set: object crops
 * when the project has crop embeddings, else images with one image-level label; nothing (and a
 * note saying how to get embeddings) when neither is there.
 */
final class OwnClassifierIssues {
    private OwnClassifierIssues() {
    }

    static List<IssueEntry> find(ProjectStore store, ProjectLabels project, IssueFilter filter, LabelQuality rankBy,
                                 List<String> notes) {
        Optional<OwnClassifier.Items> items = OwnClassifier.model(store, null, true)
                .flatMap(m -> OwnClassifier.crops(store, m, OwnClassifier.FOLDS, OwnClassifier.SEED))
                .or(() -> OwnClassifier.model(store, null, false)
                        .flatMap(m -> OwnClassifier.images(store, m, OwnClassifier.FOLDS, OwnClassifier.SEED)));
        if (items.isEmpty()) {
            notes.add("no prediction set and no embeddings to train Loupe's own classifier on: run 'loupe embed PROJECT' "
                    + "(then label issues come from a cross-validated classifier on the embeddings), or import a model's "
                    + "out-of-sample predictions with 'loupe predictions import PROJECT FILE --name NAME'");
            return List.of();
        }
        OwnClassifier.Items it = items.get();
        Map<Long, Annotation> annotations = new HashMap<>();
        project.byImage().values().forEach(l -> l.forEach(a -> annotations.put(a.id(), a)));
        boolean crops = it.crops();
        List<ClassificationIssues.Item> described = new ArrayList<>();
        for (int i = 0; i < it.size(); i++) {
            String path = project.images().get(it.imageIds()[i]).path();
            if (crops) {
                Box b = annotations.get(it.itemIds()[i]).geometry().box();
                described.add(new ClassificationIssues.Item(path, it.itemIds()[i], new double[] {b.x(), b.y(), b.w(), b.h()}));
            } else {
                described.add(new ClassificationIssues.Item(path, null, null));
            }
        }
        notes.add(String.format("no prediction set: label issues from Loupe's own classifier (%d-fold cross-validated "
                + "logistic regression on the '%s' %s embeddings, %d items); store its probabilities with 'loupe cv', or "
                + "import a model's predictions", OwnClassifier.FOLDS, it.model().name(), crops ? "object-crop" : "image",
                it.size()));
        ClassProbabilities in = new ClassProbabilities(it.labels(), it.probabilities(), project.categories().size());
        return ClassificationIssues.entries(in, described, filter, rankBy, project, null, "Loupe's classifier predicts");
    }
}
