package ai.instill.flink.server.real;

import ai.instill.flink.server.imaging.RgbPixels;

/**
 * The part of an image a network sees, in image pixels: the whole image stretched, or a square
 * around it (letterboxed, the outside black); maps the network's normalised coordinates back.
 */
record Region(double left, double top, double width, double height) {

    static Region whole(RgbPixels image) {
        return new Region(0, 0, image.width(), image.height());
    }

    static Region square(RgbPixels image) {
        double side = Math.max(image.width(), image.height());
        return new Region((image.width() - side) / 2, (image.height() - side) / 2, side, side);
    }

    /** The image x of a normalised x (0 = the region's left edge, 1 = its right edge). */
    double x(double normalised) {
        return left + normalised * width;
    }

    /** The image y of a normalised y. */
    double y(double normalised) {
        return top + normalised * height;
    }
}
