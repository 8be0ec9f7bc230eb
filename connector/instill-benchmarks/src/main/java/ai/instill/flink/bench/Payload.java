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
 * classifier; and whether records repeat earlier content (for the result cache), in which case the
 * prompts ask for greedy decoding (temperature 0) so that their answers may be cached.
 */
public enum Payload {
    PROMPT("prompt", 0, 0),
    IMAGE_100K("image-100KiB", 100 * 1024, 0),
    IMAGE_1M("image-1MiB", 1024 * 1024, 0),
    /** Record 2k brings a new prompt, record 2k + 1 repeats one of the earlier ones. */
    PROMPT_HALF_REPEATS("prompts, half repeat", 0, -1),
    /** 64 prompts over and over: after the first 64 records, every record repeats one. */
    PROMPT_HOT("prompts, 64 distinct", 0, 64),
    /** 16 images of random pixels over and over. */
    IMAGE_100K_HOT("image-100KiB, 16 distinct", 100 * 1024, 16);

    /** About twenty tokens, the size of a typical enrichment prompt. */
    static final String PROMPT_TEXT =
            "Summarise the customer review in one sentence and name its sentiment: great phone,"
                    + " weak battery";

    private final String label;
    private final int imageBytes;

    /** 0: every record its own content; -1: half repeats; n: n distinct contents in turn. */
    private final int distinct;

    private volatile byte[][] images;

    Payload(String label, int imageBytes, int distinct) {
        this.label = label;
        this.imageBytes = imageBytes;
        this.distinct = distinct;
    }

    public String label() {
        return label;
    }

    public boolean isImage() {
        return imageBytes > 0;
    }

    /** Bytes of the payload as the user holds it (the encoded image, or the prompt's UTF-8). */
    public int bytes() {
        return isImage() ? images()[0].length : PROMPT_TEXT.length();
    }

    public String modelName() {
        return isImage() ? DefaultModels.CLASSIFIER : DefaultModels.COMPLETION;
    }

    public InstillTask task() {
        return isImage() ? InstillTask.CLASSIFICATION : InstillTask.TEXT_GENERATION;
    }

    /** Whether records repeat earlier content. */
    public boolean repeats() {
        return distinct != 0;
    }

    /** Which content record {@code id} carries: its own, or one that an earlier record had. */
    long content(long id) {
        if (distinct == 0) {
            return id;
        }
        if (distinct > 0) {
            return id % distinct;
        }
        // record 2k brings content k; record 2k + 1 one of the contents 0..k
        return id % 2 == 0 ? id / 2 : Math.floorMod(id * 0x9E3779B97F4A7C15L, id / 2 + 1);
    }

    /**
     * A new record of run {@code run}; image records get their own copy of the bytes, as records
     * read from a source would. The prompts of a repeating payload name their content and the run,
     * so that no run finds an earlier run's answers in the TaskManager's cache.
     */
    public BenchRecord record(long id, long run) {
        if (isImage()) {
            byte[][] known = images();
            return new BenchRecord(id, null, known[(int) content(id) % known.length].clone());
        }
        return new BenchRecord(
                id, repeats() ? PROMPT_TEXT + " #" + run + "/" + content(id) : PROMPT_TEXT, null);
    }

    /** The connector's typed input for a record. */
    public TaskInput input(BenchRecord record) {
        if (isImage()) {
            return new ImageInput(Image.ofBytes(record.image));
        }
        return TextGenerationInput.builder()
                .prompt(record.prompt)
                .temperature(repeats() ? 0.0 : null)
                .build();
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

    /** The images records carry in turn: one, or {@code distinct} different ones. */
    byte[][] images() {
        byte[][] known = images;
        if (known == null && isImage()) {
            known = new byte[Math.max(1, distinct)][];
            for (int i = 0; i < known.length; i++) {
                known[i] = noisePng(imageBytes, 42 + i);
            }
            images = known;
        }
        return known;
    }

    /** A PNG of random RGB pixels whose file is about {@code bytes} long. */
    public static byte[] noisePng(int bytes) {
        return noisePng(bytes, 42);
    }

    private static byte[] noisePng(int bytes, long seed) {
        int side = (int) Math.sqrt(bytes / 3.0);
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
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
