package dev.loupe.embed.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an ONNX model (ModelProto, IR version 8, default-domain opset 13) node by node and
 * serialises it with the field numbers of {@code onnx.proto}. Only float tensors with an optional
 * symbolic batch dimension are supported as graph inputs and outputs, which is all a feature
 * extractor needs.
 */
public final class OnnxGraph {
    /** ONNX TensorProto.DataType values. */
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    /** ONNX AttributeProto.AttributeType values. */
    private static final int ATTR_FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_STRING = 3;
    private static final int ATTR_INTS = 7;
    public static final int OPSET = 13;
    private static final long IR_VERSION = 8;

    private final String name;
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private int nodeCount;

    public OnnxGraph(String name) {
        this.name = name;
    }

    /** A graph input of floats; a dimension of -1 is the symbolic batch size "N". */
    public void input(String tensor, long... dims) {
        inputs.add(valueInfo(tensor, dims));
    }

    public void output(String tensor, long... dims) {
        outputs.add(valueInfo(tensor, dims));
    }

    /** A float constant (row-major data). */
    public void floats(String tensor, float[] data, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        initializer(tensor, FLOAT, b.array(), dims);
    }

    /** An int64 constant (shapes, pads). */
    public void int64s(String tensor, long[] data, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(data);
        initializer(tensor, INT64, b.array(), dims);
    }

    private void initializer(String tensor, int type, byte[] raw, long[] dims) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, type).string(8, tensor).bytes(9, raw);
        initializers.add(t);
    }

    /** Starts a node; add attributes, then it is part of the graph. */
    public Node node(String opType, List<String> in, String out) {
        ProtoWriter n = new ProtoWriter();
        for (String i : in) {
            n.string(1, i);
        }
        n.string(2, out).string(3, opType + "_" + (nodeCount++)).string(4, opType);
        nodes.add(n);
        return new Node(n);
    }

    /** Attribute setters of one node. */
    public static final class Node {
        private final ProtoWriter n;

        private Node(ProtoWriter n) {
            this.n = n;
        }

        public Node ints(String attr, long... values) {
            ProtoWriter a = new ProtoWriter().string(1, attr);
            for (long v : values) {
                a.varint(8, v);
            }
            n.message(5, a.varint(20, ATTR_INTS));
            return this;
        }

        public Node integer(String attr, long value) {
            n.message(5, new ProtoWriter().string(1, attr).varint(3, value).varint(20, ATTR_INT));
            return this;
        }

        public Node real(String attr, float value) {
            n.message(5, new ProtoWriter().string(1, attr).float32(2, value).varint(20, ATTR_FLOAT));
            return this;
        }

        public Node string(String attr, String value) {
            n.message(5, new ProtoWriter().string(1, attr).string(4, value).varint(20, ATTR_STRING));
            return this;
        }
    }

    private static ProtoWriter valueInfo(String tensor, long[] dims) {
        ProtoWriter shape = new ProtoWriter();
        for (long d : dims) {
            shape.message(1, d < 0 ? new ProtoWriter().string(2, "N") : new ProtoWriter().varint(1, d));
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, tensor).message(2, new ProtoWriter().message(1, tensorType));
    }

    /** The serialised ModelProto. */
    public byte[] toModelBytes(String producer, String docString) {
        ProtoWriter g = new ProtoWriter();
        nodes.forEach(n -> g.message(1, n));
        g.string(2, name);
        initializers.forEach(t -> g.message(5, t));
        inputs.forEach(v -> g.message(11, v));
        outputs.forEach(v -> g.message(12, v));
        return new ProtoWriter()
                .varint(1, IR_VERSION)
                .string(2, producer)
                .string(6, docString)
                .message(7, g)
                .message(8, new ProtoWriter().string(1, "").varint(2, OPSET))
                .toByteArray();
    }
}
