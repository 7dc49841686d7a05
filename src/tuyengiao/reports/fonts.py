"""The serif font the PDF and the chart images are set in.

DOCX files name Times New Roman and let Word supply it. The PDF and the chart PNGs are made on
the server, where Times New Roman is usually absent: they use Liberation Serif 2.x (Debian
``fonts-liberation2``), metric-compatible with Times New Roman, so a page breaks where it would
in Word. Liberation Serif 1.x (Debian ``fonts-liberation``) is *not* used: it lacks ơ, ư and the
whole Latin Extended Additional block (ạ ậ ể ồ ị …), so Vietnamese words would be set half in a
fallback font. DejaVu Serif (``fonts-dejavu-core``) is the fallback family.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["SerifFonts", "serif_fonts"]


@dataclass(frozen=True, slots=True)
class SerifFonts:
    """A font family's name and its four faces: ``files[bold, italic]``."""

    family: str
    files: dict[tuple[bool, bool], Path]


_FAMILIES = (
    (
        "Liberation Serif",
        Path("/usr/share/fonts/truetype/liberation2"),
        {
            (False, False): "LiberationSerif-Regular.ttf",
            (True, False): "LiberationSerif-Bold.ttf",
            (False, True): "LiberationSerif-Italic.ttf",
            (True, True): "LiberationSerif-BoldItalic.ttf",
        },
    ),
    (
        "DejaVu Serif",
        Path("/usr/share/fonts/truetype/dejavu"),
        {
            (False, False): "DejaVuSerif.ttf",
            (True, False): "DejaVuSerif-Bold.ttf",
            (False, True): "DejaVuSerif-Italic.ttf",
            (True, True): "DejaVuSerif-BoldItalic.ttf",
        },
    ),
)


def serif_fonts() -> SerifFonts:
    """The first family installed with all four faces (regular, bold, italic, bold italic).

    Raises:
        FileNotFoundError: neither Liberation Serif 2.x nor DejaVu Serif is installed.
    """
    for family, directory, names in _FAMILIES:
        files = {style: directory / name for style, name in names.items()}
        if all(path.is_file() for path in files.values()):
            return SerifFonts(family, files)
    raise FileNotFoundError(
        "no serif font with Vietnamese letters found: install the Debian package "
        "fonts-liberation2 (or fonts-dejavu-core)"
    )
