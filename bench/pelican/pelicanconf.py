"""Pelican settings for the benchmark (bench/run.py --pelican): the theme Pelican ships,
twenty articles a list page, one page per year, no cache (every run is a clean build)."""

SITENAME = "Corpus de test"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "fr"
DEFAULT_PAGINATION = 20
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
LOAD_CONTENT_CACHE = False
