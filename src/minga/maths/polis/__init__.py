"""Pol.is's opinion-group maths, reproduced in numpy/scipy (no Django): see docs/polis-maths.md.

```python
from minga.maths.polis import Votes, analyze, Analysis
result = analyze(votes, moderated_out={...}, meta={...}, previous=last_result)
```
"""

from __future__ import annotations

from .analysis import Analysis, BaseCluster, ClusterRecord, Group, analyze, participation
from .clusters import KSmoother, group_clusters
from .consensus import ConsensusStatement
from .load import load_polis_dir
from .matrix import Id, Votes
from .repness import RepStatement

__all__ = [
    "Analysis",
    "BaseCluster",
    "ClusterRecord",
    "ConsensusStatement",
    "Group",
    "Id",
    "KSmoother",
    "RepStatement",
    "Votes",
    "analyze",
    "group_clusters",
    "load_polis_dir",
    "participation",
]
