"""Tools that measure the project and are no part of it: evaluators, scorers, corpus generators.

Run from the project root (`python -m tools.evaluate tests/claims/extraction/corpus`). The apps
import nothing from here, and what a tool reads is passed in, never a path into tests/.
"""
