package dev.loupe.core.outcome;

import java.util.List;

/** The outcomes of one image: the matches at every grid threshold and every item's best overlap. */
public record ImageOutcome(List<Match> matches, List<PredictionOverlap> predictions, List<GroundTruthOverlap> groundTruths) {
    public ImageOutcome {
        matches = List.copyOf(matches);
        predictions = List.copyOf(predictions);
        groundTruths = List.copyOf(groundTruths);
    }
}
