"""Stage 3: pages -> bytes (Markdown, French formatting, Jinja templates)."""
