#!/usr/bin/env python3
"""A 1 GB streamed reply: throughput and peak memory, against the same reply of 100 MB.

Usage: gigabyte.py PATH_TO_PARLEY [MB ...] (default 100 1000). A local server streams SSE chunks
of 1,000 characters of content each (the bytes a model's reply would carry, in fewer events)
as fast as the socket takes them; Parley prints the reply to /dev/null with `max_reply_mb` raised
past the size. Prints MB/s of SSE received and peak RSS for each size: flat memory means the
same peak at 100 MB and at 1 GB. Appends the numbers to Benchmarks/RESULTS.md when asked (--record).
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
args = [a for a in sys.argv[1:] if a != "--record"]
RECORD = "--record" in sys.argv
PARLEY = os.path.abspath(args[0])
SIZES = [int(a) for a in args[1:]] or [100, 1000]

CONTENT = ("lorem ipsum dolor sit amet, " * 40)[:1000]
CHUNK = ("data: " + json.dumps({"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "bench",
                                "choices": [{"index": 0, "delta": {"content": CONTENT}, "finish_reason": None}]},
                               separators=(",", ":")) + "\n\n").encode()
BLOCK = CHUNK * 256  # about 270 KB per send
DONE = (b"data: " + json.dumps({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}).encode()
        + b"\n\ndata: [DONE]\n\n")


def serve(listener, megabytes):
    connection, _ = listener.accept()
    with connection:
        request = b""
        while b"\r\n\r\n" not in request:
            request += connection.recv(65536)
        head, _, body = request.partition(b"\r\n\r\n")
        length = int([line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")][0])
        while len(body) < length:
            body += connection.recv(65536)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n")
        sent, target = 0, megabytes * 1_000_000
        try:
            while sent < target:
                connection.sendall(BLOCK)
                sent += len(BLOCK)
            connection.sendall(DONE)
        except (BrokenPipeError, ConnectionResetError):
            pass
    return sent


def run(megabytes, home):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("sent", serve(listener, megabytes)))
    thread.start()
    config = os.path.join(home, "config.json")
    with open(config, "w") as f:
        json.dump({"base_url": "http://127.0.0.1:%d/v1" % port, "max_reply_mb": megabytes * 2 + 10}, f)
    env = {"HOME": home, "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    start = time.perf_counter()
    process = subprocess.Popen([PARLEY, "--config", config, "q"], env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    err = process.stderr.read().decode(errors="replace")
    thread.join()
    listener.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("parley failed (%d): %s" % (os.waitstatus_to_exitcode(status), err[-2000:]))
    sent = result["sent"]
    return sent / 1e6 / wall, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    home = tempfile.mkdtemp(prefix="parley-gb-")
    rows = []
    for megabytes in SIZES:
        rate, wall, cpu, rss = run(megabytes, home)
        rows.append((megabytes, rate, wall, cpu, rss))
        print("%5d MB streamed: %6.1f MB/s  %6.2f s wall  %6.2f s CPU  peak %6.1f MB" % (megabytes, rate, wall, cpu, rss),
              flush=True)
    subprocess.run(["rm", "-rf", home])
    if RECORD:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=HERE).stdout.strip()
        with open(os.path.join(HERE, "RESULTS.md"), "a") as f:
            f.write("- Large replies (gigabyte.py, 1,000-character chunks, commit %s): %s.\n" % (commit, "; ".join(
                "%d MB at %.0f MB/s, %.1f s CPU, peak %.1f MB" % (m, r, c, s) for m, r, w, c, s in rows)))


main()
