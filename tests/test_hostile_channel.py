"""Learner code that writes to the judge's result channel itself: every kind of malformed
message, in both sandboxes. Whatever it sends, the verdict is the learner's (RE, OLE, TLE),
never AC and never IE, and the judge's own memory stays bounded.

Python learner code shares the worker's process, so it can reach the result channel: its
file descriptor is the worker's second argument. The payloads below are written there in
place of the worker's answer; the worker then sleeps, so what the judge does is what the
message caused.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from judge.sandbox import Job, JobCase, RawOutcome, Sandbox
from judge.sandbox.supervisor import MAX_ITEMS, MAX_LINE
from tests.conftest import REPO

NEVER = {"ok", "internal"}
"""`ok` would be judged on a forged value (AC at worst), `internal` is IE: neither may come."""

WRITE = """
import os, sys, time
FD = int(sys.argv[2])
def send(data):
    view = memoryview(data)
    while view:
        view = view[os.write(FD, view):]
"""


def forged(payload: str, then: str = "time.sleep(30)") -> str:
    """A submission whose `f` writes `payload` (a Python bytes expression) to the channel."""
    return WRITE + f"def f():\n    send({payload})\n    {then}\n"


def job(source: str, *, cases: int = 1, limit_ms: float = 2000) -> Job:
    return Job(
        "python",
        {"source": source, "function": "f"},
        tuple(JobCase(f"t{i}", {}, limit_ms) for i in range(cases)),
        memory_mb=256,
        output_bytes=64 << 10,
    )


def run(sandbox: Sandbox, source: str, **kwargs: object) -> list[RawOutcome]:
    return sandbox.run(job(textwrap.dedent(source), **kwargs))  # type: ignore[arg-type]


OK = b'{"status":"ok","value":[0,1]'
MESSAGES = {
    "not-json": (b"b'this is not json\\n'", {"protocol"}),
    "not-utf8": (b"""b'{"status":"ok","value":"\\xff"}\\n'""", {"protocol"}),
    "json-array": (b"b'[1, 2, 3]\\n'", {"protocol"}),
    "json-string": (b"""b'"ok"\\n'""", {"protocol"}),
    "empty-line": (b"b'\\n'", {"protocol"}),
    "nan-time": (b"OK + b',\"time_ms\":NaN}\\n'", {"protocol"}),
    "inf-time": (b"OK + b',\"time_ms\":Infinity}\\n'", {"protocol"}),
    "minus-inf-cpu": (b"OK + b',\"cpu_ms\":-Infinity}\\n'", {"protocol"}),
    "string-time": (b'OK + b\',"time_ms":"fast"}\\n\'', {"protocol"}),
    "negative-time": (b"OK + b',\"time_ms\":-5}\\n'", {"protocol"}),
    "bool-time": (b"OK + b',\"time_ms\":true}\\n'", {"protocol"}),
    "huge-int-time": (b"OK + b',\"time_ms\":' + b'9' * 4000 + b'}\\n'", {"protocol"}),
    "unknown-status": (b"""b'{"status":"accepted","value":[0,1]}\\n'""", {"protocol"}),
    "status-not-text": (b"""b'{"status":1}\\n'""", {"protocol"}),
    "no-status": (b"""b'{"value":[0,1]}\\n'""", {"protocol"}),
    "error-not-text": (b"""b'{"status":"exception","error":{"a":1}}\\n'""", {"protocol"}),
    "forged-internal": (b"""b'{"status":"internal","error":"judge bug"}\\n'""", {"protocol"}),
    "forged-load-error": (b"""b'{"status":"load_error","error":"x"}\\n'""", {"protocol"}),
    "forged-hello": (b"""b'{"hello":1,"pidns":true}\\n'""", {"protocol"}),
    "forged-ready": (b"""b'{"status":"ready"}\\n'""", {"protocol"}),
    "deep-value": (b"OK[:-5] + b'[' * 100000 + b']' * 100000 + b'}\\n'", {"protocol"}),
    "deep-but-parsable": (b"OK[:-5] + b'[' * 500 + b']' * 500 + b'}\\n'", {"protocol"}),
    "too-many-values": (f"OK[:-5] + b'[' + b'0,' * {MAX_ITEMS} + b'0]}}\\n'".encode(), {"protocol"}),
    "huge-line": (f"b'[' * {MAX_LINE + (1 << 20)}".encode(), {"output_limit"}),
    "huge-string-value": (f"OK[:-5] + b'\"' + b'x' * {MAX_LINE} + b'\"}}\\n'".encode(), {"output_limit"}),
    "no-newline-then-exit": (b"OK", {"crash", "exit"}),
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_malformed_message_is_the_learners_error(sandbox: Sandbox, name: str) -> None:
    payload, expected = MESSAGES[name]
    then = "os._exit(0)" if name == "no-newline-then-exit" else "time.sleep(30)"
    source = "OK = " + repr(OK) + "\n" + forged(payload.decode(), then)
    [outcome] = run(sandbox, source)
    assert outcome.status in expected, (outcome.status, outcome.error)
    assert outcome.status not in NEVER


def test_forged_time_cannot_pass_the_limit(sandbox: Sandbox) -> None:
    """A right answer with a forged time of 0 ms after work done in another process."""
    source = WRITE + textwrap.dedent(
        """
        def burn(seconds):
            end = time.process_time() + seconds
            while time.process_time() < end:
                pass
        def f():
            pid = os.fork()
            if pid == 0:
                burn(0.45)  # reaped: counted in clock ticks, rounded down
                os._exit(0)
            os.waitpid(pid, 0)
            send(b'{"status":"ok","value":[0,1],"time_ms":0,"cpu_ms":0}\\n')
            time.sleep(30)
        """
    )
    [outcome] = run(sandbox, source, limit_ms=20000)  # generous: CPU time is the subject here
    assert outcome.status == "ok"
    assert outcome.time_ms == 0  # the worker's own word: information only
    assert outcome.cpu_ms >= 400  # the child's CPU, measured from outside


def test_a_trickle_on_the_channel_cannot_hold_the_judge_past_its_deadline(sandbox: Sandbox) -> None:
    """Bytes dripping into the result channel, never a whole line, from three processes and a
    thread: at the deadline the judge takes one last look and calls it a timeout (an answer
    already waiting whole would still count); it is not held reading the drip."""
    source = WRITE + textwrap.dedent(
        """
        import threading
        def drip():
            while True:
                os.write(FD, b" ")
        def f():
            for _ in range(3):
                if os.fork() == 0:
                    drip()
            threading.Thread(target=drip, daemon=True).start()
            time.sleep(30)
        """
    )
    [outcome] = run(sandbox, source, limit_ms=200)
    assert outcome.status == "timeout", outcome
    assert outcome.wall_ms < 3000, outcome  # a bound on being held, not a speed target


def test_an_answer_waiting_whole_at_the_deadline_still_counts(tmp_path: Path) -> None:
    """The judge may reach a worker's answer late (it parses a large input for the checker
    between sending a test and reading its answer): an answer already there, whole, counts; a
    partial line there is a timeout. (A drip that never ends is the trickle test above.)"""
    from judge.sandbox import learner_env, supervisor

    def worker_writing(data: bytes) -> supervisor.Worker:
        program = tmp_path / "writes.py"
        program.write_text(f"import os, sys, time\nos.write(int(sys.argv[2]), {data!r})\ntime.sleep(30)\n")
        return supervisor.Worker(
            {
                "worker": str(program),
                "scratch": str(tmp_path),
                "env": learner_env(str(tmp_path)),
                "isolation": {"namespaces": False, "kill_others": False},
                "limits": {"memory_mb": 256, "address_space_mb": 1024, "cpu_s": 30},
            }
        )

    for data, expected in ((b'{"status":"ready"}\n', {"status": "ready"}), (b'{"status":"re', "timeout")):
        worker = worker_writing(data)
        try:
            time.sleep(0.3)  # written by now
            assert worker.receive(time.monotonic() - 1, 1 << 20) == expected
        finally:
            worker.kill()


def test_work_in_a_thread_counts(sandbox: Sandbox) -> None:
    source = textwrap.dedent(
        """
        import threading, time
        def burn():
            end = time.thread_time() + 0.4
            while time.thread_time() < end:
                pass
        def f():
            t = threading.Thread(target=burn)
            t.start()
            t.join()
            return 1
        """
    )
    [outcome] = run(sandbox, source, limit_ms=20000)
    assert outcome.status == "ok" and outcome.cpu_ms >= 400


def test_loading_counts_against_the_first_test(sandbox: Sandbox) -> None:
    """Work moved into loading (a table built at import) is paid by the first test."""
    source = textwrap.dedent(
        """
        import time
        end = time.process_time() + 1.4
        while time.process_time() < end:
            pass
        def f():
            return 1
        """
    )
    first, second = run(sandbox, source, cases=2, limit_ms=1000)
    assert first.status == "timeout" and "loading" in first.error
    assert second.status == "ok"


def test_inputs_are_not_readable_while_loading(sandbox: Sandbox) -> None:
    """At import time the submission looks everywhere it can for the tests' inputs."""
    source = textwrap.dedent(
        """
        import os
        MARK = 'needle-' + 'in-the-input'
        FOUND = []
        for root in ('/job', '/scratch', '/tmp', os.getcwd()):
            for folder, _, files in os.walk(root):
                for name in files:
                    try:
                        with open(os.path.join(folder, name), errors='replace') as fh:
                            if MARK in fh.read():
                                FOUND.append(name)
                    except OSError:
                        pass
        def f(x):
            return FOUND
        """
    )
    job_ = Job(
        "python",
        {"source": source, "function": "f"},
        (
            JobCase("t0", {"x": "needle-in-the-input"}, 2000),
            JobCase("t1", {"x": "needle-in-the-input"}, 2000),
        ),
        memory_mb=256,
        output_bytes=64 << 10,
    )
    outcomes = sandbox.run(job_)
    assert [o.value for o in outcomes] == [[], []], outcomes


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(b'{"status":"internal","error":"judge bug"}\n', "protocol", id="forged-internal"),
        pytest.param(b'{"status":"ready","extra":1}\n', "protocol", id="forged-ready-with-extra"),
        pytest.param(b'{"hello":1}\n', "protocol", id="second-hello"),
        pytest.param(b"not json\n", "protocol", id="not-json"),
        pytest.param(b'{"status":"ready"', "load_error", id="half-a-message-then-exit"),
    ],
)
def test_forged_messages_while_loading(sandbox: Sandbox, payload: bytes, expected: str) -> None:
    """Module-level code writes to the channel before the worker says it is ready."""
    exit_now = "os._exit(0)" if not payload.endswith(b"\n") else "time.sleep(30)"
    source = WRITE + f"send({payload!r})\n{exit_now}\ndef f():\n    return 1\n"
    outcomes = run(sandbox, source, cases=2)
    assert [o.status for o in outcomes] == [expected, expected], outcomes[0].error


def test_a_second_answer_breaks_the_protocol(sandbox: Sandbox) -> None:
    source = WRITE + textwrap.dedent(
        """
        def f():
            send(b'{"status":"ok","value":1}\\n{"status":"ok","value":2}\\n')
            time.sleep(30)
        """
    )
    first, second = run(sandbox, source, cases=2)
    assert first.status == "ok" and first.value == 1  # the first answer is the test's
    assert second.status == "protocol"


def test_printed_while_loading_is_shown_with_the_first_test(sandbox: Sandbox) -> None:
    source = "print('hello from import', end='')\ndef f():\n    print('in the test')\n    return 1\n"
    first, second = run(sandbox, source, cases=2)
    assert first.output == "[printed while loading]\nhello from import\nin the test\n"
    assert second.output == "in the test\n"


def test_output_flood_is_ole(sandbox: Sandbox) -> None:
    source = "import sys\ndef f():\n    while True:\n        sys.stdout.write('x' * 65536)\n"
    [outcome] = run(sandbox, source)
    assert outcome.status == "output_limit"
    assert len(outcome.output) <= 8192


FLOODS = {
    "huge-line": ("OK = b''\n" + forged(f"b'[' * {MAX_LINE + (4 << 20)}"), {"output_limit"}),
    "many-values": (
        "OK = " + repr(OK) + "\n" + forged(f"OK[:-5] + b'[' + b'\"ab\",' * {MAX_ITEMS - 10} + b'0]}}\\n'"),
        {"ok"},  # just within the caps: a million strings, the most the judge ever holds
    ),
    "too-many-values": (
        "OK = " + repr(OK) + "\n" + forged(f"OK[:-5] + b'[' + b'[],' * {4 * MAX_ITEMS} + b'[]]}}\\n'"),
        {"protocol", "output_limit"},
    ),
    "output-flood": (
        "import sys\ndef f():\n    while True:\n        sys.stdout.write('x' * 65536)\n",
        {"output_limit"},
    ),
}
PEAK_MIB = 256

MEASURE = """
import json, resource, sys
from judge.sandbox import Job, JobCase
which, sources = sys.argv[1], json.loads(sys.stdin.read())
if which == "docker":
    from judge.sandbox.docker import DockerSandbox
    from judge.sandbox.engine import image_tag
    box = DockerSandbox(image_tag())
else:
    from judge.sandbox.local import LocalSandbox
    box = LocalSandbox()
statuses = {}
for name, source in sources.items():
    job = Job("python", {"source": source, "function": "f"}, (JobCase("t", {}, 5000),),
              memory_mb=256, output_bytes=64 << 10)
    statuses[name] = box.run(job)[0].status
    del job
print(json.dumps({"statuses": statuses,
                  "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


@pytest.mark.slow
@pytest.mark.parametrize("which", ["local", pytest.param("docker", marks=pytest.mark.docker)])
def test_judge_memory_stays_bounded_under_floods(request: pytest.FixtureRequest, which: str) -> None:
    """The judge itself (a process of its own here, so its peak is its own) stays under
    256 MiB whatever the channel and the output carry."""
    request.getfixturevalue(f"{which}_sandbox")  # skips without Docker
    proc = subprocess.run(
        [sys.executable, "-c", MEASURE, which],
        input=json.dumps({name: src for name, (src, _) in FLOODS.items()}),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    for name, (_, expected) in FLOODS.items():
        assert result["statuses"][name] in expected, (name, result["statuses"][name])
    peak_mib = result["peak_kib"] / 1024
    print(f"\n{which}: the judge's peak memory under the floods: {peak_mib:.0f} MiB")
    assert peak_mib < PEAK_MIB
