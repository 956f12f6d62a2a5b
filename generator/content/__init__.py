"""Stage 1: content/*.md -> validated Articles."""
