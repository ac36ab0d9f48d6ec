"""The mkdocs adapter of jachete: the only code of the project that imports mkdocs."""

import os

# Material prints an end-of-life notice when its templates are imported; the notice is known.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
