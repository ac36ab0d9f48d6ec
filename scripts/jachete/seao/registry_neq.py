"""The registry's NEQs (``data/enterprises/*.yml``), read without validating the records."""

from __future__ import annotations

from pathlib import Path

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def registry_neqs(root: Path) -> dict[str, str]:
    """NEQ -> enterprise id, for every enterprise record that has a 10-digit NEQ."""
    out: dict[str, str] = {}
    for path in sorted((root / "data" / "enterprises").glob("*.yml")):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (safe loader)
        except (OSError, yaml.YAMLError):
            continue  # `jachete validate` reports broken records; here they simply match nothing
        neq = str(data.get("neq", "")) if isinstance(data, dict) else ""
        if len(neq) == 10 and neq.isdigit():
            out.setdefault(neq, str(data.get("id") or path.stem))
    return out
