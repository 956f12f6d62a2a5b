"""The benchmark's verdicts: each target read from the figure it names, none guessed."""

from bench.targets import check_targets

#: A result shaped like bench/run.py's JSON line, with round figures.
PASSING = {
    "cold_s": 10.0,
    "hugo_s": 8.0,
    "hugo_ratios": [0.8, 0.75, 0.9],
    "pelican_ratios": [5.4, 6.1, 5.2],
    "warm_noop_s": 0.3,
    "one_edit_s": 1.1,  # a new process: reported, no limit
    "served_edit_s": 0.3,
    "template_edit_s": 5.0,
    "peak_rss_mib": 300.0,
    "pagefind_s": 30.0,
    "pagefind_cli_s": 28.0,  # medians: their ratio is not what the target reads
    "pagefind_ratios": [0.95, 1.05, 1.0],
}


def verdicts(result: dict) -> dict[str, bool | None]:
    return {target.name: target.met for target in check_targets(result)}


def test_every_target_met_by_a_result_within_all_limits():
    assert set(verdicts(PASSING).values()) == {True}


def test_each_target_fails_on_its_own_figure():
    failing = {
        "cold build ≤ 2× Hugo": {"hugo_ratios": [0.45, 0.49, 0.6]},
        "≥ 5× faster than Pelican": {"pelican_ratios": [6.0, 4.9, 4.8]},
        "warm rebuild, nothing changed ≤ 1 s": {"warm_noop_s": 1.01},
        "one article edited ≤ 0.5 s": {"served_edit_s": 0.51},
        "one template edited ≤ the cold build": {"template_edit_s": 10.5},
        "peak RSS ≤ 1 GiB before the Pagefind stage": {"peak_rss_mib": 1025.0},
        "Pagefind stage adds ≤ 10 % to Pagefind's CLI": {"pagefind_ratios": [1.0, 1.12, 1.2]},
    }
    assert set(failing) == set(verdicts(PASSING))
    for name, change in failing.items():
        result = verdicts({**PASSING, **change})
        assert result[name] is False, name
        assert all(met for other, met in result.items() if other != name), name


def test_the_edit_target_reads_the_dev_server_figure_not_the_new_process_one():
    assert verdicts({**PASSING, "one_edit_s": 5.0})["one article edited ≤ 0.5 s"] is True
    assert verdicts({**PASSING, "served_edit_s": 0.6})["one article edited ≤ 0.5 s"] is False


def test_a_skipped_measurement_is_not_measured_rather_than_met():
    skipped = {**PASSING, "hugo_s": None, "pagefind_s": None, "pagefind_cli_s": None}
    del skipped["hugo_ratios"], skipped["pelican_ratios"], skipped["pagefind_ratios"]
    result = verdicts(skipped)
    assert result["cold build ≤ 2× Hugo"] is None
    assert result["≥ 5× faster than Pelican"] is None
    assert result["Pagefind stage adds ≤ 10 % to Pagefind's CLI"] is None
    assert result["warm rebuild, nothing changed ≤ 1 s"] is True


def test_a_verdict_line_names_figure_limit_and_outcome():
    lines = {target.name: target.describe() for target in check_targets({**PASSING, "warm_noop_s": 1.5})}
    assert lines["warm rebuild, nothing changed ≤ 1 s"] == (
        "warm rebuild, nothing changed ≤ 1 s: warm_noop_s = 1.50 (≤ 1): NOT MET"
    )
    assert lines["≥ 5× faster than Pelican"].endswith("= 5.40 (≥ 5): met")


def test_a_figure_exactly_at_its_limit_meets_the_target():
    at_limits = {
        **PASSING,
        "hugo_ratios": [0.5, 0.5, 0.5],
        "pelican_ratios": [5.0, 5.0, 5.0],
        "warm_noop_s": 1.0,
        "served_edit_s": 0.5,
        "template_edit_s": 10.0,
        "peak_rss_mib": 1024.0,
        "pagefind_ratios": [1.1],
    }
    assert set(verdicts(at_limits).values()) == {True}


def test_a_zero_hugo_ratio_is_not_measured_rather_than_a_division_by_zero():
    assert verdicts({**PASSING, "hugo_ratios": [0.8, 0.0]})["cold build ≤ 2× Hugo"] is None


def test_an_unmeasured_target_says_so_in_its_line():
    lines = {target.name: target.describe() for target in check_targets({**PASSING, "served_edit_s": None})}
    assert lines["one article edited ≤ 0.5 s"].endswith("= – (≤ 0.5): not measured")
