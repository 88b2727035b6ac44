from django.apps import AppConfig
from django.db.models.signals import post_migrate


class KnowledgeConfig(AppConfig):
    name = "minga.knowledge"
    label = "knowledge"
    verbose_name = "Knowledge (search and SDG alignment)"

    def ready(self) -> None:
        from minga.knowledge.domain import fulltext, hooks

        # every migrate (re)creates the full-text index if a table rebuild dropped it (SQLite remakes tables)
        post_migrate.connect(fulltext.ensure_after_migrate, sender=self)
        hooks.connect()
