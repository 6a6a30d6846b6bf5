/**
 * Reads a TensorFlow.js layers model (the nsfwjs MobileNetV2 weights from npm) and converts it to ONNX at
 * build time ({@link dev.loupe.embed.tfjs.KerasToOnnx}).
 */
package dev.loupe.embed.tfjs;
