package dev.loupe.embed.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.loupe.api.PixelImage;
import dev.loupe.core.LoupeException;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * An embedding model run by ONNX Runtime (CPU). The model takes one float input {@code [N, 3, H, W]}
 * (RGB, NCHW) and its first output, flattened per image, is the vector ({@link #embedOutputs} gives all
 * outputs of one pass, for models that expose several features). One session serves all
 * threads ({@link OrtSession#run} is thread-safe); each call uses {@code intraOpThreads} threads.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final String name;
    private final String description;
    private final Preprocessing pre;
    private final int dimension;

    /**
     * @param model          the serialised ONNX model
     * @param name           see {@link EmbeddingModel#name()}
     * @param intraOpThreads threads per inference call (1 when several workers call at once)
     */
    public OnnxEmbeddingModel(byte[] model, String name, String description, Preprocessing pre, int intraOpThreads) {
        this.env = OrtEnvironment.getEnvironment();
        this.name = name;
        this.description = description;
        this.pre = pre;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = env.createSession(model, options);
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (inputs.size() != 1) {
                throw LoupeException.badInput("ONNX model " + name + " has " + inputs.size() + " inputs; an image embedding model needs one");
            }
            NodeInfo in = inputs.values().iterator().next();
            this.inputName = in.getName();
            if (!(in.getInfo() instanceof TensorInfo t) || t.getShape().length != 4) {
                throw LoupeException.badInput("ONNX model " + name + ": input " + inputName + " must be a 4-d float tensor [N, 3, H, W]");
            }
            long[] shape = t.getShape();
            if (shape[1] > 0 && shape[1] != 3) {
                throw LoupeException.badInput("ONNX model " + name + ": input " + inputName + " has " + shape[1]
                        + " channels at axis 1; expected 3 (RGB, NCHW)");
            }
            if ((shape[2] > 0 && shape[2] != pre.size()) || (shape[3] > 0 && shape[3] != pre.size())) {
                throw LoupeException.badInput("ONNX model " + name + ": input is " + shape[2] + "x" + shape[3]
                        + " but the input size is " + pre.size() + " (use --input-size)");
            }
            this.dimension = embedBatch(List.of(new PixelImage(pre.size(), pre.size(), new byte[3 * pre.size() * pre.size()], 3, 8, false)))[0][0].length;
        } catch (OrtException e) {
            throw LoupeException.badInput("cannot load ONNX model " + name + ": " + e.getMessage());
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public float[][] embed(List<PixelImage> images) {
        return embedOutputs(images)[0];
    }

    /** The names of the model's outputs, in the order of {@link #embedOutputs}. */
    public List<String> outputNames() {
        return List.copyOf(session.getOutputNames());
    }

    /**
     * Every output of the model for each image, in one inference pass: {@code [output][image][value]}
     * (each output flattened per image). {@link #embed} is output 0.
     */
    public float[][][] embedOutputs(List<PixelImage> images) {
        try {
            return embedBatch(images);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on model " + name + ": " + e.getMessage(), e);
        }
    }

    private float[][][] embedBatch(List<PixelImage> images) throws OrtException {
        int n = images.size();
        int outputs = (int) session.getNumOutputs();
        if (n == 0) {
            return new float[outputs][0][];
        }
        int s = pre.size();
        int per = 3 * s * s;
        float[] input = new float[n * per];
        for (int i = 0; i < n; i++) {
            pre.fill(images.get(i), input, i * per);
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {n, 3, s, s});
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            float[][][] all = new float[outputs][][];
            for (int o = 0; o < outputs; o++) {
                OnnxTensor out = (OnnxTensor) result.get(o);
                long[] shape = out.getInfo().getShape();
                FloatBuffer fb = out.getFloatBuffer();
                int d = fb.remaining() / n;
                if (shape[0] != n || d == 0) {
                    throw new IllegalStateException("model " + name + " returned shape " + java.util.Arrays.toString(shape) + " for " + n + " images");
                }
                float[][] vectors = new float[n][d];
                for (int i = 0; i < n; i++) {
                    fb.get(vectors[i]);
                }
                all[o] = vectors;
            }
            return all;
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
