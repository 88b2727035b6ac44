"""WCAG 2.2 AA checks with axe-core inside Chromium: no serious or critical violation on the main pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).resolve().parents[2] / "src" / "minga" / "static" / "vendor" / "axe-core" / "axe.min.js"
PAGES = [
    "/en/",
    "/es/territories/GB/",
    "/fr/territories/GB-BST/",
    "/en/actors/?territory=150&kind=cooperative",
    "/es/actors/1/",
    "/fr/sdg/7/",
    "/en/vocabularies/activities-ica/ICA70/",
    "/en/accounts/login/",
    "/en/territories/150/",
    "/en/initiatives/",
    "/fr/initiatives/1/",
    "/es/about/",
    "/fr/?kind=cooperative&theme=Housing",
    "/en/territories/GB/ecosystem/",
    "/es/territories/001/ecosystem/",
]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violations(server: str, page: Any, path: str) -> None:
    page.goto(server + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)

    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert len(result["passes"]) > 10  # axe really ran its rules
