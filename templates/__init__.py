"""The Word template sets and layouts.toml, installed as package data ``generator.templates``."""
