"""Analyse: themes in free text and the plain-language check.

The pure logic lives in :mod:`mia.analysis.themes` and
:mod:`mia.analysis.readability`; neither imports Django, so both are usable
from the command line, a background task or a plain script.
"""
