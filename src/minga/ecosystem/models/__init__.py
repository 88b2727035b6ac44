from minga.ecosystem.models.relation import Instrument, Relation, RelationType, SupportForm

__all__ = ["Instrument", "Relation", "RelationType", "SupportForm"]
