"""The chart of a period's statuses: a static, accessible SVG of horizontal bars.

Written by hand with lxml rather than with a chart library: the libraries (matplotlib's SVG
backend, Plotly, Vega, pygal …) write ``style=`` attributes, ``<style>`` elements or scripts,
which the site's Content-Security-Policy (``style-src``/``script-src 'self'``,
:mod:`thuynguyen_kb.publishing.policy`) blocks, and some of them the figures as paths that no
screen reader can read. Here every value lands through lxml (so it is escaped), the drawing uses
presentation attributes only (``fill``, ``stroke``, ``font-size``: no ``style``), and:

- ``role="img"`` with ``<title>`` and ``<desc>`` (``aria-labelledby``), the desc giving every
  figure in words, as the page's table does beside it;
- each status has an Okabe–Ito colour (safe for the common colour-vision deficiencies) *and* its
  own fill pattern (dots, diagonal lines, cross-hatching, horizontal lines), so that the bars
  stay apart in greyscale print; the status is also written beside its bar, and its number at
  the bar's end, so that nothing is said by colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from thuynguyen_kb.progress.schema import STATUSES

SVG = "http://www.w3.org/2000/svg"
# Okabe & Ito (2008), "Color Universal Design": colours told apart with every common form of
# colour blindness. Each status: (colour, pattern).
STYLE = {
    "done": ("#009E73", "crosshatch"),  # bluish green
    "in-progress": ("#E69F00", "diagonal"),  # orange
    "not-started": ("#D55E00", "dots"),  # vermillion
    "not-applicable": ("#0072B2", "horizontal"),  # blue
}
WIDTH = 720
LABEL_WIDTH = 230  # the status words, left of the bars
BAR_MAX = 380
BAR_HEIGHT = 30
GAP = 16
TOP = 56  # below the visible title
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
TEXT_COLOUR = "#1a1a1a"  # dark enough on white (WCAG 1.4.3) for the words and numbers


def _element(parent: etree._Element, tag: str, text: str | None = None, **attributes: object):
    element = etree.SubElement(parent, f"{{{SVG}}}{tag}")
    for name, value in attributes.items():
        element.set(name.rstrip("_").replace("_", "-"), str(value))
    if text is not None:
        element.text = text
    return element


def _pattern(defs: etree._Element, status: str) -> str:
    """A fill pattern for ``status`` over its colour; returns the pattern's id."""
    colour, kind = STYLE[status]
    pattern_id = f"pattern-{status}"
    pattern = _element(
        defs, "pattern", id=pattern_id, width=10, height=10, patternUnits="userSpaceOnUse"
    )
    _element(pattern, "rect", width=10, height=10, fill=colour)
    ink = {"fill": "none", "stroke": "#ffffff", "stroke_width": 2}
    if kind == "dots":
        _element(pattern, "circle", cx=5, cy=5, r=2, fill="#ffffff")
    elif kind == "diagonal":
        _element(pattern, "path", d="M-1,11 L11,-1 M-1,1 L1,-1 M9,11 L11,9", **ink)
    elif kind == "crosshatch":
        _element(pattern, "path", d="M0,0 L10,10 M10,0 L0,10", **ink)
    elif kind == "horizontal":
        _element(pattern, "path", d="M0,3 L10,3 M0,8 L10,8", **ink)
    return pattern_id


def figures_in_words(counts: Mapping[str, int], labels: Mapping[str, str]) -> str:
    """``Đã hoàn thành: 3; Đang thực hiện: 1; …``: every status with its number."""
    return "; ".join(f"{labels[status]}: {counts.get(status, 0)}" for status in STATUSES)


def status_chart_svg(
    counts: Mapping[str, int],
    labels: Mapping[str, str],
    title: str,
    description: str,
    lang: str,
) -> str:
    """The chart as SVG text: one bar per status of :data:`STATUSES`, in that order.

    ``labels`` are the statuses' words in ``lang``; ``title`` is shown and read as the chart's
    name, ``description`` is read as its description (give the figures in words).
    """
    height = TOP + len(STATUSES) * (BAR_HEIGHT + GAP) + GAP
    root = etree.Element(
        f"{{{SVG}}}svg",
        nsmap={None: SVG},
        attrib={
            "width": str(WIDTH),
            "height": str(height),
            "viewBox": f"0 0 {WIDTH} {height}",
            "role": "img",
            "aria-labelledby": "chart-title chart-desc",
            "lang": lang,
            "font-family": FONT,
        },
    )
    _element(root, "title", title, id="chart-title")
    _element(root, "desc", description, id="chart-desc")
    defs = _element(root, "defs")
    _element(root, "rect", width=WIDTH, height=height, fill="#ffffff")
    _element(root, "text", title, x=12, y=32, font_size=20, font_weight="bold", fill=TEXT_COLOUR)
    largest = max([counts.get(status, 0) for status in STATUSES] + [1])
    for index, status in enumerate(STATUSES):
        number = counts.get(status, 0)
        y = TOP + index * (BAR_HEIGHT + GAP)
        middle = y + BAR_HEIGHT / 2
        bar = _element(root, "g", class_=f"bar bar-{status}")
        _element(
            bar, "text", labels[status], x=LABEL_WIDTH - 12, y=middle, font_size=16,
            text_anchor="end", dominant_baseline="central", fill=TEXT_COLOUR,
        )  # fmt: skip
        length = round(BAR_MAX * number / largest)
        pattern_id = _pattern(defs, status)
        _element(
            bar, "rect", x=LABEL_WIDTH, y=y, width=length, height=BAR_HEIGHT,
            fill=f"url(#{pattern_id})", stroke=TEXT_COLOUR, stroke_width=1,
        )  # fmt: skip
        _element(
            bar, "text", str(number), x=LABEL_WIDTH + length + 10, y=middle, font_size=16,
            font_weight="bold", dominant_baseline="central", fill=TEXT_COLOUR,
            class_="bar-number",
        )  # fmt: skip
    # The axis the bars start from.
    _element(
        root, "line", x1=LABEL_WIDTH, y1=TOP - GAP / 2, x2=LABEL_WIDTH, y2=height - GAP / 2,
        stroke=TEXT_COLOUR, stroke_width=1,
    )  # fmt: skip
    return etree.tostring(root, encoding="unicode", pretty_print=True)
