from minga.ecosystem.models.relation import Instrument, OrgLink, Relation, RelationType, SupportForm

__all__ = ["Instrument", "OrgLink", "Relation", "RelationType", "SupportForm"]
