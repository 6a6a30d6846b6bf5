package dev.loupe.embed.run;

/**
 * What an embedding run did.
 *
 * @param runId    the run
 * @param model    the model's name
 * @param images   images in the project
 * @param embedded images embedded in this run (the others were already done)
 * @param objects  object crops embedded in this run
 * @param failures items that could not be embedded (recorded)
 * @param seconds  wall time
 */
public record EmbedReport(long runId, String model, long images, long embedded, long objects, long failures, double seconds) {
    /** Images plus objects per second. */
    public double rate() {
        return seconds > 0 ? (embedded + objects) / seconds : 0;
    }
}
