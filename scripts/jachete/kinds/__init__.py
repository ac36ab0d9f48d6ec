"""The record kinds, each described once (``catalogue.KINDS``), and their field tables (``<kind>.yml``).

This package's ``__init__`` imports nothing: the stages import ``kinds.fields`` (the field tables)
and ``kinds.catalogue`` (the ``Kind`` descriptions) without import cycles.
"""
