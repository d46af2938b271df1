"""Sphinx extensions used by the kit's book (listed in ``book/_config.yml``)."""
