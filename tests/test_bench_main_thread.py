"""benchmarks/bench_main_thread.py without a browser: how a trace's main-thread work is summed
(a tiny hand-made trace, with a worker thread whose work must not count), and the traces and
arguments it must refuse."""

from __future__ import annotations

import argparse
import json

import pytest
from helpers import load_benchmark

bench = load_benchmark("bench_main_thread")


def trace(*events: dict) -> bytes:
    names = [
        {"ph": "M", "name": "thread_name", "pid": 1, "tid": tid, "args": {"name": name}}
        for tid, name in ((10, "CrRendererMain"), (11, "DedicatedWorker"))
    ]
    return json.dumps({"traceEvents": names + list(events)}).encode()


def test_the_main_threads_work_is_summed_by_kind_and_a_workers_left_out() -> None:
    work = bench.main_thread_work(
        trace(
            {"ph": "X", "name": "EvaluateScript", "pid": 1, "tid": 10, "dur": 2500},
            {"ph": "X", "name": "EvaluateScript", "pid": 1, "tid": 10, "dur": 500},
            {"ph": "X", "name": "Layout", "pid": 1, "tid": 10, "dur": 4000},
            {"ph": "X", "name": "EvaluateScript", "pid": 1, "tid": 11, "dur": 90000},  # worker
            {"ph": "B", "name": "Layout", "pid": 1, "tid": 10, "dur": 7000},  # not complete
            {"ph": "X", "name": "Paint", "pid": 1, "tid": 10, "dur": 7000},  # not a kind
        ),
        "t",
    )
    assert work == {"script": 3.0, "handlers": 0.0, "style": 0.0, "layout": 4.0, "parse": 0.0}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{", "t: not a Chromium trace"),
        (b'{"events": []}', "t: not a Chromium trace"),
        (json.dumps({"traceEvents": []}).encode(), "t: the trace has no CrRendererMain thread"),
    ],
)
def test_a_trace_without_a_page_main_thread_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(bench.TraceError, match=message):
        bench.main_thread_work(data, "t")


@pytest.mark.parametrize("value", ["0", "51", "four", "2.5"])
def test_a_bad_number_of_loads_is_refused(value: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="loads"):
        bench.loads_argument(value)


def test_only_chromium_and_nginx_are_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """No Node.js is needed to trace; a missing Chromium is still named, with how to install it."""
    lighthouse = bench.lighthouse
    monkeypatch.setattr(lighthouse.shutil, "which", lambda name: None)  # no node, no npm
    monkeypatch.setenv("CHROME_PATH", "/nonexistent/chromium")
    with pytest.raises(lighthouse.BenchError, match="sudo apt install chromium") as refused:
        lighthouse.find_tools(("chromium", "nginx"))
    assert "npm" not in str(refused.value)
    with pytest.raises(lighthouse.BenchError, match="npm"):
        lighthouse.find_tools()
