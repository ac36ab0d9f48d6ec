"""Benchmark tooling beside the product: synthetic records, build measures, SEAO ingest measures.

Not part of the published package's job; ``jachete-bench`` is its command (``make bench``).
"""
