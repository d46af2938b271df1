"""The synthetic data generator.

Every dataset comes from a seeded causal model whose parameters live in
:mod:`lrkit.synth.params`, each with its source and whether it is a checked fact, a
calibrated value or an assumption. :func:`lrkit.synth.build.build` writes a scale of data to
a folder with raw deliveries, truth tables, ``truth.json``, a codebook and a Frictionless
``datapackage.json``; the same seed gives the same bytes.
"""

from lrkit.synth.build import SCALES, build, generate

__all__ = ["SCALES", "build", "generate"]
