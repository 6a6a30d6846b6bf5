/**
 * A minimal ONNX protobuf writer ({@link dev.loupe.embed.onnx.OnnxGraph}, {@link dev.loupe.embed.onnx.ProtoWriter}),
 * enough to write the converted default model without a protobuf dependency.
 */
package dev.loupe.embed.onnx;
