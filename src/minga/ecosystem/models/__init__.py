from minga.ecosystem.models.funding import Application, ApplicationStatus, FundingScheme, SchemeStatus
from minga.ecosystem.models.matchfunding import Campaign, CampaignStatus, EntryKind, LedgerEntry, MatcherPool
from minga.ecosystem.models.relation import Instrument, OrgLink, Relation, RelationType, SupportForm

__all__ = [
    "Campaign",
    "CampaignStatus",
    "EntryKind",
    "LedgerEntry",
    "MatcherPool",
    "Application",
    "ApplicationStatus",
    "FundingScheme",
    "Instrument",
    "OrgLink",
    "Relation",
    "RelationType",
    "SchemeStatus",
    "SupportForm",
]
