"""Stage 4: bytes -> a finished site (staging directory, static files, atomic swap)."""
