from django.apps import AppConfig


class EcosystemConfig(AppConfig):
    name = "minga.ecosystem"
    label = "ecosystem"
    verbose_name = "Ecosystems (relations, partnerships, funding)"
