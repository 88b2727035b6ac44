"""Vega-Lite specifications of the dashboard charts. Each chart is drawn from the same rows as the table that
stands beside it as its text alternative, so the two cannot disagree."""

from __future__ import annotations

from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an identifier only: nothing is fetched
BAR_COLOUR = "#1f6f50"  # the site's accent colour, 6.1:1 on white


def bar_chart(
    rows: list[tuple[str, int]], *, label: str, value: str, colours: list[str] | None = None, limit: int = 12
) -> dict[str, Any]:
    """A horizontal bar chart of (label, value) rows, largest first as given, at most ``limit`` bars.

    ``label`` and ``value`` are the (translated) axis titles; ``colours``, one per row, colours each bar (e.g. the
    official SDG colours); without them every bar has the accent colour.
    """
    shown = rows[:limit]
    data = [
        {"label": name, "value": n, "colour": (colours or [])[i] if colours else BAR_COLOUR}
        for i, (name, n) in enumerate(shown)
    ]
    return {
        "$schema": SCHEMA,
        "data": {"values": data},
        "width": "container",
        "height": {"step": 22},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "y": {
                "field": "label",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelLimit": 220},
            },
            "x": {"field": "value", "type": "quantitative", "title": value, "axis": {"tickMinStep": 1}},
            "color": {"field": "colour", "type": "nominal", "scale": None, "legend": None},
            "tooltip": [
                {"field": "label", "type": "nominal", "title": label},
                {"field": "value", "type": "quantitative", "title": value},
            ],
        },
        "config": {"view": {"stroke": None}, "axis": {"labelFontSize": 12, "titleFontSize": 12}},
    }
