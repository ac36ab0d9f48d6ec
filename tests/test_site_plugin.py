"""The mkdocs adapter's configuration: typed options, environment overrides, theme settings."""

import pytest
from mkdocs.config import load_config

from conftest import REPO
from jachete_mkdocs import plugin


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0", False), ("false", False), ("non", False), ("1", True), ("oui", True), ("", None), (None, None)],
)
def test_env_bool(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("JACHETE_DEMO", raising=False)
    else:
        monkeypatch.setenv("JACHETE_DEMO", value)
    assert plugin._env_bool("JACHETE_DEMO") is expected


def test_repo_config_uses_the_plugin_and_pagefind_not_lunr(monkeypatch):
    monkeypatch.delenv("JACHETE_DEMO", raising=False)
    config = load_config(str(REPO / "mkdocs.yml"))
    assert "jachete" in config.plugins
    assert "search" not in config.plugins and "material/search" not in config.plugins
    options = config.plugins["jachete"].config
    assert options.demo is True and options.branch == "main"
    features = config.theme["features"]
    assert "navigation.prune" in features and "navigation.indexes" in features
    assert "navigation.expand" not in features
    assert config.theme["language"] == "fr"
    assert "data" in [str(p).rstrip("/").rsplit("/", 1)[-1] for p in config.watch]


def test_demo_env_overrides_the_option(monkeypatch):
    monkeypatch.setenv("JACHETE_DEMO", "0")
    monkeypatch.setenv("SITE_URL", "https://owner.github.io/jachete/")
    config = load_config(str(REPO / "mkdocs.yml"))
    p = config.plugins["jachete"]
    p.on_config(config)
    assert p.settings.include_demo is False
    assert p.settings.repo_url == config.repo_url.rstrip("/")
    assert config.extra["jachete"]["base_path"] == "/jachete/"
