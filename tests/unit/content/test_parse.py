"""Parsing many files on several processes gives exactly what parsing them in-process gives:
the same articles (sharing the country table's objects), the same located problems."""

from __future__ import annotations

from pathlib import Path

from generator.content.countries import load_countries
from generator.content.parse import PARALLEL_MIN, Job, content_digest, parse_articles


def job(index: int) -> Job:
    """A valid article, or every seventh time a broken one (bad date, missing front matter)."""
    if index % 14 == 0:
        text = f"Pas de front matter dans le fichier {index}.\n"
    elif index % 7 == 0:
        text = f'---\ntitle: "Dépêche {index}"\ndate: 2020-02-30\ncountries: [VN, FR]\n---\n\nTexte.\n'
    else:
        text = (
            f'---\ntitle: "Dépêche {index}"\ndate: 2020-03-{index % 28 + 1:02d}\ncountries: [VN, BY]\n'
            f"people:\n  - name: Personne {index}\n    role: ministre\n    country: BY\n---\n\n"
            f"Hanoï, le {index} mars - Les deux pays ont signé un accord numéro {index} sur le commerce.\n"
        )
    return (f"content/d{index}.md", f"d{index}", Path(f"/nonexistent/d{index}.md"), text.encode())


def test_parallel_parse_equals_in_process_parse() -> None:
    countries = load_countries()
    jobs = [job(index) for index in range(PARALLEL_MIN + 50)]
    alone = parse_articles(jobs, countries, "VN", workers=1)
    pooled = parse_articles(jobs, countries, "VN", workers=2)
    assert pooled == alone
    assert sum(article is None for _, article, _ in pooled) == len(
        range(0, len(jobs), 7)
    )  # both broken kinds
    problems = [problem.format() for _, _, found in pooled for problem in found]
    assert any("content/d7.md:3" in line and "front-matter.date" in line for line in problems)


def test_parallel_parse_shares_the_country_table() -> None:
    countries = load_countries()
    jobs = [job(index) for index in range(1, PARALLEL_MIN + 1) if index % 7]
    pooled = parse_articles(jobs, countries, "VN", workers=2)
    for _, article, _ in pooled:
        assert article is not None
        assert all(country is countries[country.code] for country in article.countries)
        assert article.people[0].country is countries["BY"]


def test_workers_read_the_files_they_are_given_by_path(tmp_path: Path) -> None:
    """Files the cache does not know are read by the parser itself, on its process; an
    unreadable one is a located error, never a crash."""
    countries = load_countries()
    jobs: list[Job] = []
    for index in range(1, PARALLEL_MIN + 1):
        display, slug, _, data = job(index if index % 7 else index + 1)
        assert data is not None
        path = tmp_path / f"{slug}.md"
        path.write_bytes(data)
        jobs.append((display, slug, path, None))
    jobs.append(("content/absent.md", "absent", tmp_path / "absent.md", None))
    pooled = parse_articles(jobs, countries, "VN", workers=2)
    expected = [content_digest(path.read_bytes()) for _, _, path, _ in jobs[:-1]]
    assert [digest for digest, _, _ in pooled[:-1]] == expected
    assert all(article is not None for _, article, _ in pooled[:-1])
    digest, article, problems = pooled[-1]
    assert (digest, article) == ("", None)
    assert [problem.code for problem in problems] == ["content.unreadable"]
