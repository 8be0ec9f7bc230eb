package ai.instill.flink.server.real;

import ai.instill.flink.proto.common.task.v1alpha.Task;
import ai.instill.flink.server.ModelPack;
import ai.instill.flink.server.models.ModelBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real models as a {@link ModelPack}: each runtime is loaded once per JVM and shared by the
 * models that use it; a model whose files or natives are missing is served by its task's stand-in,
 * labelled with the reason.
 */
public final class RealModelPack implements ModelPack {

    private static final Logger LOG = LoggerFactory.getLogger(RealModelPack.class);

    private static final LoadedOnce<TesseractOcr> TESSERACT = new LoadedOnce<>(TesseractOcr::load);
    private static final LoadedOnce<SsdMobileNet> SSD = new LoadedOnce<>(SsdMobileNet::load);
    private static final LoadedOnce<BlazeFace> BLAZEFACE = new LoadedOnce<>(BlazeFace::load);
    private static final LoadedOnce<SelfieSegmenter> SELFIE =
            new LoadedOnce<>(SelfieSegmenter::load);
    private static final LoadedOnce<MiniLmEmbedding> MINILM =
            new LoadedOnce<>(MiniLmEmbedding::load);

    @Override
    public List<PackedModel> models() {
        List<PackedModel> models = new ArrayList<>();
        add(models, RealModels.OCR, Task.TASK_OCR, TESSERACT::get);
        add(
                models,
                RealModels.DETECTOR,
                Task.TASK_DETECTION,
                () -> new DetectionBackend(SSD.get()));
        add(
                models,
                RealModels.CLASSIFIER,
                Task.TASK_CLASSIFICATION,
                () -> new TopClassBackend(SSD.get()));
        add(
                models,
                RealModels.KEYPOINT,
                Task.TASK_KEYPOINT,
                () -> new KeypointBackend(BLAZEFACE.get()));
        add(
                models,
                RealModels.SEMANTIC_SEGMENTER,
                Task.TASK_SEMANTIC_SEGMENTATION,
                () -> new SemanticSegmentationBackend(SELFIE.get()));
        add(
                models,
                RealModels.INSTANCE_SEGMENTER,
                Task.TASK_INSTANCE_SEGMENTATION,
                () -> new PersonInstancesBackend(BLAZEFACE.get(), SELFIE.get()));
        add(models, RealModels.EMBEDDER, Task.TASK_EMBEDDING, MINILM::get);
        return models;
    }

    private static void add(
            List<PackedModel> models, String name, Task task, Supplier<ModelBackend> backend) {
        ModelBackend chosen;
        try {
            chosen = backend.get();
        } catch (IllegalStateException e) {
            LOG.warn("{} falls back to the {} stand-in: {}", name, task, e.getMessage());
            chosen = new FallbackStandIn(task, e.getMessage());
        }
        models.add(new PackedModel(name, task, chosen));
    }
}
