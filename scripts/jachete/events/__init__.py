"""Events (data/events/): salons, Semaine de l'économie sociale, regional activities, trainings.

Site feature: the calendar component of /evenements/ (upcoming and past, by region),
one .ics per event and the subscribable /evenements/evenements.ics.
"""

from __future__ import annotations

from .load import load_events, validate_events
from .model import TYPES, Event
from .page import components, events_of, outputs

__all__ = ["TYPES", "Event", "components", "events_of", "load_events", "outputs", "validate_events"]
