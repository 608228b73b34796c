"""Charts for docs/benchmarks.md as SVG, written with plain string formatting (no plotting library).

bar_chart draws grouped bars (one group per variant, one bar per tool) with optional whiskers;
our plugin's bars are highlighted. A missing value is drawn as "n/a" instead of a bar."""

import math
from html import escape

OURS_FILL = "#d9480f"
PEER_FILL = "#8aa4bf"
REF_FILL = "#cfcfcf"
WHISKER = "#222222"
FONT = "font-family=\"DejaVu Sans, Arial, sans-serif\""


def nice_ceiling(x):
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is at least x (x > 0)."""
    if x <= 0:
        return 1.0
    e = 10 ** math.floor(math.log10(x))
    for m in (1, 2, 2.5, 5, 10):
        if m * e >= x * (1 - 1e-12):
            return m * e
    return 10 * e


def fmt(v):
    return f"{v:.0f}" if abs(v) >= 10 or v == int(v) else f"{v:.1f}"


def bar_chart(title, y_label, groups, note="", height=380, integer=False):
    """groups: [(group label, [bar])], bar: {"label", "value" (None: n/a), "lo", "hi" (whisker, optional),
    "ours" (bool), "reference" (bool)}. Values are in the unit of y_label; bars start at 0 (negative values
    are drawn at 0). integer: counts, so the axis has whole-number ticks."""
    bar_w, bar_gap, group_gap = 26, 6, 34
    left, right, top, bottom = 74, 20, 74, 128
    widths = [len(bars) * (bar_w + bar_gap) - bar_gap for _, bars in groups]
    plot_w = max(sum(widths) + group_gap * (len(groups) + 1), 380)  # room for the legend
    group_gap = (plot_w - sum(widths)) / (len(groups) + 1) if groups else group_gap  # spread the groups out
    width = left + plot_w + right
    plot_h = height - top - bottom
    tops = [max(b["value"], b.get("hi") or b["value"]) for _, bars in groups for b in bars if b["value"] is not None]
    y_max = nice_ceiling(max(tops)) if tops and max(tops) > 0 else 1.0
    if integer:
        y_max = max(y_max, 5.0)
    scale = plot_h / y_max
    y0 = top + plot_h
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" {FONT} font-size="12">',
           f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
           f'<text x="{width / 2:.1f}" y="20" text-anchor="middle" font-size="15" font-weight="bold">'
           f'{escape(title)}</text>']
    if note:
        out.append(f'<text x="{width / 2:.1f}" y="37" text-anchor="middle" font-size="11" fill="#555555">'
                   f'{escape(note)}</text>')
    # y axis, ticks and grid
    for i in range(6):
        v = y_max * i / 5
        y = y0 - v * scale
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#e3e3e3"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{fmt(v)}</text>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{y0}" stroke="#000000"/>')
    out.append(f'<line x1="{left}" y1="{y0}" x2="{left + plot_w}" y2="{y0}" stroke="#000000"/>')
    cy = top + plot_h / 2
    out.append(f'<text class="y-label" x="16" y="{cy:.1f}" text-anchor="middle" transform="rotate(-90 16 {cy:.1f})">'
               f'{escape(y_label)}</text>')
    x = left + group_gap
    for (glabel, bars), gw in zip(groups, widths):
        for b in bars:
            cx = x + bar_w / 2
            label = escape(b["label"])
            weight = ' font-weight="bold"' if b.get("ours") else ""
            if b["value"] is None:
                out.append(f'<text class="na" x="{cx:.1f}" y="{y0 - 6}" text-anchor="middle" fill="#777777">n/a</text>')
            else:
                v = max(b["value"], 0.0)
                h = v * scale
                fill = OURS_FILL if b.get("ours") else REF_FILL if b.get("reference") else PEER_FILL
                cls = "bar ours" if b.get("ours") else "bar"
                out.append(f'<rect class="{cls}" x="{x:.1f}" y="{y0 - h:.1f}" width="{bar_w}" height="{h:.1f}" '
                           f'fill="{fill}"><title>{label}, {escape(glabel)}: {fmt(b["value"])}</title></rect>')
                lo, hi = b.get("lo"), b.get("hi")
                if lo is not None and hi is not None:
                    ylo, yhi = y0 - max(lo, 0.0) * scale, y0 - max(hi, 0.0) * scale
                    out.append(f'<line class="whisker" x1="{cx:.1f}" y1="{ylo:.1f}" x2="{cx:.1f}" y2="{yhi:.1f}" '
                               f'stroke="{WHISKER}" stroke-width="1.2"/>')
                    for yy in (ylo, yhi):
                        out.append(f'<line x1="{cx - 5:.1f}" y1="{yy:.1f}" x2="{cx + 5:.1f}" y2="{yy:.1f}" '
                                   f'stroke="{WHISKER}" stroke-width="1.2"/>')
                    label_y = min(yhi, y0 - h) - 4
                else:
                    label_y = y0 - h - 4
                out.append(f'<text class="value" x="{cx:.1f}" y="{label_y:.1f}" text-anchor="middle" font-size="10">'
                           f'{fmt(b["value"])}</text>')
            out.append(f'<text class="tool" x="{cx + 4:.1f}" y="{y0 + 12}" text-anchor="end"{weight} '
                       f'transform="rotate(-45 {cx + 4:.1f} {y0 + 12})">{label}</text>')
            x += bar_w + bar_gap
        x -= bar_gap
        out.append(f'<text class="group" x="{x - gw / 2:.1f}" y="{height - 12}" text-anchor="middle" '
                   f'font-weight="bold">{escape(glabel)}</text>')
        x += group_gap
    # legend, between the title and the plot
    lx, ly = left, 50
    out.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{OURS_FILL}"/>'
               f'<text x="{lx + 16}" y="{ly + 10}">hotreload (ours)</text>'
               f'<rect x="{lx + 126}" y="{ly}" width="12" height="12" fill="{PEER_FILL}"/>'
               f'<text x="{lx + 142}" y="{ly + 10}">peers</text>')
    if any(b.get("reference") for _, bars in groups for b in bars):
        out.append(f'<rect x="{lx + 196}" y="{ly}" width="12" height="12" fill="{REF_FILL}"/>'
                   f'<text x="{lx + 212}" y="{ly + 10}">plain script (reference)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
