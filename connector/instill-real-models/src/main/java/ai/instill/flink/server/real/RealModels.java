package ai.instill.flink.server.real;

/**
 * The names the real models are served under (namespace {@code local}, version {@code v1}), beside
 * the stand-ins of {@link ai.instill.flink.server.DefaultModels}, whose names and answers do not
 * change.
 */
public final class RealModels {

    public static final String OCR = "local/tesseract-ocr/v1";
    public static final String DETECTOR = "local/ssd-mobilenet-v2/v1";
    public static final String CLASSIFIER = "local/ssd-mobilenet-v2-top-class/v1";
    public static final String KEYPOINT = "local/blazeface/v1";
    public static final String SEMANTIC_SEGMENTER = "local/selfie-segmentation/v1";
    public static final String INSTANCE_SEGMENTER = "local/person-instances/v1";
    public static final String EMBEDDER = "local/all-minilm-l6-v2/v1";

    private RealModels() {}
}
