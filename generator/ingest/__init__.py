"""Stage 0: raw wire stories (text, saved HTML, JSON Lines, Markdown) -> content/*.md.

The only entry point the command line needs is :func:`generator.ingest.pipeline.ingest_paths`.
Data flows decode -> readers -> clean -> segment -> extract -> write; every stage but the two
ends is pure.
"""
