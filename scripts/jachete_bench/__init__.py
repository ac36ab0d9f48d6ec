"""Benchmark tooling, kept beside the product package (``jachete``) rather than inside it.

Synthetic records (written by the core's ``record_yaml``), build measures and SEAO ingest measures;
its command is ``jachete-bench`` (``make bench``, ``make bench-seao``). The product never imports it.
"""
