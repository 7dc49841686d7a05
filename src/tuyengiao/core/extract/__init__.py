"""HTML → article: title, lead, body text, dates, author, canonical URL, boilerplate removed.

``extract_article`` is the entry point; ``parse_datetime`` reads the date forms of Vietnamese
news pages. Pure Python over selectolax's lexbor parser; no Django, no settings.
"""

from tuyengiao.core.extract.article import Article, extract_article
from tuyengiao.core.extract.dates import parse_datetime

__all__ = ["Article", "extract_article", "parse_datetime"]
