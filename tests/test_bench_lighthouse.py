"""benchmarks/bench_lighthouse.py without Lighthouse: the stock configuration it generates (no
hooks, no overrides, the same docs and nav), its arguments, its pinned Lighthouse, and the
parser of Lighthouse's JSON reports (a tiny hand-made report, and corrupt ones it must refuse).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import REPO, load_benchmark

bench = load_benchmark("bench_lighthouse")


def report(**changes: object) -> dict:
    """A minimal Lighthouse report of a mobile, simulated performance run."""
    data = {
        "lighthouseVersion": bench.LIGHTHOUSE_VERSION,
        "requestedUrl": "http://127.0.0.1:1/ke-hoach/",
        "configSettings": {"formFactor": "mobile", "throttlingMethod": "simulate"},
        "categories": {"performance": {"score": 0.97}},
        "audits": {m.audit: {"numericValue": 1000.5} for m in bench.METRICS},
    }
    data["audits"]["cumulative-layout-shift"] = {"numericValue": 0.002}
    data.update(changes)
    return data


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_the_stock_configuration_has_no_hooks_and_keeps_docs_and_nav(tmp_path: Path) -> None:
    written = bench.write_stock_config(tmp_path)
    stock = bench.load_config(written)
    ours = bench.load_config(REPO / "mkdocs.yml")
    assert ours.get("hooks") and ours["theme"].get("custom_dir")  # what stock must not have
    assert "hooks" not in stock and "extra_css" not in stock and "extra" not in stock
    assert stock["theme"] == {"name": "material", "language": "vi", "font": False}
    assert stock["nav"] == ours["nav"] and stock["not_in_nav"] == ours["not_in_nav"]
    assert Path(stock["docs_dir"]) == (REPO / "docs").resolve()
    assert [p if isinstance(p, str) else next(iter(p)) for p in stock["plugins"]] == [
        "search",
        "i18n",
    ]
    snippets = stock["markdown_extensions"][-1]["pymdownx.snippets"]
    assert all(Path(p).is_absolute() and Path(p).is_dir() for p in snippets["base_path"])
    assert not list(tmp_path.glob(".*.part"))  # written to a temporary name, then renamed


def test_a_configuration_without_i18n_is_refused() -> None:
    with pytest.raises(bench.BenchError, match="no i18n plugin"):
        bench.stock_config({"site_name": "x", "nav": [], "plugins": ["search"]}, REPO)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--runs", "0"], "from 1 to 50 (found 0)"),
        (["--runs", "five"], "not a number of runs (found 'five'"),
        (["--pages", "/ke-hoach/"], "not a page address"),
        (["--pages", "ke-hoach"], "ending with /"),
        (["--pages", "../etc/"], "not a page's folder address"),
    ],
)
def test_bad_arguments_are_refused_with_the_reason(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        bench.parse_args(argv)
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_the_defaults_measure_the_plan_in_both_languages() -> None:
    args = bench.parse_args([])
    assert args.runs == 5 and args.pages == ["ke-hoach/", "en/ke-hoach/"]


def test_lighthouse_is_pinned_the_same_in_the_lock_file() -> None:
    assert bench.pinned_version() == bench.LIGHTHOUSE_VERSION
    lock = json.loads((bench.NPM_PROJECT / "package-lock.json").read_text(encoding="utf-8"))
    packages = {k: v for k, v in lock["packages"].items() if k}
    assert packages and all(v.get("integrity", "").startswith("sha512-") for v in packages.values())


def test_a_missing_tool_names_what_to_install() -> None:
    with pytest.raises(bench.BenchError, match="sudo apt install chromium"):
        bench.require("/nonexistent/chromium", "Chromium", "install 'sudo apt install chromium'")


def test_a_report_is_read(tmp_path: Path) -> None:
    read = bench.parse_report(write(tmp_path, report()))
    assert read.score == 97.0 and read.form_factor == "mobile" and read.throttling == "simulate"
    assert read.values["largest-contentful-paint"] == 1000.5
    assert read.values["cumulative-layout-shift"] == 0.002


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('{"lighthouseVersion": "12.8.2",\n "audits": {', r"report\.json:2:\d+: not a JSON report"),
        ([1, 2], "not a Lighthouse report"),
        (report(categories={"performance": {"score": None}}), "score is null"),
        (report(categories={"performance": {"score": 1.5}}), "above 1"),
        (report(categories={}), "no performance category"),
        (report(audits={}), "no numericValue in audit first-contentful-paint"),
        (report(runtimeError={"code": "NO_FCP", "message": "no paint"}), "NO_FCP: no paint"),
    ],
)
def test_a_corrupt_report_is_refused_with_a_clear_error(
    tmp_path: Path, data: object, message: str
) -> None:
    with pytest.raises(bench.ReportError, match=message) as refused:
        bench.parse_report(write(tmp_path, data))
    assert str(tmp_path / "report.json") in str(refused.value)


def test_a_metric_that_is_no_number_is_refused(tmp_path: Path) -> None:
    data = report()
    data["audits"]["total-blocking-time"] = {"numericValue": "fast"}
    with pytest.raises(
        bench.ReportError, match=r"total-blocking-time\.numericValue is not a number"
    ):
        bench.parse_report(write(tmp_path, data))


def test_the_verdict_compares_median_scores(tmp_path: Path) -> None:
    runs = [bench.parse_report(write(tmp_path, report())) for _ in range(3)]
    figures = bench.medians(runs)
    assert bench.verdict(figures, {**figures, "score": 97.0}) == "ours >= stock"
    assert bench.verdict(figures, {**figures, "score": 98.0}) == "ours < stock"


def failed(stderr: str) -> object:
    return type("Done", (), {"returncode": 1, "stdout": "", "stderr": stderr})()


def test_a_run_lighthouse_gives_up_on_is_run_again_and_another_failure_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """NO_NAVSTART (Chromium's trace without the navigation) is tried again, up to RETRIES
    times; a failure of another kind, or one that lasts, stops the bench with Lighthouse's words."""
    tools = {"node": "node", "chromium": "/usr/bin/chromium"}
    output = tmp_path / "report.json"
    outcomes: list[object] = []

    def run(command: list[str], **_: object) -> object:
        outcome = outcomes.pop(0)
        if outcome == "ok":
            write(tmp_path, report())
            return type("Done", (), {"returncode": 0, "stdout": "", "stderr": ""})()
        return outcome

    monkeypatch.setattr(bench.subprocess, "run", run)
    navstart = failed("Runtime error encountered: trace over your page load. (NO_NAVSTART)")
    outcomes[:] = [navstart, "ok"]
    assert bench.run_lighthouse(tools, Path("cli.js"), "http://x/", output).score == 97.0
    assert "running it again" in capsys.readouterr().out
    outcomes[:] = [navstart] * (bench.RETRIES + 1)
    with pytest.raises(bench.BenchError, match="NO_NAVSTART"):
        bench.run_lighthouse(tools, Path("cli.js"), "http://x/", output)
    outcomes[:] = [failed("Error: Chrome could not be found"), "ok"]
    with pytest.raises(bench.BenchError, match="Chrome could not be found"):
        bench.run_lighthouse(tools, Path("cli.js"), "http://x/", output)
    assert outcomes == ["ok"]  # not run again
