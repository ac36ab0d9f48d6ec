"""Quality gates over a built site that need no browser: internal links and anchors, external
URLs of the records, HTML parsing, ids and language. The browser gates (axe-core, keyboard,
hostile records, no JavaScript) live with the tests, in tests/quality/gates.py."""
