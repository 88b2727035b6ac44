from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "minga.registry"
    label = "registry"
    verbose_name = "Registry (actors and initiatives)"
