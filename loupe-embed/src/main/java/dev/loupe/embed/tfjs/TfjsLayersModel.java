package dev.loupe.embed.tfjs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TensorFlow.js layers model as shipped in a browserify bundle: the Keras model topology (layers,
 * their configs and inbound connections) and the weights, dequantised the way TensorFlow.js does
 * ({@code q * scale + min} computed in double precision, stored as float32).
 *
 * @param layers  in topological order, as Keras lists them
 * @param weights by name, e.g. {@code Conv1/kernel}
 */
public record TfjsLayersModel(List<Layer> layers, Map<String, Weight> weights) {

    /**
     * One Keras layer.
     *
     * @param name      layer name, also the name of its output
     * @param className Keras class, e.g. Conv2D
     * @param config    the layer's config object
     * @param inputs    names of the layers whose outputs it takes
     */
    public record Layer(String name, String className, Map<String, Object> config, List<String> inputs) {
    }

    /** A weight tensor in Keras layout (row-major, shape as given). */
    public record Weight(String name, int[] shape, float[] data) {
        public int size(int axis) {
            return shape[axis];
        }
    }

    /** Reads the model bundle ({@code model.min.js}) and the weight shard bundle (base64 string). */
    @SuppressWarnings("unchecked")
    public static TfjsLayersModel read(String modelBundle, String shardBundle) {
        Map<String, Object> root = (Map<String, Object>) JsLiteral.exportsOf(modelBundle, "model.min.js");
        Map<String, Object> topology = map(root.get("modelTopology"), "modelTopology");
        Map<String, Object> modelConfig = map(topology.get("model_config"), "modelTopology.model_config");
        Map<String, Object> config = map(modelConfig.get("config"), "model_config.config");
        List<Layer> layers = new ArrayList<>();
        for (Object o : (List<Object>) config.get("layers")) {
            Map<String, Object> l = map(o, "layer");
            List<String> inputs = new ArrayList<>();
            for (Object node : (List<Object>) l.get("inbound_nodes")) {
                for (Object conn : (List<Object>) node) {
                    inputs.add((String) ((List<Object>) conn).get(0));
                }
            }
            layers.add(new Layer((String) l.get("name"), (String) l.get("class_name"), map(l.get("config"), "config"), inputs));
        }
        Object shard = JsLiteral.exportsOf(shardBundle, "group1-shard1of1.min.js");
        if (!(shard instanceof String s)) {
            throw new IllegalArgumentException("group1-shard1of1.min.js: expected one base64 string");
        }
        byte[] bytes = Base64.getDecoder().decode(s);
        List<Object> manifest = (List<Object>) root.get("weightsManifest");
        if (manifest == null || manifest.size() != 1) {
            throw new IllegalArgumentException("model.min.js: expected one weight group, found "
                    + (manifest == null ? 0 : manifest.size()));
        }
        List<Object> specs = (List<Object>) map(manifest.get(0), "weightsManifest[0]").get("weights");
        return new TfjsLayersModel(List.copyOf(layers), decode(specs, bytes));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Weight> decode(List<Object> specs, byte[] bytes) {
        Map<String, Weight> out = new LinkedHashMap<>();
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (Object o : specs) {
            Map<String, Object> spec = map(o, "weight spec");
            String name = (String) spec.get("name");
            List<Object> dims = (List<Object>) spec.get("shape");
            int[] shape = new int[dims.size()];
            int n = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = ((Double) dims.get(i)).intValue();
                n *= shape[i];
            }
            if (!"float32".equals(spec.get("dtype"))) {
                throw new IllegalArgumentException("weight " + name + ": dtype " + spec.get("dtype") + " is not supported");
            }
            float[] data = new float[n];
            Map<String, Object> q = (Map<String, Object>) spec.get("quantization");
            if (q == null) {
                need(buf, 4L * n, name);
                buf.asFloatBuffer().get(data);
                buf.position(buf.position() + 4 * n);
            } else {
                double scale = (Double) q.get("scale");
                double min = (Double) q.get("min");
                String qt = (String) q.get("dtype");
                if ("uint8".equals(qt)) {
                    need(buf, n, name);
                    for (int i = 0; i < n; i++) {
                        data[i] = (float) ((buf.get() & 0xFF) * scale + min);
                    }
                } else if ("uint16".equals(qt)) {
                    need(buf, 2L * n, name);
                    for (int i = 0; i < n; i++) {
                        data[i] = (float) ((buf.getShort() & 0xFFFF) * scale + min);
                    }
                } else {
                    throw new IllegalArgumentException("weight " + name + ": quantization " + qt + " is not supported");
                }
            }
            out.put(name, new Weight(name, shape, data));
        }
        if (buf.hasRemaining()) {
            throw new IllegalArgumentException("weight shard has " + buf.remaining() + " bytes more than the manifest describes");
        }
        return out;
    }

    private static void need(ByteBuffer buf, long bytes, String name) {
        if (buf.remaining() < bytes) {
            throw new IllegalArgumentException("weight shard ends inside weight " + name);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String what) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("model.min.js: " + what + " is not an object");
        }
        return (Map<String, Object>) o;
    }
}
