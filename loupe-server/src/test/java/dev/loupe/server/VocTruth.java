package dev.loupe.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Independent truth for the API tests: the BCCD objects read straight from the VOC XML with
 * regular expressions (not with Loupe's importer), and numpy-style quantiles.
 */
final class VocTruth {
    /** One object: its file stem, class, box corners and image size. */
    record Obj(String file, String name, double xmin, double ymin, double xmax, double ymax, double width, double height) {
        double relativeArea() {
            return (xmax - xmin) * (ymax - ymin) / (width * height);
        }
    }

    private static final Pattern OBJECT = Pattern.compile("<object>(.*?)</object>", Pattern.DOTALL);

    private VocTruth() {
    }

    static List<Obj> objects(Path voc) throws IOException {
        List<Obj> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(voc.resolve("Annotations"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                String xml = Files.readString(f);
                double w = number(xml.substring(xml.indexOf("<size>")), "width");
                double h = number(xml.substring(xml.indexOf("<size>")), "height");
                Matcher m = OBJECT.matcher(xml);
                while (m.find()) {
                    String o = m.group(1);
                    out.add(new Obj(f.getFileName().toString().replace(".xml", ""), text(o, "name"), number(o, "xmin"),
                            number(o, "ymin"), number(o, "xmax"), number(o, "ymax"), w, h));
                }
            }
        }
        return out;
    }

    private static String text(String xml, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">\\s*(.*?)\\s*</" + tag + ">", Pattern.DOTALL).matcher(xml);
        if (!m.find()) {
            throw new IllegalStateException("no <" + tag + "> in " + xml);
        }
        return m.group(1);
    }

    private static double number(String xml, String tag) {
        return Double.parseDouble(text(xml, tag));
    }

    /** numpy.quantile with the default linear interpolation. */
    static double quantile(List<Double> values, double q) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }
}
