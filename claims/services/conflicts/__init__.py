"""Figures and conflicts: grouping an article's claims and comparing them with their candidates.

Detection for one article reads only candidate claims, through the (metric, subject, time) indexes:
the claims dated at the same time, and for a cumulative count the earlier and later ones that
contradict it, nearest in time first (at most TALLY_DETECTION_CANDIDATES a side), never all
claims. Conflicts are inserted with ON CONFLICT DO NOTHING over the unique pair, so concurrent
detections of two articles that conflict with each other store the conflict once.

A module per job: `candidates` plans the lookups, `lookups` reads them as SQL in one round trip,
`figures` groups claims into figures, `detection` judges and writes, `reevaluation` judges a
corrected claim's conflicts again.
"""

from claims.services.conflicts.detection import article_detect_conflicts, articles_detect_conflicts, tolerance_for
from claims.services.conflicts.figures import event_key
from claims.services.conflicts.reevaluation import OPEN_STATUSES, conflicts_reevaluate

__all__ = [
    "OPEN_STATUSES",
    "article_detect_conflicts",
    "articles_detect_conflicts",
    "conflicts_reevaluate",
    "event_key",
    "tolerance_for",
]
