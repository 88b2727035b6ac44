"""The about page: what Minga is, where every dataset shown comes from, under which licence, and the software
it is built with. The lists mirror ``data/PROVENANCE.md`` and ``static/vendor/PROVENANCE.md``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from minga.registry.domain.stats import cached_dashboard

#: (source key in the registry or None for reference data, name, what it holds, licence, attribution, address)
DATA_SOURCES = (
    ("coops-uk", "Co-operatives UK open data", _("Co-operatives of the United Kingdom (Q2 2023)"), "ODC-By 1.0",
     _("Contains Co-operatives UK open data"), "https://www.uk.coop/resources/open-data"),
    ("susy", "SUSY map", _("SSE initiatives across Europe (TransforMap / SSEDAS partners)"), _("Public domain"),
     "SUSY / TransforMap", "https://github.com/DigitalCommons/open-data"),
    ("kvm", "Karte von morgen", _("Sustainable places and initiatives, mostly in German-speaking countries"),
     "CC0 1.0", "Karte von morgen", "https://kartevonmorgen.org"),
    ("360giving", "Indigo Trust grants (360Giving)", _("Grants of the Indigo Trust, 2001–2015, in the 360Giving format"),
     "CC0 1.0", "Indigo Trust; 360Giving", "https://www.threesixtygiving.org"),
    (None, "Co-operatives UK 2017 registration numbers", _("Society and company numbers that link grants to co-operatives"),
     "ODC-By 1.0", _("Contains Co-operatives UK open data"), "https://github.com/DigitalCommons/open-data-and-maps"),
    (None, "UN M49", _("Regions and countries of the world"), "ODC-PDDL 1.0", _("UN Statistics Division"),
     "https://unstats.un.org/unsd/methodology/m49/"),
    (None, "ISO 3166-2 (pycountry)", _("Country subdivisions and their names"), "LGPL-2.1", "pycountry",
     "https://github.com/pycountry/pycountry"),
    (None, "ESSGlobal", _("Vocabularies of the social and solidarity economy"), "CC BY 3.0", "ESSGlobal / RIPESS",
     "https://www.ripess.org"),
    (None, "Open SDG translations", _("The 17 goals, 169 targets and indicators in many languages"), "MIT",
     _("United Nations; Open SDG"), "https://github.com/open-sdg/sdg-translations"),
    (None, "Murmurations", _("Schemas of the Murmurations profiles Minga exports"), "GPL-3.0",
     "Murmurations Network", "https://murmurations.network"),
    (None, "Natural Earth / world-atlas", _("Country shapes of the maps"), _("Public domain; ISC"),
     "Natural Earth; Mike Bostock", "https://github.com/topojson/world-atlas"),
)  # fmt: skip

#: (name, version, licence, purpose) of the browser libraries Minga serves itself
LIBRARIES = (
    ("Leaflet", "1.9.4", "BSD-2-Clause", _("interactive maps")),
    ("Leaflet.markercluster", "1.5.3", "MIT", _("marker clusters")),
    ("htmx", "2.0.11", "0BSD", _("updating parts of a page")),
    ("Vega, Vega-Lite, vega-embed", "6.4 / 6.5 / 7.3", "BSD-3-Clause", _("charts")),
    ("Django", "5.2", "BSD-3-Clause", _("web framework")),
    ("django-ninja", "1.x", "MIT", _("REST API")),
    ("igraph", "1.0", "GPL-2.0-or-later", _("network analytics of ecosystems")),
)


def about(request: HttpRequest) -> HttpResponse:
    """Where the data comes from (with how many records each source holds here) and under which licences."""
    by_source = cached_dashboard(None)["by_source"]
    sources = [
        {"records": by_source.get(key, 0) if key else None, "name": name, "what": what, "licence": licence,
         "attribution": attribution, "url": url}
        for key, name, what, licence, attribution, url in DATA_SOURCES
    ]  # fmt: skip
    return render(request, "minga/about.html", {"sources": sources, "libraries": LIBRARIES})
