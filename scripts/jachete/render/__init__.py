"""HTML rendering of the site's generated pages and components (Jinja2, autoescape on)."""
