"""SEAO open data (Quebec public contracts): fetch, ingest, check, match.

The pipeline keeps its working files in a cache folder outside ``site/`` (``.cache/seao/`` by
default, git-ignored); only the small derived files of ``match`` go under ``data/seao/``.
"""
