"""Web pages, under a language prefix: /en/…, /es/…, /fr/…"""

from django.contrib.auth.views import LoginView, LogoutView
from django.urls import path

from minga.web import about, dashboard, ecosystem, editing, funding, initiatives, relations, views

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", about.about, name="about"),
    path("territories/<str:code>/", dashboard.territory, name="territory"),
    path("territories/<str:code>/ecosystem/", ecosystem.ecosystem, name="ecosystem"),
    path("actors/", views.directory, name="directory"),
    path("actors/new/", editing.create_actor, name="create_actor"),
    path("actors/download.<str:format>", views.download, name="download"),
    path("actors/<int:actor_id>/", views.actor, name="actor"),
    path("actors/<int:actor_id>/edit/", editing.edit_actor, name="edit_actor"),
    path("actors/<int:actor_id>/relations/new/", relations.new_relation, name="new_relation"),
    path("actors/<int:actor_id>/schemes/new/", funding.new_scheme, name="new_scheme"),
    path("actors/<int:actor_id>/pools/new/", funding.new_pool, name="new_pool"),
    path("schemes/<int:scheme_id>/apply/", funding.apply, name="apply"),
    path("applications/<int:application_id>/award/", funding.award_application, name="award"),
    path("campaigns/<int:campaign_id>/", funding.campaign, name="campaign"),
    path("initiatives/<int:initiative_id>/campaigns/new/", funding.new_campaign, name="new_campaign"),
    path("schemes/", relations.schemes, name="schemes"),
    path("schemes/<int:scheme_id>/", relations.scheme, name="scheme"),
    path("partnerships/new/", funding.new_partnership, name="new_partnership"),
    path("partnerships/<int:partnership_id>/", relations.partnership, name="partnership"),
    path("initiatives/<int:initiative_id>/replication/", relations.replication, name="replication"),
    path("initiatives/", initiatives.initiatives, name="initiatives"),
    path("initiatives/new/", editing.create_initiative, name="create_initiative"),
    path("initiatives/<int:initiative_id>/", initiatives.initiative, name="initiative"),
    path("initiatives/<int:initiative_id>/edit/", editing.edit_initiative, name="edit_initiative"),
    path("sdg-suggestions/<int:suggestion_id>/decide/", editing.decide_sdg, name="decide_sdg"),
    path("accounts/login/", LoginView.as_view(template_name="minga/login.html"), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("sdg/<int:number>/", views.sdg_goal, name="sdg_goal"),
    path("vocabularies/<str:scheme>/<str:code>/", views.concept, name="concept"),
]
