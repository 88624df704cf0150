"""Benchmarks, one module per area (`python -m bench.<name>`); `python -m bench` runs them all.

Figures go to docs/benchmarks.md, each area under its own heading. Timed tests are not used:
the machine is shared, so numbers come from here, with the load noted.
"""
