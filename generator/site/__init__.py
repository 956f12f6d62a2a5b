"""Stage 2, pure: Articles -> the site's structure (timeline, relations, pages to write)."""
