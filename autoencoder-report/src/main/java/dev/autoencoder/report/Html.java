package dev.autoencoder.report;

import java.util.Base64;

/** Small helpers for self-contained HTML: escaping, inline images, the shared stylesheet. */
public final class Html {
    private Html() {}

    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The figure as an {@code <img>} holding its own picture, so the page needs no other file: the SVG where the
     * vector drawing is the smaller (it stays sharp at any zoom), the PNG where thousands of shapes would make
     * the SVG heavy.
     */
    public static String inlineFigure(DemoFigures.Sized s) {
        byte[] svg = s.svg();
        byte[] png = s.png();
        if (svg.length <= png.length) {
            return "<img src=\"data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg) + "\" alt=\""
                    + escape(s.caption()) + "\" style=\"max-width:" + s.width() + "px\">";
        }
        return inlinePng(png, s.caption(), s.width());
    }

    /** An {@code <img>} whose source is the PNG itself, so the page needs no other file. */
    public static String inlinePng(byte[] png, String alt, int width) {
        return "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\" alt=\""
                + escape(alt) + "\" style=\"max-width:" + width + "px\">";
    }

    public static final String STYLE = String.join("\n",
            "body{font-family:'DejaVu Sans',system-ui,-apple-system,'Segoe UI',sans-serif;color:#222;",
            "  max-width:1000px;margin:2em auto;padding:0 1.2em;line-height:1.55;background:#fff}",
            "h1{font-size:1.9em;margin-bottom:.2em} h2{margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}",
            ".lede{color:#555;font-size:1.05em}",
            ".cards{display:flex;flex-wrap:wrap;gap:.8em;margin:1.2em 0}",
            ".card{flex:1 1 170px;border:1px solid #e3e3e3;border-radius:8px;padding:.7em 1em;background:#fafafa}",
            ".card b{display:block;font-size:1.45em;color:#1a1a1a}",
            "figure{margin:1.2em 0;text-align:center} figure img{width:100%;height:auto;border:1px solid #eee;border-radius:4px}",
            "figcaption{color:#555;font-size:.92em;margin-top:.3em}",
            "table{border-collapse:collapse;margin:1em 0;font-size:.92em}",
            "th,td{border-bottom:1px solid #e5e5e5;padding:.3em .9em;text-align:right}",
            "th{background:#f3f3f3} td:first-child,th:first-child{text-align:left}",
            "code{background:#f3f3f3;padding:.1em .3em;border-radius:3px}",
            ".scroll{overflow-x:auto;max-width:100%}",
            ".two{display:grid;grid-template-columns:1fr 1fr;gap:1em} @media(max-width:800px){.two{grid-template-columns:1fr}}",
            "footer{margin-top:3em;color:#777;font-size:.85em;border-top:1px solid #ddd;padding-top:1em}");
}
