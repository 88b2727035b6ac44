from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "minga.territories"
    label = "territories"
    verbose_name = "Territories"
