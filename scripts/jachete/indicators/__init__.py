"""The /indicateurs/ page: the plan's follow-up indicators computed from the registry at build time.

Site feature (listed in ``jachete.features.FEATURES``): the ``indicateurs`` component.
"""

from __future__ import annotations

from .page import charts, components

__all__ = ["charts", "components"]
