package dev.loupe.cli;

import dev.loupe.embed.model.EmbeddingModel;
import dev.loupe.embed.model.EmbeddingModels;
import dev.loupe.embed.model.Preprocessing;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options that choose an embedding model (shared by {@code embed} and {@code similar}). */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "SPEC", defaultValue = EmbeddingModels.DEFAULT,
            description = {"embedding model: mobilenet (built-in MobileNetV2, default), fallback (colour histogram + DCT,",
                "no neural network), onnx:PATH (your ONNX image encoder taking [N,3,H,W] RGB) or a plugin's model",
                "in PROJECT/plugins (see 'loupe formats')"})
    String model;

    @Option(names = "--input-size", paramLabel = "PIXELS", defaultValue = "224",
            description = "onnx:PATH input width and height (default: ${DEFAULT-VALUE})")
    int inputSize;

    @Option(names = "--mean", split = ",", paramLabel = "R,G,B", defaultValue = "0.485,0.456,0.406",
            description = "onnx:PATH per-channel mean subtracted after scaling pixels to [0,1] (default: ImageNet ${DEFAULT-VALUE})")
    List<Float> mean;

    @Option(names = "--std", split = ",", paramLabel = "R,G,B", defaultValue = "0.229,0.224,0.225",
            description = "onnx:PATH per-channel standard deviation (default: ImageNet ${DEFAULT-VALUE})")
    List<Float> std;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    /**
     * Opens the model, a built-in or one of the command's {@code PROJECT/plugins}; each inference call uses one thread
     * (workers run calls in parallel).
     */
    EmbeddingModel open() {
        Path plugins = spec.userObject() instanceof ProjectCommand c ? c.project().resolve("plugins") : null;
        return EmbeddingModels.open(Plugins.models(plugins), model, preprocessing(), EmbeddingModels.cache(), 1);
    }

    /** The checked --input-size, --mean and --std: a value out of range is a usage error (exit 2), not a stack trace. */
    Preprocessing preprocessing() {
        try {
            return new Preprocessing(inputSize, floats(mean, "--mean"), floats(std, "--std"));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--input-size, --mean, --std: " + e.getMessage());
        }
    }

    private static float[] floats(List<Float> values, String option) {
        if (values.size() != 3) {
            throw new IllegalArgumentException(option + " needs three comma-separated values (R,G,B), got " + values.size());
        }
        return new float[] {values.get(0), values.get(1), values.get(2)};
    }
}
