"""Pages that Sphinx must read again on every build, because they depend on other pages.

A page built by the kit's directives from other pages (the agendas from the module pages,
the function index from every page) is not changed when those pages change, so Sphinx's
incremental build would keep a stale copy. A directive calls :func:`reread_always` for its
page; :func:`track` registers, once per extension, the handlers that keep the list across
builds (and across parallel reads) and hand it to Sphinx as outdated. It costs a few
milliseconds a build.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def reread_always(env: BuildEnvironment, key: str) -> None:
    """Mark the page being read as one to read again at every build (list ``key``)."""
    getattr(env, key).add(env.docname)


def track(app: Sphinx, key: str) -> None:
    """Keep the list ``key`` of pages to re-read on the build environment of ``app``."""

    def init(app: Sphinx) -> None:
        if not hasattr(app.env, key):
            setattr(app.env, key, set())

    def outdated(
        app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set
    ) -> list[str]:
        return sorted(d for d in getattr(env, key, set()) if d in env.found_docs)

    def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        getattr(env, key, set()).discard(docname)

    def merge(app: Sphinx, env: BuildEnvironment, docnames: set, other: BuildEnvironment) -> None:
        getattr(env, key).update(getattr(other, key, set()))

    app.connect("builder-inited", init)
    app.connect("env-get-outdated", outdated)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
