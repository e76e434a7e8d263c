package dev.autoencoder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoencoder.nn.Activation;
import dev.autoencoder.nn.Initializer;
import dev.autoencoder.nn.Network;
import dev.autoencoder.random.NumpyRandom;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class WeightPlotsTest {
    static Network net(int... widths) {
        Activation[] acts = new Activation[widths.length - 1];
        java.util.Arrays.fill(acts, Activation.TANH);
        return Network.initialize(widths, acts, Initializer.XAVIER_UNIFORM, 0.0, new NumpyRandom(5));
    }

    @Test
    void theScaleIsWhiteAtZeroBlueBelowAndRedAbove() {
        assertEquals(Color.WHITE, WeightPlots.diverging(0));
        assertEquals(new Color(0x2166ac), WeightPlots.diverging(-1));
        assertEquals(new Color(0xb2182b), WeightPlots.diverging(1));
        assertEquals(WeightPlots.diverging(1), WeightPlots.diverging(7), "beyond the largest weight: clipped");
    }

    @Test
    void everyLayerIsAPanelWithItsRowsAndColumnsNamed() {
        Network n = net(5, 8, 2, 8, 5);
        List<String> cols = List.of("Por", "LogPerm", "AI", "Brittle", "TOC");
        String svg = FigureWriter.svg(WeightPlots.heatmaps(n, cols), 900, WeightPlots.height(n, 900));
        for (int l = 1; l <= 4; l++) {
            assertTrue(svg.contains("layer " + l + ": "), "panel " + l);
        }
        for (String c : cols) {
            assertTrue(svg.contains(">" + c + "<"), c + " names a column of layer 1 and a row of layer 4");
        }
        assertTrue(svg.contains(">code 1<") && svg.contains(">H1.8<"));
    }

    @Test
    void aPixelThatNeverChangesIsGreyAndAWeightShowsItsSign() throws Exception {
        Network n = net(16, 3, 16); // 4 x 4 images
        boolean[] varies = new boolean[16];
        java.util.Arrays.fill(varies, true);
        varies[0] = false;
        int w = 400, h = WeightPlots.imagesHeight(n, w);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(FigureWriter.png(WeightPlots.firstLayerImages(n, 4, varies), w, h)));
        double tile = (w - 32 - 8 * 7) / 8.0, px = tile / 4;
        int s = FigureWriter.PNG_SCALE;
        // node 0's tile starts at (16, 52); pixel 0 is its top-left cell, pixel 5 the one at (1, 1)
        assertEquals(Palette.GRID.getRGB(), img.getRGB((int) ((16 + px / 2) * s), (int) ((52 + px / 2) * s)));
        double w5 = n.layer(0).weightMatrix().get(0, 5);
        Color c = new Color(img.getRGB((int) ((16 + 1.5 * px) * s), (int) ((52 + 1.5 * px) * s)));
        assertTrue(w5 > 0 ? c.getRed() > c.getBlue() : c.getBlue() > c.getRed(), "weight " + w5 + " drawn as " + c);
    }
}
