from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "minga.core"
    label = "core"
    verbose_name = "Minga core (audit, roles, tokens)"
