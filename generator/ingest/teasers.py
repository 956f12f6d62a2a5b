"""The headlines of the teasers a page shows after the story ("Voir plus", other days'
stories), for the written article's provenance.

The issue allows teasers to be kept "in the provenance only, or as separate stub records
flagged for review". We keep them in the provenance only: a teaser is a headline, a caption
and one sentence of another story, which would make an article of no use that an editor must
then delete, and the whole page is kept under content/sources/ anyway. What the article's
front matter lists (`provenance.dropped_teasers`) is enough to see what was cut and to find
the stories if they are wanted. Teasers never reach extraction: nothing here is evidence.

A teaser on the agency's pages is a photo caption, a headline, then a lead. The caption goes
first (captions are recognised as in the body; one without a credit looks like a headline,
so of several headline-like lines before a lead only the last is the headline); when no lead
follows (a bare list of links), every headline-like line is one.
"""

from __future__ import annotations

from generator.ingest.clean import join_wrapped_lines
from generator.ingest.draft import Draft
from generator.ingest.removals import (
    is_more_marker,
    remove_site_footers,
    take_photo_captions,
    take_related_links,
)
from generator.ingest.segment import title_like


def teaser_headlines(trailer: str) -> tuple[str, ...]:
    """Headlines of the other stories in ``trailer`` (CleanedStory.trailer), in page order."""
    draft = Draft(trailer)
    for rule in (remove_site_footers, take_photo_captions, join_wrapped_lines):
        draft = rule(draft)
    headlines: list[str] = []
    run: list[str] = []
    for line in draft.text.split("\n"):
        line = " ".join(line.split())
        related = take_related_links(Draft(line)).related
        if related:  # '>> headline', '[headline]': a link to another story
            headlines.extend([*run, *related])
            run = []
        elif not line or is_more_marker(line):
            continue
        elif title_like(line):
            run.append(line)
        elif run:
            headlines.append(run[-1])
            run = []
    headlines.extend(run)
    return tuple(dict.fromkeys(headlines))
