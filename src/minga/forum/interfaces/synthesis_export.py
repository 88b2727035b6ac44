"""The forum synthesis as Markdown and as PDF (fpdf2 with the bundled DejaVu Sans, so statements print in their
original script). Headings and figures are in the forum's language; statements stay in theirs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

FONTS = Path(__file__).resolve().parents[2] / "data" / "fonts"


def _figures(q: dict[str, Any]) -> str:
    return _("%(agree)s%% agree, %(disagree)s%% disagree, of %(seen)s who voted") % {
        "agree": q["agree_pct"], "disagree": q["disagree_pct"], "seen": q["seen"]}  # fmt: skip


def _lines(found: dict[str, Any]) -> list[tuple[str, str]]:
    """The synthesis as (kind, text) lines: kinds h1, h2, h3, p, quote, item — shared by Markdown and PDF."""
    out: list[tuple[str, str]] = [("h1", _("Synthesis: %(forum)s") % {"forum": found["forum"]["title"]})]
    if found["forum"]["description"]:
        out.append(("p", found["forum"]["description"]))
    out.append(("p", _("Every conclusion below is a statement written by a participant, quoted as written, with "
                       "its votes. Conclusions are the statements most participants agreed with (or rejected); "
                       "divisions are those the opinion groups answered most differently.")))  # fmt: skip
    for session in found["sessions"]:
        out.append(("h2", session["title"]))
        for q in session["questions"]:
            out.append(("h3", q["title"]))
            out.append(("p", _("%(participants)s participants, %(statements)s statements, %(groups)s opinion groups.")
                        % {"participants": q["participants"], "statements": q["statements"], "groups": len(q["groups"])}))  # fmt: skip
            if q["agreed"]:
                out.append(("p", _("Conclusions: what most agreed with")))
                out += [
                    ("quote", f"“{s['text']}” ({s['language'] or '?'}) — {_figures(s)}") for s in q["agreed"]
                ]
            if q["rejected"]:
                out.append(("p", _("What most rejected")))
                out += [
                    ("quote", f"“{s['text']}” ({s['language'] or '?'}) — {_figures(s)}")
                    for s in q["rejected"]
                ]
            if q["divisions"]:
                out.append(("p", _("Open divisions")))
                for s in q["divisions"]:
                    out.append(("quote", f"“{s['text']}” ({s['language'] or '?'}) — {_figures(s)}"))
                    out += [("item", _("group %(group)s: %(agree)s%% agree, %(disagree)s%% disagree (%(seen)s voted)")
                             % {"group": g["group"], "agree": g["agree_pct"], "disagree": g["disagree_pct"],
                                "seen": g["seen"]}) for g in s["groups"]]  # fmt: skip
            if q["topics"]:
                out.append(
                    (
                        "p",
                        _("Topics")
                        + ": "
                        + "; ".join(f"{t['label']} ({t['statements']})" for t in q["topics"]),
                    )
                )
    if found["recurring_topics"]:
        out.append(("h2", _("Recurring across sessions")))
        out += [("item", _("%(term)s: in %(n)s sessions") % {"term": t["term"], "n": t["sessions"]})
                for t in found["recurring_topics"]]  # fmt: skip
    if found["sdg"]:
        out.append(("h2", _("Sustainable Development Goals addressed")))
        out += [("item", ngettext("SDG %(goal)s: %(n)s statement", "SDG %(goal)s: %(n)s statements", g["statements"])
                 % {"goal": g["goal"], "n": g["statements"]}) for g in found["sdg"]]  # fmt: skip
    if found["practices"]:
        out.append(("h2", _("Practices and organisations named")))
        out += [("item", f"{p['name']} ({p['mentions']})") for p in found["practices"]]
    return out


def to_markdown(found: dict[str, Any]) -> str:
    with translation.override(found["forum"]["language"]):
        lines = _lines(found)
    marks = {"h1": "# ", "h2": "## ", "h3": "### ", "p": "", "quote": "> ", "item": "- "}
    return "\n\n".join(marks[k] + text for k, text in lines) + "\n"


def to_pdf(found: dict[str, Any]) -> bytes:
    from fpdf import FPDF

    with translation.override(found["forum"]["language"]):
        lines = _lines(found)
    pdf = FPDF(format="A4")
    pdf.set_title(lines[0][1])
    pdf.set_lang(found["forum"]["language"])
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    sizes = {
        "h1": (18, "B"),
        "h2": (14, "B"),
        "h3": (12, "B"),
        "p": (10, ""),
        "quote": (10, ""),
        "item": (10, ""),
    }
    for kind, text in lines:
        size, style = sizes[kind]
        pdf.set_font("DejaVu", style, size)
        indent = 8 if kind in ("quote", "item") else 0
        pdf.set_x(pdf.l_margin + indent)
        prefix = "• " if kind == "item" else ""
        pdf.multi_cell(pdf.epw - indent, size * 0.55, prefix + text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5 if kind in ("quote", "item") else 3)
    return bytes(pdf.output())
