package dev.loupe.embed.tfjs;

import dev.loupe.embed.onnx.OnnxGraph;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts a Keras (TensorFlow.js layers) model, up to one chosen layer, to an ONNX graph that
 * computes in NCHW: the ONNX input is {@code [N, 3, H, W]} float (Keras takes NHWC), and channel-last
 * kernels are transposed once here. Supported layers are those of Keras's MobileNetV2 and small
 * CNNs: InputLayer, ZeroPadding2D, Conv2D, DepthwiseConv2D, BatchNormalization, ReLU (with max
 * value), Activation, Add, AveragePooling2D, MaxPooling2D, GlobalAveragePooling2D, Flatten, Dense,
 * Dropout. Anything else fails with the layer's name and class.
 *
 * <p>Padding "same" becomes ONNX {@code SAME_UPPER}, which, like TensorFlow, puts the odd extra
 * pixel at the bottom/right. Flatten transposes back to channel-last first, so a flattened vector
 * has Keras's element order.
 */
public final class KerasToOnnx {
    public static final String INPUT = "input";

    private final TfjsLayersModel model;
    private final Map<String, TfjsLayersModel.Layer> byName = new HashMap<>();
    private final Map<String, long[]> shapes = new HashMap<>();
    private OnnxGraph g;

    public KerasToOnnx(TfjsLayersModel model) {
        this.model = model;
        model.layers().forEach(l -> byName.put(l.name(), l));
    }

    /**
     * The serialised ONNX model whose one output, named after {@code outputLayer}, is that layer's
     * output (for a flattened feature, {@code [N, D]}).
     */
    public byte[] convert(String outputLayer, String docString) {
        if (!byName.containsKey(outputLayer)) {
            throw new IllegalArgumentException("the model has no layer '" + outputLayer + "'");
        }
        Set<String> needed = ancestors(outputLayer);
        g = new OnnxGraph("keras-" + outputLayer);
        for (TfjsLayersModel.Layer l : model.layers()) {
            if (needed.contains(l.name())) {
                layer(l);
            }
        }
        long[] out = shapes.get(outputLayer);
        long[] dims = out.clone();
        dims[0] = -1;
        g.output(outputLayer, dims);
        return g.toModelBytes("loupe-embed KerasToOnnx", docString);
    }

    /** How a 4-d layer output {@code [N, C, H, W]} becomes one vector per image. */
    public enum Pool {
        /** The mean over H x W: {@code [N, C]} (global average pooling). */
        MEAN,
        /**
         * Generalised mean with p = 3 (GeM, Radenović, Tolias and Chum 2018):
         * {@code (mean over H x W of max(x, 1e-6)^3)^(1/3)}, {@code [N, C]}; between the mean and
         * the maximum, so that a strong local response counts more than in the mean. For
         * non-negative (ReLU) layers.
         */
        GEM
    }

    /**
     * One pooled feature of a layer.
     *
     * @param layer a Keras layer name with a 4-d output, e.g. {@code block_13_expand_relu}
     * @param pool  how its H x W positions are pooled
     */
    public record Output(String layer, Pool pool) {
        public Output {
            java.util.Objects.requireNonNull(layer, "layer");
            java.util.Objects.requireNonNull(pool, "pool");
        }

        /** The ONNX output name, e.g. {@code block_13_expand_relu:gem}. */
        public String name() {
            return layer + ":" + pool.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A model with one output {@code [N, C]} per requested pooled feature, named {@link Output#name()},
     * in order: all computed in one pass over the shared network.
     */
    public byte[] convert(List<Output> outputs, String docString) {
        start(outputs);
        for (Output o : outputs) {
            g.output(pooled(o), -1, shapes.get(o.layer())[1]);
        }
        return g.toModelBytes("loupe-embed KerasToOnnx", docString);
    }

    /**
     * A model with one output {@code outputName} = the concatenation of the pooled features, each
     * divided by its sum (L1) and multiplied by its weight squared. After Loupe's comparison
     * ({@link dev.loupe.knn.Vectors#forSimilarity}: square root, then unit length) each part
     * becomes its own square-rooted unit vector times its weight, so the cosine similarity of two
     * such vectors is the weighted mean of the parts' similarities (weights summing to 1).
     */
    public byte[] convertConcatenated(List<Output> parts, double[] weights, String outputName, String docString) {
        if (parts.isEmpty() || weights.length != parts.size()) {
            throw new IllegalArgumentException("one weight per part needed: " + parts.size() + " parts, " + weights.length + " weights");
        }
        start(parts);
        List<String> scaled = new java.util.ArrayList<>();
        long dim = 0;
        for (int i = 0; i < parts.size(); i++) {
            String p = pooled(parts.get(i));
            g.node("LpNormalization", List.of(p), p + "/l1").integer("axis", 1).integer("p", 1);
            g.floats(p + "/weight", new float[] {(float) (weights[i] * weights[i])});
            g.node("Mul", List.of(p + "/l1", p + "/weight"), p + "/scaled");
            scaled.add(p + "/scaled");
            dim += shapes.get(parts.get(i).layer())[1];
        }
        g.node("Concat", scaled, outputName).integer("axis", 1);
        g.output(outputName, -1, dim);
        return g.toModelBytes("loupe-embed KerasToOnnx", docString);
    }

    /** Builds the network up to every layer the outputs need. */
    private void start(List<Output> outputs) {
        Set<String> needed = new HashSet<>();
        for (Output o : outputs) {
            if (!byName.containsKey(o.layer())) {
                throw new IllegalArgumentException("the model has no layer '" + o.layer() + "'");
            }
            needed.addAll(ancestors(o.layer()));
        }
        shapes.clear();
        g = new OnnxGraph("keras-features");
        for (TfjsLayersModel.Layer l : model.layers()) {
            if (needed.contains(l.name())) {
                layer(l);
            }
        }
    }

    /** Adds the pooling nodes of one output; returns the name of the {@code [N, C]} tensor. */
    private String pooled(Output o) {
        long[] s = shapes.get(o.layer());
        if (s.length != 4) {
            throw new IllegalArgumentException("layer " + o.layer() + " has a " + s.length + "-d output; pooling needs [N, C, H, W]");
        }
        String name = o.name();
        String in = o.layer();
        if (o.pool() == Pool.GEM) {
            g.floats(name + "/eps", new float[] {1e-6f});
            g.floats(name + "/p", new float[] {3f});
            g.floats(name + "/inv_p", new float[] {1f / 3f});
            g.node("Max", List.of(in, name + "/eps"), name + "/clamped");
            g.node("Pow", List.of(name + "/clamped", name + "/p"), name + "/cubed");
            g.node("GlobalAveragePool", List.of(name + "/cubed"), name + "/mean");
            g.node("Pow", List.of(name + "/mean", name + "/inv_p"), name + "/root");
            in = name + "/root";
        } else {
            g.node("GlobalAveragePool", List.of(in), name + "/mean");
            in = name + "/mean";
        }
        g.node("Flatten", List.of(in), name).integer("axis", 1);
        return name;
    }

    private Set<String> ancestors(String name) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(name));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (seen.add(n)) {
                TfjsLayersModel.Layer l = byName.get(n);
                if (l == null) {
                    throw new IllegalArgumentException("unknown inbound layer '" + n + "'");
                }
                todo.addAll(l.inputs());
            }
        }
        return seen;
    }

    private void layer(TfjsLayersModel.Layer l) {
        Map<String, Object> c = l.config();
        String in = l.inputs().isEmpty() ? null : l.inputs().get(0);
        long[] s = in == null ? null : shapes.get(in);
        switch (l.className()) {
            case "InputLayer" -> {
                List<Object> shape = list(c.get("batch_input_shape"));
                long h = num(shape.get(1));
                long w = num(shape.get(2));
                long ch = num(shape.get(3));
                g.input(INPUT, -1, ch, h, w);
                g.node("Identity", List.of(INPUT), l.name());
                shapes.put(l.name(), new long[] {1, ch, h, w});
            }
            case "ZeroPadding2D" -> {
                List<Object> p = list(c.get("padding"));
                long top = num(list(p.get(0)).get(0));
                long bottom = num(list(p.get(0)).get(1));
                long left = num(list(p.get(1)).get(0));
                long right = num(list(p.get(1)).get(1));
                String pads = l.name() + "/pads";
                g.int64s(pads, new long[] {0, 0, top, left, 0, 0, bottom, right}, 8);
                g.node("Pad", List.of(in, pads), l.name());
                shapes.put(l.name(), new long[] {s[0], s[1], s[2] + top + bottom, s[3] + left + right});
            }
            case "Conv2D", "DepthwiseConv2D" -> conv(l, in, s);
            case "BatchNormalization" -> {
                long axis = num(c.get("axis"));
                if (axis != -1 && axis != 3) {
                    throw unsupported(l, "axis " + axis);
                }
                int ch = (int) s[1];
                float[] gamma = Boolean.FALSE.equals(c.get("scale")) ? filled(ch, 1f) : weight(l, "gamma").data();
                float[] beta = Boolean.FALSE.equals(c.get("center")) ? filled(ch, 0f) : weight(l, "beta").data();
                g.floats(l.name() + "/gamma", gamma, ch);
                g.floats(l.name() + "/beta", beta, ch);
                g.floats(l.name() + "/mean", weight(l, "moving_mean").data(), ch);
                g.floats(l.name() + "/var", weight(l, "moving_variance").data(), ch);
                g.node("BatchNormalization", List.of(in, l.name() + "/gamma", l.name() + "/beta", l.name() + "/mean",
                        l.name() + "/var"), l.name()).real("epsilon", (float) real(c.get("epsilon")));
                shapes.put(l.name(), s);
            }
            case "ReLU" -> {
                if (real(c.getOrDefault("negative_slope", 0.0)) != 0 || real(c.getOrDefault("threshold", 0.0)) != 0) {
                    throw unsupported(l, "negative_slope/threshold other than 0");
                }
                Object max = c.get("max_value");
                relu(in, l.name(), max == null ? null : real(max));
                shapes.put(l.name(), s);
            }
            case "Activation" -> {
                activation(l, (String) c.get("activation"), in, l.name());
                shapes.put(l.name(), s);
            }
            case "Add" -> {
                String acc = l.inputs().get(0);
                for (int i = 1; i < l.inputs().size(); i++) {
                    String out = i == l.inputs().size() - 1 ? l.name() : l.name() + "/sum" + i;
                    g.node("Add", List.of(acc, l.inputs().get(i)), out);
                    acc = out;
                }
                shapes.put(l.name(), s);
            }
            case "AveragePooling2D", "MaxPooling2D" -> {
                long[] k = pair(c.get("pool_size"));
                Object st = c.get("strides");
                long[] strides = st == null ? k : pair(st);
                OnnxGraph.Node n = g.node(l.className().startsWith("Average") ? "AveragePool" : "MaxPool", List.of(in), l.name())
                        .ints("kernel_shape", k).ints("strides", strides);
                shapes.put(l.name(), pad(n, (String) c.get("padding"), s, k, strides, s[1]));
            }
            case "GlobalAveragePooling2D" -> {
                g.node("GlobalAveragePool", List.of(in), l.name() + "/pool");
                g.node("Flatten", List.of(l.name() + "/pool"), l.name()).integer("axis", 1);
                shapes.put(l.name(), new long[] {s[0], s[1]});
            }
            case "Flatten" -> {
                if (s.length == 4) {
                    g.node("Transpose", List.of(in), l.name() + "/nhwc").ints("perm", 0, 2, 3, 1);
                    g.node("Flatten", List.of(l.name() + "/nhwc"), l.name()).integer("axis", 1);
                } else {
                    g.node("Flatten", List.of(in), l.name()).integer("axis", 1);
                }
                long d = 1;
                for (int i = 1; i < s.length; i++) {
                    d *= s[i];
                }
                shapes.put(l.name(), new long[] {s[0], d});
            }
            case "Dense" -> {
                TfjsLayersModel.Weight k = weight(l, "kernel");
                g.floats(l.name() + "/kernel", k.data(), k.size(0), k.size(1));
                String pre = l.name() + "/linear";
                if (!Boolean.FALSE.equals(c.get("use_bias"))) {
                    g.floats(l.name() + "/bias", weight(l, "bias").data(), k.size(1));
                    g.node("Gemm", List.of(in, l.name() + "/kernel", l.name() + "/bias"), pre);
                } else {
                    g.node("MatMul", List.of(in, l.name() + "/kernel"), pre);
                }
                activation(l, (String) c.get("activation"), pre, l.name());
                shapes.put(l.name(), new long[] {s[0], k.size(1)});
            }
            case "Dropout" -> {
                g.node("Identity", List.of(in), l.name());
                shapes.put(l.name(), s);
            }
            default -> throw unsupported(l, "this layer class");
        }
    }

    private void conv(TfjsLayersModel.Layer l, String in, long[] s) {
        Map<String, Object> c = l.config();
        boolean depthwise = l.className().equals("DepthwiseConv2D");
        TfjsLayersModel.Weight k = weight(l, depthwise ? "depthwise_kernel" : "kernel");
        int kh = k.size(0);
        int kw = k.size(1);
        int cin = k.size(2);
        int m = k.size(3);
        int cout = depthwise ? cin * m : m;
        // Keras HWIO (or H,W,C,multiplier) -> ONNX OIHW (depthwise: [C*mult, 1, H, W], output channel c*mult + j).
        float[] w = new float[cout * (depthwise ? 1 : cin) * kh * kw];
        float[] src = k.data();
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < cin; i++) {
                    for (int o = 0; o < m; o++) {
                        float v = src[((y * kw + x) * cin + i) * m + o];
                        int dst = depthwise ? ((i * m + o) * kh + y) * kw + x : ((o * cin + i) * kh + y) * kw + x;
                        w[dst] = v;
                    }
                }
            }
        }
        String wName = l.name() + "/W";
        g.floats(wName, w, cout, depthwise ? 1 : cin, kh, kw);
        List<String> inputs = new java.util.ArrayList<>(List.of(in, wName));
        if (Boolean.TRUE.equals(c.get("use_bias"))) {
            g.floats(l.name() + "/B", weight(l, "bias").data(), cout);
            inputs.add(l.name() + "/B");
        }
        long[] strides = pair(c.get("strides"));
        long[] dil = c.get("dilation_rate") == null ? new long[] {1, 1} : pair(c.get("dilation_rate"));
        String act = (String) c.getOrDefault("activation", "linear");
        String out = "linear".equals(act) ? l.name() : l.name() + "/linear";
        OnnxGraph.Node n = g.node("Conv", inputs, out).ints("kernel_shape", kh, kw).ints("strides", strides).ints("dilations", dil);
        if (depthwise) {
            n.integer("group", cin);
        }
        long[] effective = {(kh - 1) * dil[0] + 1, (kw - 1) * dil[1] + 1};
        shapes.put(l.name(), pad(n, (String) c.get("padding"), s, effective, strides, cout));
        if (!"linear".equals(act)) {
            activation(l, act, out, l.name());
        }
    }

    /** Sets the padding of a window op and returns its output shape (TensorFlow's rules). */
    private static long[] pad(OnnxGraph.Node n, String padding, long[] s, long[] k, long[] strides, long channels) {
        if ("same".equals(padding)) {
            n.string("auto_pad", "SAME_UPPER");
            return new long[] {s[0], channels, ceilDiv(s[2], strides[0]), ceilDiv(s[3], strides[1])};
        }
        if (!"valid".equals(padding)) {
            throw new IllegalArgumentException("padding '" + padding + "' is not supported");
        }
        return new long[] {s[0], channels, (s[2] - k[0]) / strides[0] + 1, (s[3] - k[1]) / strides[1] + 1};
    }

    private void activation(TfjsLayersModel.Layer l, String act, String in, String out) {
        switch (act == null ? "linear" : act) {
            case "linear" -> g.node("Identity", List.of(in), out);
            case "relu" -> relu(in, out, null);
            case "relu6" -> relu(in, out, 6.0);
            case "sigmoid" -> g.node("Sigmoid", List.of(in), out);
            case "tanh" -> g.node("Tanh", List.of(in), out);
            case "softmax" -> g.node("Softmax", List.of(in), out).integer("axis", -1);
            default -> throw unsupported(l, "activation '" + act + "'");
        }
    }

    private void relu(String in, String out, Double max) {
        if (max == null) {
            g.node("Relu", List.of(in), out);
            return;
        }
        g.floats(out + "/min", new float[] {0f});
        g.floats(out + "/max", new float[] {(float) (double) max});
        g.node("Clip", List.of(in, out + "/min", out + "/max"), out);
    }

    private TfjsLayersModel.Weight weight(TfjsLayersModel.Layer l, String param) {
        TfjsLayersModel.Weight w = model.weights().get(l.name() + "/" + param);
        if (w == null) {
            throw new IllegalArgumentException("layer " + l.name() + ": weight " + l.name() + "/" + param + " is missing");
        }
        return w;
    }

    private static IllegalArgumentException unsupported(TfjsLayersModel.Layer l, String what) {
        return new IllegalArgumentException("layer " + l.name() + " (" + l.className() + "): " + what + " is not supported");
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static long[] pair(Object o) {
        List<Object> l = list(o);
        return new long[] {num(l.get(0)), num(l.get(1))};
    }

    private static long num(Object o) {
        return ((Double) o).longValue();
    }

    private static double real(Object o) {
        return (Double) o;
    }
}
