package ai.instill.flink.server.real;

import ai.instill.flink.server.imaging.RgbPixels;
import ai.instill.flink.server.models.BoundingBoxes;
import ai.instill.flink.server.models.ImageInputs;
import ai.instill.flink.server.models.ModelBackend;
import ai.instill.flink.server.models.ModelFailure;
import ai.instill.flink.server.models.StructPath;
import ai.instill.flink.server.models.StructValues;
import ai.instill.flink.server.real.weights.WeightFile;
import ai.instill.flink.server.real.weights.Weights;
import ai.instill.flink.server.real.weights.WeightsUnavailable;
import com.google.protobuf.Struct;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.TessBaseAPI;
import org.bytedeco.tesseract.global.tesseract;

/**
 * OCR by Tesseract 5.5 (LSTM, English) through JavaCPP: one object per text line with its text,
 * confidence and box; {@code parameter.level = "word"} answers one object per word instead.
 */
final class TesseractOcr implements ModelBackend {

    static final String MODEL = "Tesseract 5.5.2 (LSTM, eng.traineddata from tessdata_fast)";

    private final TessBaseAPI api;

    private TesseractOcr(TessBaseAPI api) {
        this.api = api;
    }

    static TesseractOcr load() throws WeightsUnavailable {
        TessBaseAPI api = new TessBaseAPI();
        String tessdata = Weights.path(WeightFile.TESSERACT_ENG).getParent().toString();
        if (api.Init(tessdata, "eng") != 0) {
            api.close();
            throw new IllegalStateException("Tesseract could not load eng from " + tessdata);
        }
        api.SetPageSegMode(tesseract.PSM_AUTO);
        // its diagnostics ("Estimating resolution as …") would go to stderr for every image
        api.SetVariable("debug_file", "/dev/null");
        TesseractOcr ocr = new TesseractOcr(api);
        // frees Tesseract's caches before the JVM exits, which would otherwise report them leaked
        Runtime.getRuntime().addShutdownHook(new Thread(ocr::end, "tesseract-end"));
        return ocr;
    }

    private synchronized void end() {
        api.End();
    }

    @Override
    public String label() {
        return ModelBackend.realLabel(MODEL);
    }

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        RgbPixels image = ImageInputs.visionImage(taskInput);
        boolean words = "word".equals(StructPath.string(taskInput, "line", "parameter", "level"));
        return RealOutput.of(
                StructValues.struct(
                        "objects",
                        read(image, words ? tesseract.RIL_WORD : tesseract.RIL_TEXTLINE)),
                MODEL);
    }

    private synchronized List<Struct> read(RgbPixels image, int level) {
        byte[] rgb = new byte[image.pixelCount() * 3];
        for (int i = 0; i < image.pixelCount(); i++) {
            int pixel = image.rgbAt(i);
            rgb[3 * i] = (byte) RgbPixels.red(pixel);
            rgb[3 * i + 1] = (byte) RgbPixels.green(pixel);
            rgb[3 * i + 2] = (byte) RgbPixels.blue(pixel);
        }
        api.SetImage(rgb, image.width(), image.height(), 3, 3 * image.width());
        List<Struct> objects = new ArrayList<>();
        if (api.Recognize(null) != 0) {
            return objects;
        }
        try (ResultIterator it = api.GetIterator()) {
            if (it == null || it.isNull()) {
                return objects;
            }
            int[] left = new int[1];
            int[] top = new int[1];
            int[] right = new int[1];
            int[] bottom = new int[1];
            do {
                BytePointer text = it.GetUTF8Text(level);
                if (text == null || text.isNull()) {
                    continue;
                }
                String value = text.getString(StandardCharsets.UTF_8).strip();
                tesseract.TessDeleteText(text);
                if (value.isEmpty() || !it.BoundingBox(level, left, top, right, bottom)) {
                    continue;
                }
                objects.add(
                        StructValues.struct(
                                "text",
                                value,
                                "score",
                                it.Confidence(level) / 100.0,
                                "bounding-box",
                                BoundingBoxes.of(
                                        left[0], top[0], right[0] - left[0], bottom[0] - top[0])));
            } while (it.Next(level));
        } finally {
            api.Clear();
        }
        return objects;
    }
}
