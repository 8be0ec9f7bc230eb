package ai.instill.flink.server.models;

import ai.instill.flink.server.imaging.BitmapFont;
import ai.instill.flink.server.imaging.PaletteColor;
import ai.instill.flink.server.imaging.TextImages;
import com.google.protobuf.Struct;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Text-to-image stand-in: draws {@code n} small JPEGs whose light background and coloured bar
 * derive from a hash of (prompt, seed + sample), with the first characters of the prompt written in
 * the bitmap font so the OCR stand-in can read them back. The short side is 64 px and the aspect
 * ratio follows {@code aspect-ratio}.
 */
public final class TextToImageStandIn implements StandInModel {

    static final int SHORT_SIDE = 64;
    static final int TEXT_SCALE = 2;
    static final int MARGIN = 4;
    static final int MAX_SAMPLES = 16;

    private static final PaletteColor[] BAR_COLORS = {
        PaletteColor.RED, PaletteColor.GREEN, PaletteColor.BLUE, PaletteColor.YELLOW,
        PaletteColor.CYAN, PaletteColor.MAGENTA, PaletteColor.ORANGE, PaletteColor.PURPLE
    };

    @Override
    public Struct infer(Struct taskInput) throws ModelFailure {
        String prompt = StructPath.string(taskInput, "", "data", "prompt");
        long samples = StructPath.integer(taskInput, 1, "parameter", "n");
        long seed = StructPath.integer(taskInput, 0, "parameter", "seed");
        int[] size = sizeFor(StructPath.string(taskInput, "1:1", "parameter", "aspect-ratio"));
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new ModelFailure(
                    "the text-to-image stand-in draws between 1 and "
                            + MAX_SAMPLES
                            + " images, not "
                            + samples);
        }
        List<Struct> choices = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            byte[] jpeg = TextImages.encodeJpeg(draw(prompt, seed + i, size[0], size[1]), 0.95f);
            choices.add(
                    StructValues.struct(
                            "finish-reason",
                            "success",
                            "image",
                            "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg)));
        }
        return StandInOutput.of(StructValues.struct("choices", choices));
    }

    /**
     * The text the picture carries: the prompt's first characters that fit on one line, as the font
     * draws them.
     */
    static String caption(String prompt, int width) {
        int fitting = (width - 2 * MARGIN + TEXT_SCALE) / (BitmapFont.ADVANCE * TEXT_SCALE);
        String text = BitmapFont.normalize(prompt.replaceAll("\\s+", " ").strip());
        return text.substring(0, Math.min(text.length(), Math.max(0, fitting))).strip();
    }

    /**
     * {width, height} for an aspect ratio such as "16:9", with the short side {@value #SHORT_SIDE}
     * px.
     */
    static int[] sizeFor(String aspectRatio) throws ModelFailure {
        String[] parts = aspectRatio.split(":");
        try {
            int w = Integer.parseInt(parts[0].trim());
            int h = Integer.parseInt(parts[1].trim());
            if (w <= 0 || h <= 0) {
                throw new NumberFormatException();
            }
            return w >= h
                    ? new int[] {(int) Math.round(SHORT_SIDE * (double) w / h), SHORT_SIDE}
                    : new int[] {SHORT_SIDE, (int) Math.round(SHORT_SIDE * (double) h / w)};
        } catch (RuntimeException e) {
            throw new ModelFailure("unsupported aspect-ratio " + aspectRatio);
        }
    }

    private static BufferedImage draw(String prompt, long sampleSeed, int width, int height) {
        long hash = FeatureHashing.hash64(prompt + '\u0000' + sampleSeed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        TextImages.fill(image, new Color(light(hash), light(hash >>> 8), light(hash >>> 16)));
        PaletteColor bar = BAR_COLORS[(int) Math.floorMod(hash >>> 24, (long) BAR_COLORS.length)];
        int barTop = MARGIN + BitmapFont.GLYPH_HEIGHT * TEXT_SCALE + 2 * MARGIN;
        int barLeft = MARGIN + (int) Math.floorMod(hash >>> 32, (long) Math.max(1, width / 2));
        TextImages.fillRect(
                image,
                barLeft,
                barTop,
                width / 3,
                Math.max(1, height - barTop - MARGIN),
                bar.color());
        TextImages.drawText(image, caption(prompt, width), MARGIN, MARGIN, TEXT_SCALE, Color.BLACK);
        return image;
    }

    private static int light(long bits) {
        return 170 + (int) Math.floorMod(bits, 86L);
    }
}
