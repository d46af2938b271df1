"""lrkit: a training and reproducible research kit for labour relations data in Viet Nam.

The package is organised so that data flow one way (see ``book/reference/architecture.md``):
reference tables and the synthetic generator write ``datasets/``; :mod:`lrkit.data` loads
them; :mod:`lrkit.indicators` computes ILO-defined indicators; notebooks and the book only
call these functions and hold no logic of their own.
"""

__version__ = "0.1.0"
