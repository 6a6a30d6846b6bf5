package dev.loupe.store.predictions;

import dev.loupe.core.model.Prediction;
import dev.loupe.core.model.PredictionSink;
import dev.loupe.core.outcome.OutcomeMatcher;
import dev.loupe.core.outcome.OutcomeTable;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.duckdb.DuckDBConnection;

/** The predictions room: prediction sets, their import, class probabilities and per-threshold outcomes. */
public final class Predictions {
    private final DuckDBConnection c;

    public Predictions(DuckDBConnection c) {
        this.c = c;
    }

    /**
     * Imports a named prediction set, replacing the set of that name atomically, and stores the
     * per-item outcomes the matcher gives (detection sets).
     *
     * @param reader     streams the predictions into the sink, ids from the given first id on
     * @param parameters extra provenance recorded with the run
     */
    public PredictionImportResult importSet(String name, String format, String source, Map<String, String> parameters,
                                            BiConsumer<Long, PredictionSink> reader, OutcomeMatcher matcher) {
        return new PredictionSetWriter(c).write(name, format, source, parameters, reader, matcher);
    }

    /** The prediction sets, in id order. */
    public List<PredictionSetInfo> sets() {
        return new PredictionQueries(c).sets();
    }

    /**
     * Detection sets whose annotation metric pass stopped before the end (a killed import): each with
     * the number of its images still without metrics. Sets imported with metrics off are not listed.
     */
    public List<PendingPredictionMetrics> pendingMetrics() {
        return new PredictionQueries(c).pendingMetrics();
    }

    /** The prediction set of this name; a BAD_INPUT error naming the sets there are when it does not exist. */
    public PredictionSetInfo set(String name) {
        return new PredictionQueries(c).set(name);
    }

    /** The class probabilities of a classification set: image id to (class id to probability). */
    public Map<Long, Map<Integer, Double>> classProbabilities(int setId) {
        return new PredictionQueries(c).probabilities(setId);
    }

    /** Streams the predictions of a set in id order. */
    public void forEach(int setId, Consumer<Prediction> consumer) {
        new PredictionQueries(c).forEach(setId, consumer);
    }

    /**
     * Streams part {@code part} (from 0) of {@code parts} of a set's predictions: those whose ids fall
     * in that equal share of the set's id range, in id order. The parts in order are {@link #forEach}'s
     * stream; each can be read on a connection of its own ({@code ProjectStore.duplicate}) at once.
     * What the evaluation reads: every prediction's source id is null (decoding 500 000 of them was
     * most of the read).
     */
    public void forEach(int setId, int part, int parts, Consumer<Prediction> consumer) {
        new PredictionQueries(c).forEach(setId, part, parts, consumer);
    }

    /**
     * TP / FP (by reason) / FN of a detection set at grid threshold index {@code tIndex} (see
     * {@link dev.loupe.core.outcome.Thresholds}), overall and per class.
     */
    public OutcomeCounts outcomeCounts(int setId, int tIndex) {
        return new OutcomeQueries(c).counts(setId, tIndex);
    }

    /** The predictions of a detection set at a grid threshold, with their outcome and metrics. */
    public OutcomeTable predictionOutcomes(int setId, int tIndex) {
        return new OutcomeQueries(c).predictions(setId, tIndex);
    }

    /** The evaluated ground truths at a grid threshold, missed or not, with their metrics. */
    public OutcomeTable groundTruthOutcomes(int setId, int tIndex) {
        return new OutcomeQueries(c).groundTruths(setId, tIndex);
    }
}
