#!/usr/bin/env python3
"""Parley against curl, in one run, on the same local server and the same requests.

Usage: bench.py PATH_TO_PARLEY [RUNS]. Prints a table of medians (wall ms, CPU ms, peak RSS MB)
and the ratios to curl, and writes Benchmarks/RESULTS.md.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PARLEY = os.path.abspath(sys.argv[1])
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 11
CHUNKS = 20000


def measure(argv, env, stdin_data=None):
    """Runs a command once: (wall s, CPU s, peak RSS MB), from wait4's rusage."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdin=subprocess.PIPE if stdin_data is not None else subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if stdin_data is not None:
        process.stdin.write(stdin_data)
        process.stdin.close()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    err = process.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("failed: %s\n%s" % (" ".join(argv), err.decode(errors="replace")))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def median_of(argv, env, before=None):
    samples = []
    for _ in range(RUNS):
        if before:
            before()
        samples.append(measure(argv, env))
    return tuple(statistics.median(s[i] for s in samples) for i in range(3))


def main():
    server = subprocess.Popen([sys.executable, os.path.join(HERE, "server.py"), "0", str(CHUNKS)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        run(server)
    finally:
        server.terminate()


def run(server):
    port = int(server.stdout.readline())
    base = "http://127.0.0.1:%d/v1" % port
    home = tempfile.mkdtemp(prefix="parley-bench-")
    env = {"HOME": home, "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    curl = shutil.which("curl")
    post = [curl, "-s", "-o", "/dev/null", "-H", "Content-Type: application/json", base + "/chat/completions"]

    def body(stream, count, messages=None):
        return json.dumps({"model": "bench", "max_tokens": count, "stream": stream,
                           "messages": messages or [{"role": "user", "content": "q"}]})

    rows = []

    def compare(name, parley_argv, curl_argv, before=None):
        p = median_of(parley_argv, env, before)
        c = median_of(curl_argv, env)
        rows.append((name, p, c))
        print("%-34s parley %7.1f ms %7.1f ms cpu %6.1f MB | curl %7.1f ms %7.1f ms cpu %6.1f MB | wall x%.2f cpu x%.2f"
              % (name, p[0] * 1e3, p[1] * 1e3, p[2], c[0] * 1e3, c[1] * 1e3, c[2], p[0] / c[0], p[1] / max(c[1], 1e-4)),
              flush=True)
        return p, c

    compare("start-up (--version)", [PARLEY, "--version"], [curl, "--version"])
    compare("one-shot reply (5 tokens)", [PARLEY, "--base-url", base, "--no-stream", "--max-tokens", "5", "q"],
            post + ["-d", body(False, 5)])
    stream, curl_stream = compare(
        "stream 20,000 chunks to /dev/null", [PARLEY, "--base-url", base, "--max-tokens", str(CHUNKS), "q"],
        post + ["-N", "-d", body(True, CHUNKS)])
    small = median_of([PARLEY, "--base-url", base, "--max-tokens", "2000", "q"], env)
    print("%-34s parley %6.1f MB at 2,000 chunks, %6.1f MB at 20,000" % ("memory against reply length", small[2], stream[2]))
    one = median_of([PARLEY, "--base-url", base, "--max-tokens", "1", "q"], env)
    per_chunk_us = (stream[1] - one[1]) / CHUNKS * 1e6
    print("%-34s %.2f us CPU per chunk" % ("streamed chunk", per_chunk_us))

    # A 500-turn session: load it, send one more turn, save it again.
    turns = []
    for i in range(500):
        turns.append({"role": "user", "content": "question %d: " % i + "words " * 30})
        turns.append({"role": "assistant", "content": "answer %d: " % i + "tokens " * 60})
    session = {"version": 1, "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z",
               "settings": {"model": "bench"}, "messages": turns, "turns": [],
               "totals": {"turns": 500, "prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}}
    big = os.path.join(home, "big.json")
    work = os.path.join(home, "work.json")

    def reset():
        shutil.copyfile(big, work)

    with open(big, "w") as f:
        json.dump(session, f)
    long_body = os.path.join(home, "long-body.json")
    with open(long_body, "w") as f:
        f.write(body(False, 5, turns + [{"role": "user", "content": "q"}]))
    long_run, curl_long = compare(
        "500-turn session + 1 turn", [PARLEY, "--base-url", base, "--no-stream", "--max-tokens", "5", "--session", work, "q"],
        post + ["-d", "@" + long_body], before=reset)
    session["messages"] = turns[:2]
    with open(big, "w") as f:
        json.dump(session, f)
    short = median_of([PARLEY, "--base-url", base, "--no-stream", "--max-tokens", "5", "--session", work, "q"], env, reset)
    print("%-34s %.1f ms more than a 1-turn session" % ("cost of 499 more turns", (long_run[0] - short[0]) * 1e3))
    shutil.rmtree(home, ignore_errors=True)

    # RESULTS.md keeps every run, newest last: a dated heading with the commit and the machine.
    results = os.path.join(HERE, "RESULTS.md")
    if not os.path.exists(results):
        with open(results, "w") as f:
            f.write("# Benchmark results\n\nEvery run of `Benchmarks/run.sh`, newest last, against "
                    "`Benchmarks/server.py` on 127.0.0.1. The README's table quotes the latest.\n")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=HERE).stdout.strip() or "unknown"
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    with open(results, "a") as f:
        f.write("\n## %s · commit %s · %s · %d cores · medians of %d runs\n\n"
                % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), commit, swift.strip(), os.cpu_count() or 0,
                   RUNS))
        f.write("| case | parley wall | parley CPU | parley RSS | curl wall | curl CPU | curl RSS | wall ratio | CPU ratio |\n")
        f.write("|---|---|---|---|---|---|---|---|---|\n")
        for name, p, c in rows:
            f.write("| %s | %.1f ms | %.1f ms | %.1f MB | %.1f ms | %.1f ms | %.1f MB | %.2f | %.2f |\n"
                    % (name, p[0] * 1e3, p[1] * 1e3, p[2], c[0] * 1e3, c[1] * 1e3, c[2], p[0] / c[0],
                       p[1] / max(c[1], 1e-4)))
        f.write("\n- Peak memory streaming 2,000 chunks: %.1f MB; 20,000 chunks: %.1f MB.\n" % (small[2], stream[2]))
        f.write("- CPU per streamed chunk: %.2f µs.\n" % per_chunk_us)
        f.write("- A 500-turn session costs %.1f ms more per turn than a 1-turn session (load, send, save).\n"
                % ((long_run[0] - short[0]) * 1e3))

if __name__ == "__main__":
    main()
