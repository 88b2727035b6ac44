"""URL map: admin back office, REST API, and a small landing page until the web app lands."""

from django.contrib import admin
from django.urls import path

from minga.api import api
from minga.web.views import home

urlpatterns = [
    path("", home, name="home"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
