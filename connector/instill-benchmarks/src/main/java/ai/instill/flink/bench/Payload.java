package ai.instill.flink.bench;

import ai.instill.flink.server.DefaultModels;
import ai.instill.flink.task.Image;
import ai.instill.flink.task.ImageInput;
import ai.instill.flink.task.InstillTask;
import ai.instill.flink.task.TaskInput;
import ai.instill.flink.task.TextGenerationInput;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * What each record carries and which stand-in model answers it: a short prompt for the completion
 * model, or a PNG of random pixels (incompressible, so its size is what it says) for the
 * classifier.
 */
public enum Payload {
    PROMPT("prompt", 0),
    IMAGE_100K("image-100KiB", 100 * 1024),
    IMAGE_1M("image-1MiB", 1024 * 1024);

    /** About twenty tokens, the size of a typical enrichment prompt. */
    static final String PROMPT_TEXT =
            "Summarise the customer review in one sentence and name its sentiment: great phone,"
                    + " weak battery";

    private final String label;
    private final int imageBytes;
    private volatile byte[] image;

    Payload(String label, int imageBytes) {
        this.label = label;
        this.imageBytes = imageBytes;
    }

    public String label() {
        return label;
    }

    public boolean isImage() {
        return imageBytes > 0;
    }

    /** Bytes of the payload as the user holds it (the encoded image, or the prompt's UTF-8). */
    public int bytes() {
        return isImage() ? image().length : PROMPT_TEXT.length();
    }

    public String modelName() {
        return isImage() ? DefaultModels.CLASSIFIER : DefaultModels.COMPLETION;
    }

    public InstillTask task() {
        return isImage() ? InstillTask.CLASSIFICATION : InstillTask.TEXT_GENERATION;
    }

    /**
     * A new record; image records get their own copy of the bytes, as records read from a source
     * would.
     */
    public BenchRecord record(long id) {
        return isImage()
                ? new BenchRecord(id, null, image().clone())
                : new BenchRecord(id, PROMPT_TEXT, null);
    }

    /** The connector's typed input for a record. */
    public TaskInput input(BenchRecord record) {
        return isImage()
                ? new ImageInput(Image.ofBytes(record.image))
                : TextGenerationInput.builder().prompt(record.prompt).build();
    }

    /**
     * The task input a user builds by hand with the generated protobuf classes, as the baselines
     * do.
     */
    public Struct handWrittenInput(BenchRecord record) {
        Struct.Builder data = Struct.newBuilder();
        if (isImage()) {
            data.putFields("type", text("image-base64"));
            data.putFields("image-base64", text(Base64.getEncoder().encodeToString(record.image)));
        } else {
            data.putFields("prompt", text(record.prompt));
        }
        return Struct.newBuilder()
                .putFields("data", Value.newBuilder().setStructValue(data).build())
                .build();
    }

    /**
     * What a user's own function reads back from the answer: the generated text, or the category.
     */
    public String handWrittenOutput(Struct taskOutput) {
        Struct data = taskOutput.getFieldsOrThrow("data").getStructValue();
        if (isImage()) {
            return data.getFieldsOrThrow("category").getStringValue();
        }
        return data.getFieldsOrThrow("choices")
                .getListValue()
                .getValues(0)
                .getStructValue()
                .getFieldsOrThrow("content")
                .getStringValue();
    }

    private static Value text(String text) {
        return Value.newBuilder().setStringValue(text).build();
    }

    byte[] image() {
        byte[] known = image;
        if (known == null && isImage()) {
            known = noisePng(imageBytes);
            image = known;
        }
        return known;
    }

    /** A PNG of random RGB pixels whose file is about {@code bytes} long. */
    public static byte[] noisePng(int bytes) {
        int side = (int) Math.sqrt(bytes / 3.0);
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes + 4096);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
