"""Whole-site checks: golden output, links, HTML validity, feeds, sitemap."""
