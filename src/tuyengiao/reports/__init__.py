"""Periodic review reports (báo cáo sơ kết, tổng kết): what a report holds and its renderers.

``document`` describes a report as plain dataclasses; ``docx``, ``pdf`` and ``xlsx`` render it.
None of them imports Django: the data side assembles a ``ReviewReport`` and hands it over.
"""
