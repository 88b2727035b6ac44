from minga.ecosystem.models.funding import Application, ApplicationStatus, FundingScheme, SchemeStatus
from minga.ecosystem.models.matchfunding import Campaign, CampaignStatus, EntryKind, LedgerEntry, MatcherPool
from minga.ecosystem.models.partnership import FundingSource, Partnership, PartnershipMember
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
    "FundingSource",
    "Instrument",
    "OrgLink",
    "Partnership",
    "PartnershipMember",
    "Relation",
    "RelationType",
    "SchemeStatus",
    "SupportForm",
]
