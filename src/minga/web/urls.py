"""Web pages, under a language prefix: /en/…, /es/…, /fr/…"""

from django.contrib.auth.views import LoginView, LogoutView
from django.urls import path

from minga.web import dashboard, views

urlpatterns = [
    path("", views.home, name="home"),
    path("territories/<str:code>/", dashboard.territory, name="territory"),
    path("actors/", views.directory, name="directory"),
    path("actors/download.<str:format>", views.download, name="download"),
    path("actors/<int:actor_id>/", views.actor, name="actor"),
    path("actors/<int:actor_id>/edit/", views.edit_actor, name="edit_actor"),
    path("accounts/login/", LoginView.as_view(template_name="minga/login.html"), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("sdg/<int:number>/", views.sdg_goal, name="sdg_goal"),
    path("vocabularies/<str:scheme>/<str:code>/", views.concept, name="concept"),
]
