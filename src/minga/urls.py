"""URL map: web pages under a language prefix, the admin back office, the REST API, the language switch."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from minga.api import api
from minga.web.maps import country_shapes

handler404 = "minga.web.common.not_found"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("maps/countries.geojson", country_shapes, name="country_shapes"),
    *i18n_patterns(path("", include("minga.web.urls")), prefix_default_language=True),
]
