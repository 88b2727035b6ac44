from django.apps import AppConfig


class VocabConfig(AppConfig):
    name = "minga.vocab"
    label = "vocab"
    verbose_name = "Vocabularies (ESSGlobal, SDG)"
