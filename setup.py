"""The package list (everything else is in pyproject.toml).

Every ``generator*`` package is found, so a new subpackage needs no edit here; ``templates/`` and
``sample_inputs/`` are added as ``generator.templates`` and ``generator.samples`` (their folders are
mapped in pyproject.toml's ``[tool.setuptools.package-dir]``).
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["generator", "generator.*"]), "generator.templates", "generator.samples"])
