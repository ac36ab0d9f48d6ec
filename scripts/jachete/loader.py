"""Read one YAML record file into plain data plus the position of every node.

Records are untrusted input, so this reader is stricter than ``yaml.safe_load``:

- the file must be UTF-8 (a BOM is accepted and dropped) and at most ``MAX_BYTES``;
- dates stay strings (the implicit timestamp resolver is removed): the schema and
  the date rules check them, the model converts them;
- a key given twice is an error (PyYAML would silently keep the last one);
- aliases are refused, so an "alias bomb" cannot expand;
- explicit tags (``!!python/object``, ``!!binary``...) are refused.

The result maps each field path (a tuple such as ``("offres", 0, "titre")``) to the
1-based (line, column) of its value and of its key, so every later problem can point
at the exact node.
"""

from __future__ import annotations

import re

import yaml
from yaml.constructor import SafeConstructor

from . import files
from .problems import ERROR, Problem

MAX_BYTES = files.MAX_BYTES

try:  # libyaml is much faster; the pure-Python parser gives the same nodes.
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Base  # type: ignore[assignment]


def without_timestamps(base: type) -> type:
    """A safe loader class whose resolver leaves ``2026-03-14`` a string."""
    loader = type("_Loader", (base,), {})
    loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    return loader


def remembering(base: type) -> type:
    """The same loader, with a resolver that remembers the tag of each plain value met.

    PyYAML's resolver, in Python, is called for every node the C parser builds: quoted
    values and blocks need no look-up at all, and a plain value (a key, a number, a date)
    gets the tag it got last time. Valid only without path resolvers, which no loader
    here adds.
    """
    assert not base.yaml_path_resolvers
    resolve, memo = base.resolve, {}
    text, block, items = base.DEFAULT_SCALAR_TAG, base.DEFAULT_MAPPING_TAG, base.DEFAULT_SEQUENCE_TAG

    def quick_resolve(self, kind, value, implicit):
        if kind is not yaml.ScalarNode:
            return block if kind is yaml.MappingNode else items
        if not implicit[0]:
            return text
        tag = memo.get(value)
        if tag is None:
            tag = resolve(self, kind, value, implicit)
            if len(memo) < 4096:  # bounded: a hostile file cannot grow it
                memo[value] = tag
        return tag

    return type("_Loader", (base,), {"resolve": quick_resolve})


_Loader = remembering(without_timestamps(_Base))

_STR = "tag:yaml.org,2002:str"
_SCALARS = {
    _STR: None,
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
}
_ALLOWED_TAGS = {*_SCALARS, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_constructor = SafeConstructor()
_CONSTRUCT = {tag: getattr(_constructor, f"construct_yaml_{kind}")
              for tag, kind in _SCALARS.items() if kind not in (None, "null")}


class _AtKey:
    """A stand-in node whose start mark is a key's (line, col), 1-based."""

    def __init__(self, line: int, col: int):
        self.start_mark = yaml.Mark("", 0, line - 1, col - 1, None, None)

Path = tuple  # a field path: tuple of str (mapping keys) and int (list indexes)


class Document:
    """A parsed record: ``data`` is None when the file could not be read at all.

    ``values``, ``keys`` and ``raw`` map field paths to positions and source texts. Most
    records have no problem, so nobody asks where their nodes are: the tables are built
    on first use, from the text kept for that purpose.
    """

    __slots__ = ("_source", "_tables", "data", "first_line", "path", "problems")

    def __init__(self, path: str, data: object = None, first_line: str = "",
                 problems: list[Problem] | None = None):
        self.path = path
        self.data = data
        self.first_line = first_line
        self.problems: list[Problem] = [] if problems is None else problems
        self._tables: tuple[dict, dict, dict] | None = None
        self._source: tuple[str, type] | None = None  # (text, loader class) until the tables are built

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, data={self.data!r}, problems={self.problems!r})"

    values = property(lambda self: self._positions()[0], doc="Path -> (line, col) of the value node.")
    keys = property(lambda self: self._positions()[1], doc="Path -> (line, col) of the key node.")
    raw = property(lambda self: self._positions()[2], doc="Path -> source text of a scalar value.")

    def _positions(self) -> tuple[dict, dict, dict]:
        if self._tables is None:
            self._tables = ({}, {}, {})
            if self._source is not None:
                text, loader_class = self._source
                self._source = None
                # The quick pass accepted this text, so the full walk cannot refuse it.
                _walk(self._tables, yaml.compose(text, Loader=loader_class), (), set())
        return self._tables

    def position(self, path: Path, at_key: bool = False) -> tuple[int, int]:
        """Best position for a field path: the node itself, else its closest known parent."""
        path = tuple(path)
        table = self.keys if at_key else self.values
        if path in table:
            return table[path]
        while path:
            path = path[:-1]
            if path in self.values:
                return self.values[path]
        return self.values.get((), (1, 1))

    def problem(self, code: str, path: Path, message: str, severity: str | None = None,
                at_key: bool = False) -> Problem:
        """A problem at a field; its severity defaults to the code's in the catalogue."""
        if severity is None:
            from .codes import severity as code_severity  # late: codes imports feature modules

            severity = code_severity(code)
        line, col = self.position(path, at_key)
        return Problem(self.path, line, col, severity, code, dotted(path), message)


def dotted(path: Path) -> str:
    # A hostile key could be thousands of characters long: the report shows its start.
    return ".".join(str(p) if len(str(p)) <= 60 else str(p)[:59] + "…" for p in path) or "-"


def _pos(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Refused(Exception):
    """Raised while walking nodes when the document uses a refused construct."""

    def __init__(self, code: str, node, message: str, path: Path = ()):
        super().__init__(message)
        self.code, self.node, self.message, self.path = code, node, message, path


def _walk(tables: tuple[dict, dict, dict], node, path: Path, seen: set) -> object:
    values, keys, raw = tables
    # An alias is the same node object met twice: refuse it on first reuse, so the
    # walk stays linear even for a crafted "billion laughs" document.
    if id(node) in seen:
        # Point at the field that uses the alias, not at the anchor.
        where = _AtKey(*keys[path]) if path in keys else node
        raise _Refused("yaml-alias", where, "les alias YAML (« *nom ») ne sont pas permis dans une fiche : "
                       "écrivez la valeur en toutes lettres", path)
    seen.add(id(node))
    values[path] = _pos(node)
    # A mapping or list tag on a plain value (« !!map x ») is refused like an unknown tag.
    if node.tag not in _ALLOWED_TAGS or (isinstance(node, yaml.ScalarNode) and node.tag not in _SCALARS):
        raise _Refused("yaml-etiquette", node,
                       f"l'étiquette YAML « {node.tag.replace('tag:yaml.org,2002:', '!!')} » n'est pas permise : retirez-la et écrivez une "
                       "valeur simple (texte, nombre, date, vrai/faux, liste ou bloc)", path)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                raise _Refused("yaml-cle-invalide", key_node,
                               "une clé doit être un mot (ex. « nom: »), pas une liste, un bloc, un nombre ou "
                               f"une valeur spéciale ; trouvé : « {_text(key_node)} »", path)
            key = key_node.value
            child = path + (key,)
            if key in result:
                line, _ = keys[child]
                raise _Refused("yaml-cle-dupliquee", key_node,
                               f"le champ « {key} » est écrit deux fois (déjà à la ligne {line}) : "
                               "gardez une seule ligne", child)
            keys[child] = _pos(key_node)
            result[key] = _walk(tables, value_node, child, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(tables, item, path + (i,), seen) for i, item in enumerate(node.value)]
    kind = _SCALARS[node.tag]
    raw[path] = node.value
    if kind is None:
        return node.value
    if kind == "null":
        return None
    return _CONSTRUCT[node.tag](node)


class _Slow(Exception):
    """The quick pass met something only the full walk reports well (a refused construct)."""


# Records are a few levels deep; a deeper document takes the full walk, which decides
# exactly as before where the nesting becomes too deep.
_QUICK_DEPTH = 50


def _quick(node, seen: set, depth: int) -> object:
    """The data of ``_walk`` without the positions: the full walk runs only when asked."""
    if depth > _QUICK_DEPTH or id(node) in seen:
        raise _Slow
    seen.add(id(node))
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        if tag == _STR:
            return node.value
        if tag not in _SCALARS:
            raise _Slow
        construct = _CONSTRUCT.get(tag)
        return None if construct is None else construct(node)
    if tag not in _ALLOWED_TAGS:
        raise _Slow
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag != _STR or not isinstance(key_node, yaml.ScalarNode):
                raise _Slow
            key = key_node.value
            if key in result:
                raise _Slow
            # Most values are plain texts: taken here without a call of their own.
            if value_node.__class__ is yaml.ScalarNode and value_node.tag == _STR and id(value_node) not in seen:
                seen.add(id(value_node))
                result[key] = value_node.value
            else:
                result[key] = _quick(value_node, seen, depth + 1)
        return result
    return [_quick(item, seen, depth + 1) for item in node.value]


def _text(node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return node.value
    return "liste" if isinstance(node, yaml.SequenceNode) else "bloc"


# Characters YAML refuses (C0 controls other than tab/newline, DEL-range controls, surrogates...).
_FORBIDDEN = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _mark_problem(path: str, exc: yaml.YAMLError, text: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    what = getattr(exc, "problem", None) or ""
    context = getattr(exc, "context", None) or ""
    detail = _translate_yaml(f"{context} {what}".strip())
    lines = text.split("\n")
    if 0 < line <= len(lines) and "\t" in lines[line - 1]:
        detail = "tabulation interdite (utilisez des espaces pour indenter)"
    if isinstance(exc, yaml.reader.ReaderError):
        bad = _FORBIDDEN.search(text)
        if bad:
            line = text.count("\n", 0, bad.start()) + 1
            col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        detail = "caractère interdit (caractère de contrôle ou contenu binaire)"
    return Problem(path, line, col, ERROR, "yaml-syntaxe",
                   "-", f"le fichier n'est pas du YAML valide : {detail} ; vérifiez l'indentation, "
                   "les deux-points et les guillemets à cet endroit")


# Why: PyYAML reports in English; a clerk gets the gist in French, never a Python message.
_YAML_HINTS = [
    ("found character '\\t'", "tabulation interdite (utilisez des espaces pour indenter)"),
    ("mapping values are not allowed", ("deux-points inattendu (mettez la valeur entre guillemets si elle "
     "contient « : »)")),
    ("could not find expected ':'", "deux-points manquant après un nom de champ"),
    ("found unexpected end of stream", "guillemet ou crochet non refermé"),
    ("did not find expected key", "indentation incohérente ou champ mal aligné"),
    ("did not find expected node content", "valeur manquante ou indentation incohérente"),
    ("did not find expected ',' or ']'", "crochet « ] » manquant ou virgule manquante dans une liste"),
    ("did not find expected ',' or '}'", "accolade « } » manquante ou virgule manquante"),
    ("found undefined tag handle", "étiquette YAML inconnue"),
    ("found character that cannot start any token", ("caractère qui ne peut pas commencer une valeur "
     "(mettez la valeur entre guillemets)")),
    ("found unknown escape character", "séquence d'échappement inconnue dans un texte entre guillemets"),
    ("but found another document", "un seul document par fichier (retirez « --- » en trop)"),
    ("block sequence entries are not allowed", "tiret de liste mal placé"),
    ("found a tab character", "tabulation interdite (utilisez des espaces pour indenter)"),
    ("found unhashable key", "clé invalide"),
    ("while scanning an anchor", "ancre YAML invalide"),
    ("while scanning an alias", "alias YAML invalide"),
]


def _translate_yaml(english: str) -> str:
    for needle, french in _YAML_HINTS:
        if needle in english:
            return french
    return "structure YAML incorrecte"


_LONE_CR = re.compile("\r(?!\n)")


def parse(path: str, content: bytes) -> Document:
    """Parse bytes read from ``path``; never raises on bad input."""
    doc = Document(path)
    if len(content) > MAX_BYTES:
        doc.problems.append(files.too_big(path))
        return doc
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        col = exc.start - (content.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.problems.append(Problem(path, line, col, ERROR, "encodage-invalide", "-",
                                    "le fichier n'est pas en UTF-8 : enregistrez-le en UTF-8 "
                                    "(« Enregistrer sous » puis encodage UTF-8)"))
        return doc
    # Why: YAML takes a lone CR for a line break, Git and GitHub's diffs do not: the file would not
    # read as it is reviewed (its first line, the schema line, would hold the whole record).
    lone = _LONE_CR.search(text) if "\r" in text else None
    if lone is not None:
        at = lone.start()
        line, col = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
        doc.problems.append(Problem(path, line, col, ERROR, "fin-de-ligne-cr", "-",
                                    "fin de ligne « CR » seule (format des anciens Mac) : convertissez les fins de "
                                    "ligne du fichier en LF (Unix) ou CRLF (Windows) dans votre éditeur"))
        return doc
    end = text.find("\n")
    doc.first_line = (text if end < 0 else text[:end]).rstrip("\r")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        doc.problems.append(_mark_problem(path, exc, text))
        return doc
    except (ValueError, RecursionError):  # odd input the C parser rejects outside YAMLError
        doc.problems.append(Problem(path, 0, 0, ERROR, "yaml-syntaxe", "-",
                                    "le fichier n'est pas du YAML valide : structure trop profonde ou illisible"))
        return doc
    if node is None:
        doc.problems.append(Problem(path, 1, 1, ERROR, "fiche-vide", "-",
                                    "le fichier est vide : attendu une fiche (des lignes « champ: valeur »)"))
        return doc
    # Why: a valid record needs its data only; its positions are found again from the text
    # if a later check reports a problem in it. Anything unusual takes the full walk now.
    try:
        doc.data = _quick(node, set(), 0)
        doc._source = (text, _Loader)
        return doc
    except (_Slow, ValueError, KeyError, RecursionError):
        pass
    doc._tables = ({}, {}, {})
    try:
        doc.data = _walk(doc._tables, node, (), set())
    except _Refused as exc:
        line, col = _pos(exc.node)
        doc.problems.append(Problem(path, line, col, ERROR, exc.code, dotted(exc.path), exc.message))
        doc.data = None
    except (ValueError, KeyError, RecursionError):  # a tagged value that does not convert (« !!bool peut-être »)
        doc.problems.append(Problem(path, 0, 0, ERROR, "yaml-syntaxe", "-",
                                    "le fichier n'est pas du YAML valide : structure trop profonde ou illisible"))
        doc.data = None
    return doc


def read(path, display: str | None = None) -> Document:
    """Read and parse a record file (``files.read_bytes``: a regular file, bounded); an unreadable,
    refused or misnamed file becomes a problem, not an exception."""
    display = display or str(path)
    content, problem = files.read_bytes(path, display)
    problem = problem or files.suffix_problem(display)
    if problem is not None:
        return Document(display, problems=[problem])
    return parse(display, content)
