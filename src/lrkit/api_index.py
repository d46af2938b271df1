"""Which ``lrkit`` functions the book's pages call, and what each of them does.

The book's *Functions used in the book* page is built from this index, so it cannot fall
behind the pages: :func:`used_names` reads every page of the book (MyST Markdown and
notebooks), takes its code (executed ``{code-cell}`` blocks and the ``python`` blocks that
show code to type) and collects every name imported from ``lrkit``, with the pages that
import it. :func:`describe` then gives, for each name, its kind, its call signature and the
first paragraph of its docstring.

Only ``from lrkit… import name`` statements are collected: that is how every page of the
book uses the kit (a rule of the exercises, and of the chapters).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import re
import textwrap
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

#: Fenced blocks whose content is Python: executed cells and code shown to type.
_CODE_FENCE = re.compile(
    r"^[ \t]*(?P<fence>`{3,}|~{3,})[ \t]*(?:\{code-cell\}[^\n]*|python3?|ipython3?)[ \t]*\n"
    r"(?P<body>.*?)^[ \t]*(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
#: A cell option line of a MyST code cell (``:tags: [...]``), not Python.
_OPTION = re.compile(r"^:\w[\w-]*:.*$")
#: An import from lrkit, alone or with a parenthesised list over several lines.
_IMPORT = re.compile(r"^\s*from\s+lrkit[\w.]*\s+import\s+(?:\([^)]*\)|[^\n]*)", re.MULTILINE)
#: A Sphinx role in a docstring (:func:`x`, :py:class:`~a.b`), shown as the literal ``x``.
_ROLE = re.compile(r":(?:\w+:)?\w+:`~?([^`]+)`")


@dataclass(frozen=True)
class Entry:
    """One name of ``lrkit`` that the book uses: where it lives and what it is."""

    module: str
    name: str
    kind: str  # function, class or value
    signature: str
    summary: str


def page_code(path: Path) -> list[str]:
    """Return the Python code blocks of a MyST page or a notebook, in order."""
    path = Path(path)
    text = path.read_text("utf-8")
    if path.suffix == ".ipynb":
        cells = json.loads(text).get("cells", [])
        return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                for c in cells if c.get("cell_type") == "code"]  # fmt: skip
    blocks = []
    for match in _CODE_FENCE.finditer(text):
        lines = textwrap.dedent(match.group("body")).splitlines()
        if lines and lines[0].strip() == "---":  # a YAML block of cell options
            end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
            lines = lines[end + 1 :]
        blocks.append("\n".join(line for line in lines if not _OPTION.match(line)))
    return blocks


def imported_names(code: str) -> set[tuple[str, str]]:
    """Return the ``(module, name)`` pairs that ``code`` imports from ``lrkit``.

    Code that is not valid Python as a whole (a shown fragment with ``...``) is read import
    statement by import statement.
    """
    try:
        tree = ast.parse(code)
    except SyntaxError:
        statements = _IMPORT.findall(code)
        tree = ast.parse("\n".join(s.strip() for s in statements))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "lrkit" or node.module.startswith("lrkit."):
                found |= {(node.module, alias.name) for alias in node.names}
    return found


def book_pages(book: Path) -> list[Path]:
    """Return the chapters' pages of ``book`` (Markdown and notebooks), not the build."""
    book = Path(book)
    pages = [*book.rglob("*.md"), *book.rglob("*.ipynb")]
    return sorted(p for p in pages if "_build" not in p.relative_to(book).parts)


def used_names(book: Path) -> dict[tuple[str, str], list[str]]:
    """Return every ``(module, name)`` imported from ``lrkit`` by a page of ``book``.

    The value is the sorted list of the pages (Sphinx docnames, such as
    ``modules/01-concepts``) that import it.
    """
    book = Path(book)
    uses: dict[tuple[str, str], set[str]] = defaultdict(set)
    for page in book_pages(book):
        docname = page.relative_to(book).with_suffix("").as_posix()
        for code in page_code(page):
            for key in imported_names(code):
                uses[key].add(docname)
    return {key: sorted(docs) for key, docs in sorted(uses.items())}


def _plain(text: str) -> str:
    """Return docstring text with Sphinx roles shown as literals, on one line."""
    return " ".join(_ROLE.sub(r"``\1``", text).split())


def _first_paragraph(doc: str | None) -> str:
    if not doc:
        return ""
    return _plain(inspect.cleandoc(doc).split("\n\n")[0])


def _attribute_doc(module: str, name: str) -> str:
    """Return the ``#:`` comment above a module-level value, as Sphinx reads it."""
    from sphinx.errors import PycodeError
    from sphinx.pycode import ModuleAnalyzer

    try:
        docs = ModuleAnalyzer.for_module(module).find_attr_docs()
    except PycodeError:  # a module without readable source has no comments to read
        return ""
    return _plain(" ".join(docs.get(("", name), [])))


def describe(module: str, name: str) -> Entry:
    """Return the :class:`Entry` of ``module.name``; raise ``ImportError`` if it is not there."""
    owner = importlib.import_module(module)
    if not hasattr(owner, name):
        try:  # ``from lrkit import analysis``: a submodule, not yet an attribute
            importlib.import_module(f"{module}.{name}")
        except ModuleNotFoundError:
            raise ImportError(
                f"{module} has no name {name!r} (imported by a page of the book)"
            ) from None
    obj = getattr(owner, name)
    if inspect.ismodule(obj):
        return Entry(module, name, "module", name, _first_paragraph(obj.__doc__))
    if callable(obj):  # functions, classes, and functions behind a cache
        kind = "class" if inspect.isclass(obj) else "function"
        try:
            parameters = inspect.signature(obj).parameters.values()
            signature = f"{name}({', '.join(_parameter(p) for p in parameters)})"
        except (TypeError, ValueError):
            signature = name
        return Entry(module, name, kind, signature, _first_paragraph(inspect.unwrap(obj).__doc__))
    summary = _attribute_doc(module, name) or f"A value: {_short(obj)}."
    return Entry(module, name, "value", name, summary)


def _parameter(parameter: inspect.Parameter) -> str:
    """Return a parameter as a reader types it: its name and a short default."""
    text = parameter.name
    if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
        text = "*" + text
    elif parameter.kind is inspect.Parameter.VAR_KEYWORD:
        text = "**" + text
    if parameter.default is not inspect.Parameter.empty:
        text += "=" + _short(parameter.default)
    return text


def _short(value: object, width: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def module_summary(module: str) -> str:
    """Return the first line of a module's docstring."""
    doc = importlib.import_module(module).__doc__ or ""
    return _plain(doc.strip().split("\n\n")[0])
