"""Exercises written once, in ``solutions/``, and everything made from them.

* :mod:`~lrkit.exercises.build`: the learner notebooks in ``exercises/``;
* :mod:`~lrkit.exercises.book`: the book's exercise pages, solutions hidden until clicked;
* :mod:`~lrkit.exercises.pack`: ``lrkit workshop pack``, a folder per group of participants;
* :mod:`~lrkit.exercises.collect`: ``lrkit workshop collect``, a progress table from the
  notebooks participants hand back.

Authoring rules for a solution notebook (checked by :func:`~lrkit.exercises.source.parse`):

1. a code cell tagged ``parameters`` (``province``, ``year``, ``seed``; ``lang`` where the
   notebook writes text), followed by a cell that validates them;
2. each question is a markdown cell tagged ``question``, then the code cells that answer it
   (solution lines marked ``# BEGIN SOLUTION`` … ``# END SOLUTION``, or one assignment ending
   in ``# SOLUTION``), then one code cell tagged ``check:<id>`` holding a single call of an
   :mod:`lrkit.check` function;
3. cells tagged ``hidden-check`` assert the solution is right; they never reach learners.
"""
