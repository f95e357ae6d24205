package org.sbi4j.runtime.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;

/** Draws text as real text (SVG {@code <text>}), anchored by its left, centre or right and by its middle. */
final class Text {
    /** Horizontal anchor. */
    enum Anchor { LEFT, CENTER, RIGHT }

    private Text() {
    }

    /** Draws {@code text} with its anchor at x and its vertical middle (cap height) at y. */
    static void draw(Graphics2D g, String text, double x, double y, Anchor anchor, Font font, Color color) {
        g.setFont(font);
        g.setColor(color);
        FontMetrics metrics = g.getFontMetrics();
        double width = metrics.getStringBounds(text, g).getWidth();
        double left = switch (anchor) {
            case LEFT -> x;
            case CENTER -> x - width / 2;
            case RIGHT -> x - width;
        };
        double baseline = y + capHeight(metrics) / 2;
        g.drawString(text, (float) left, (float) baseline);
    }

    /**
     * Draws {@code text} turned a quarter to the left (reading upwards), centred at (x, y). The transform is
     * restored on {@code g} itself: VectorGraphics2D 0.13 keeps later drawing of the parent inside the SVG group of
     * a disposed, rotated child context.
     */
    static void drawVertical(Graphics2D g, String text, double x, double y, Font font, Color color) {
        AffineTransform saved = g.getTransform();
        try {
            g.translate(x, y);
            g.rotate(-Math.PI / 2);
            draw(g, text, 0, 0, Anchor.CENTER, font, color);
        } finally {
            g.setTransform(saved);
        }
    }

    static double width(Graphics2D g, String text, Font font) {
        return g.getFontMetrics(font).getStringBounds(text, g).getWidth();
    }

    /** Height of capital letters, roughly 0.72 of the ascent for common sans-serif faces. */
    static double capHeight(FontMetrics metrics) {
        return metrics.getAscent() * 0.72;
    }

    /** Shortens {@code text} with an ellipsis until it fits in {@code maxWidth} pixels. */
    static String fit(Graphics2D g, String text, Font font, double maxWidth) {
        if (width(g, text, font) <= maxWidth) {
            return text;
        }
        for (int n = text.length() - 1; n > 1; n--) {
            String shorter = text.substring(0, n) + "…";
            if (width(g, shorter, font) <= maxWidth) {
                return shorter;
            }
        }
        return text.substring(0, 1) + "…";
    }
}
