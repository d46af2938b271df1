"""Real reference tables shipped with the kit (not synthetic).

* :mod:`lrkit.reference.provinces`: the 63 pre-2025 provincial units, the 34 current ones and
  the 2025 crosswalk between them; the three pilot provinces of the kit.
* :mod:`lrkit.reference.minimum_wage`: the regional minimum wage schedule, 2018-2026.
"""
