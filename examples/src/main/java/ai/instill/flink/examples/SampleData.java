package ai.instill.flink.examples;

import ai.instill.flink.server.imaging.TextImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

/**
 * Generates the demo's sample records: images with shapes and text for the vision tasks, prompts
 * for the text tasks.
 */
public final class SampleData {
    private static final List<Color> COLOURS =
            List.of(
                    Color.RED,
                    Color.GREEN,
                    Color.BLUE,
                    Color.YELLOW,
                    Color.MAGENTA,
                    Color.CYAN,
                    Color.ORANGE);
    private static final List<String> WORDS =
            List.of(
                    "flink", "kafka", "stream", "model", "instill", "river", "window", "state",
                    "event", "join");

    private SampleData() {}

    /**
     * A PNG with one to three coloured rectangles on white and a short caption, different for every
     * seed.
     */
    public static byte[] shapesAndText(long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        TextImages.fill(image, Color.WHITE);
        int shapes = 1 + random.nextInt(3);
        for (int i = 0; i < shapes; i++) {
            int width = 14 + random.nextInt(20);
            int height = 10 + random.nextInt(16);
            // each shape in its own band so shapes never touch
            TextImages.fillRect(
                    image,
                    6 + i * 50,
                    8 + random.nextInt(40),
                    width,
                    height,
                    COLOURS.get(random.nextInt(COLOURS.size())));
        }
        TextImages.drawText(image, caption(seed), 6, 92, 2, Color.BLACK);
        return TextImages.encodePng(image);
    }

    /** The caption drawn under the shapes of {@link #shapesAndText(long)}. */
    public static String caption(long seed) {
        return WORDS.get((int) (seed % WORDS.size())).toUpperCase() + " " + seed;
    }

    /** A plain image of one colour. */
    public static byte[] solid(long seed) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        TextImages.fill(image, COLOURS.get((int) (seed % COLOURS.size())));
        return TextImages.encodePng(image);
    }

    /** A short prompt. */
    public static String prompt(long seed) {
        Random random = new Random(seed);
        return "Describe a "
                + WORDS.get(random.nextInt(WORDS.size()))
                + " that meets a "
                + WORDS.get(random.nextInt(WORDS.size()));
    }

    /**
     * A short conversation to continue: alternating user and assistant turns, as {role, text}
     * pairs.
     */
    public static List<String[]> conversation(long seed) {
        Random random = new Random(seed);
        String topic = WORDS.get(random.nextInt(WORDS.size()));
        return List.of(
                new String[] {"user", "Hi! I am learning about " + topic + "s."},
                new String[] {
                    "assistant", "Great, what would you like to know about " + topic + "s?"
                },
                new String[] {"user", "Keep the answers short, please."});
    }

    /** A follow-up question for {@link #conversation(long)}. */
    public static String question(long seed) {
        Random random = new Random(seed + 1);
        return "How does a "
                + WORDS.get(random.nextInt(WORDS.size()))
                + " relate to a "
                + WORDS.get(random.nextInt(WORDS.size()))
                + "?";
    }
}
