"""Tuyên giáo số: a platform for Party committees' communications and civic-education work."""

__version__ = "0.1.0"
