"""Procurement rules as data: which procedures a public or municipal buyer may use with a
collective enterprise. Validation (``validate``), engine (``engine``), tables (``tables``),
JSON export (``export``) and the site feature (``feature``)."""

from .validate import load_rules, validate_rules

__all__ = ["load_rules", "validate_rules"]
