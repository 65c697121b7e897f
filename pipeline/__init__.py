"""The pipeline: stages, validators, export, CLI."""

__version__ = "0.1.0"
