"""The synthetic data generator.

Every dataset comes from a seeded causal model whose parameters live in
:mod:`lrkit.synth.params`, each with its source and whether it is a checked fact or an
assumption. :func:`lrkit.synth.build.build` writes a scale of data to a folder together with
``truth.json`` (the true parameters) and a codebook; the same seed gives the same bytes.
"""

from lrkit.synth.build import SCALES, build, generate

__all__ = ["SCALES", "build", "generate"]
