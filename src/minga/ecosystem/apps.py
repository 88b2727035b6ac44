from django.apps import AppConfig


class EcosystemConfig(AppConfig):
    name = "minga.ecosystem"
    label = "ecosystem"
    verbose_name = "Ecosystems (relations, partnerships, funding)"

    def ready(self) -> None:
        from minga.ecosystem.interfaces.jsonld import relation_nodes
        from minga.registry.exporters import jsonld

        if relation_nodes not in jsonld.EXTRA_NODES:
            jsonld.EXTRA_NODES.append(relation_nodes)
