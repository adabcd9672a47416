#!/usr/bin/env python3
"""The cost of rendering: a 20,000-chunk Markdown reply (prose, lists, code blocks, a table)
streamed into a pseudo-terminal, rendered against --no-markdown, in one run.

Usage: render_bench.py PATH_TO_PARLEY [RUNS]. Prints medians of CPU and peak memory, the CPU
ratio, and memory at 2,000 and 20,000 chunks; appends them to Benchmarks/RESULTS.md.
"""
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PARLEY = os.path.abspath(sys.argv[1])
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 11


def run_in_pty(argv, env):
    """Runs argv with a pseudo-terminal as stdin, stdout and stderr, reading everything it
    writes as a terminal would; returns (CPU s, peak RSS MB, bytes written)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, env)
    written = 0
    while True:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(fd, 1 << 16)
        except OSError:
            break
        if not data:
            break
        written += len(data)
    _, status, usage = os.wait4(pid, 0)
    os.close(fd)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("failed: %s (status %d)" % (" ".join(argv), os.waitstatus_to_exitcode(status)))
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, written


def median_of(argv, env):
    samples = [run_in_pty(argv, env) for _ in range(RUNS)]
    return tuple(statistics.median(s[i] for s in samples) for i in range(3))


def main():
    server = subprocess.Popen([sys.executable, os.path.join(HERE, "server.py"), "0", "20000"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(server.stdout.readline())
        base = "http://127.0.0.1:%d/v1" % port
        home = tempfile.mkdtemp(prefix="parley-render-bench-")
        env = {"HOME": home, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color"}
        common = [PARLEY, "--base-url", base, "--no-save"]
        rendered = median_of(common + ["--max-tokens", "20000", "markdown"], env)
        plain = median_of(common + ["--no-markdown", "--max-tokens", "20000", "markdown"], env)
        small = median_of(common + ["--max-tokens", "2000", "markdown"], env)
        ratio = rendered[0] / plain[0]
        print("20,000-chunk Markdown reply in a pty  rendered %.1f ms CPU %.1f MB | --no-markdown %.1f ms CPU %.1f MB"
              " | CPU x%.2f" % (rendered[0] * 1e3, rendered[1], plain[0] * 1e3, plain[1], ratio))
        print("memory rendered: %.1f MB at 2,000 chunks, %.1f MB at 20,000" % (small[1], rendered[1]))
        print("bytes to the terminal: rendered %d, plain %d" % (rendered[2], plain[2]))
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=HERE).stdout.strip() or "unknown"
        with open(os.path.join(HERE, "RESULTS.md"), "a") as f:
            f.write("\n## %s · commit %s · rendering (render_bench.py) · %d cores · medians of %d runs\n\n"
                    % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), commit, os.cpu_count() or 0, RUNS))
            f.write("| case | CPU | peak RSS |\n|---|---|---|\n")
            f.write("| 20,000-chunk Markdown reply, rendered, in a pty | %.1f ms | %.1f MB |\n"
                    % (rendered[0] * 1e3, rendered[1]))
            f.write("| the same with --no-markdown | %.1f ms | %.1f MB |\n" % (plain[0] * 1e3, plain[1]))
            f.write("| 2,000-chunk Markdown reply, rendered | %.1f ms | %.1f MB |\n" % (small[0] * 1e3, small[1]))
            f.write("\n- Rendering costs %.2f× the CPU of --no-markdown.\n" % ratio)
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
