"""A static, searchable news archive generator. Public API only."""

from generator.build import build_site, check_site
from generator.config import load_config

__version__ = "0.1.0"

__all__ = ["__version__", "build_site", "check_site", "load_config"]
