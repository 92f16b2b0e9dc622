"""The bundled sample workbooks, installed as package data ``generator.samples``."""
