package dev.loupe.app.export;

import dev.loupe.app.BadRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@code --split} deals the exported images: named shares (in the order given) that sum to 1, a
 * seed, and whether each class is dealt on its own ({@code --stratify class}).
 *
 * @param shares     split name to share of the images, each in (0, 1], summing to 1 (± 1e-6)
 * @param seed       the seed of the shuffle: the same seed and selection give the same splits
 * @param stratified deal each image's class (its most frequent annotation class) separately
 */
public record SplitPlan(Map<String, Double> shares, long seed, boolean stratified) {
    public SplitPlan {
        shares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shares));
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("a split plan needs at least one split");
        }
    }

    /** Reads {@code train=0.8,val=0.1,test=0.1}. */
    public static SplitPlan parse(String text, long seed, boolean stratified) {
        Map<String, Double> shares = new LinkedHashMap<>();
        double sum = 0;
        for (String part : text.split(",", -1)) {
            String[] kv = part.strip().split("=", -1);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new BadRequest("--split must be NAME=SHARE,NAME=SHARE,... (e.g. train=0.8,val=0.1,test=0.1), got '" + text + "'");
            }
            String name = kv[0].strip();
            if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new BadRequest("--split: split name '" + name + "' must be letters, digits, '_' or '-' (it names folders and files)");
            }
            double share;
            try {
                share = Double.parseDouble(kv[1].strip());
            } catch (NumberFormatException e) {
                throw new BadRequest("--split: share of '" + name + "' is not a number: '" + kv[1] + "'");
            }
            if (!(share > 0 && share <= 1)) {
                throw new BadRequest("--split: share of '" + name + "' must be in (0, 1], got " + kv[1].strip());
            }
            if (shares.put(name, share) != null) {
                throw new BadRequest("--split: split '" + name + "' is named twice");
            }
            sum += share;
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new BadRequest("--split: the shares must sum to 1, they sum to " + sum + " in '" + text + "'");
        }
        return new SplitPlan(shares, seed, stratified);
    }
}
