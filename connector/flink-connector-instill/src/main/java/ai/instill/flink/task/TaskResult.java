package ai.instill.flink.task;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The typed answer of a model to one {@link TaskInput}, as decoded by {@link TaskCodec}. The
 * permitted types are the results of the tasks' {@link TaskDescription}s.
 */
@PublicEvolving
public sealed interface TaskResult extends Serializable
        permits ClassificationResult,
                DetectionResult,
                KeypointResult,
                OcrResult,
                InstanceSegmentationResult,
                SemanticSegmentationResult,
                TextResult,
                TextToImageResult,
                EmbeddingResult {}
