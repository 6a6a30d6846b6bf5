package dev.loupe.store.sql;

import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Ring;
import java.util.ArrayList;
import java.util.List;

/**
 * Lossless text form of a polygon for the store: {@code {"outer":[[x,y,...],...],"holes":[[...]]}}.
 * Numbers use Java's shortest round-trip form, so parsing gives back the same doubles.
 */
public final class GeometryText {
    private GeometryText() {
    }

    public static String polygon(Polygon p) {
        StringBuilder sb = new StringBuilder(64);
        sb.append("{\"outer\":");
        rings(sb, p.rings().stream().filter(r -> !r.hole()).toList());
        sb.append(",\"holes\":");
        rings(sb, p.rings().stream().filter(Ring::hole).toList());
        return sb.append('}').toString();
    }

    private static void rings(StringBuilder sb, List<Ring> rings) {
        sb.append('[');
        for (int r = 0; r < rings.size(); r++) {
            if (r > 0) {
                sb.append(',');
            }
            sb.append('[');
            double[] xy = rings.get(r).xy();
            for (int i = 0; i < xy.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                double v = xy[i];
                if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                    sb.append((long) v);
                } else {
                    sb.append(v);
                }
            }
            sb.append(']');
        }
        sb.append(']');
    }

    public static Polygon parsePolygon(String text) {
        int outer = text.indexOf("\"outer\":");
        int holes = text.indexOf(",\"holes\":");
        if (outer < 0 || holes < 0) {
            throw new IllegalArgumentException("not a stored polygon: " + text);
        }
        List<Ring> rings = new ArrayList<>();
        parseRings(text.substring(outer + 8, holes), false, rings);
        parseRings(text.substring(holes + 9, text.length() - 1), true, rings);
        return new Polygon(rings);
    }

    private static void parseRings(String s, boolean hole, List<Ring> out) {
        String body = s.strip();
        body = body.substring(1, body.length() - 1).strip();
        if (body.isEmpty()) {
            return;
        }
        for (String ring : body.split("\\]\\s*,\\s*\\[")) {
            String r = ring.replace("[", "").replace("]", "").strip();
            String[] parts = r.split(",");
            double[] xy = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                xy[i] = Double.parseDouble(parts[i].strip());
            }
            out.add(new Ring(xy, hole));
        }
    }
}
