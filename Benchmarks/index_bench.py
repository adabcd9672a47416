#!/usr/bin/env python3
"""The search index at scale: 10,000 session files of 20 turns each, written in Parley's own
format into a private home, then measured end to end with the binary:

- `parley index --rebuild` (budget 60 s),
- `parley search WORD` for the first 20 hits of a common word and of a rarer one, both orders
  (budget 100 ms),
- the time the index update adds to one turn: a one-shot `--session` turn of a 20-turn session
  with the index, against the same turn with an index that cannot be opened (budget 5 ms),
- `parley rm N --yes` (which vacuums the whole index file).

Usage: index_bench.py [--parley PATH] [--sessions N] [--turns N] [--runs N]
Without --parley it builds Parley (release) and uses .build/release/parley.
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

COMMON = ("the of and to a in is it that for you with on as this be are or not can by use your if "
          "from an at have will when then which more but so one all each there do its".split())
TECH = ("function value file error build test commit branch rebase merge server request reply model "
        "index query table column string number array object swift python shell config option path "
        "thread memory cache token stream socket header status version package module import export "
        "session search result order limit date time user list print write read open close start stop "
        "retry timeout proxy key secret hash lock signal process child parent window screen colour").split()


def words(rng, count, rare):
    """Text of `count` words: mostly common words, some technical ones, a few rare made-up ones."""
    out = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.55:
            out.append(rng.choice(COMMON))
        elif roll < 0.97:
            out.append(rng.choice(TECH))
        else:
            out.append(rng.choice(rare))
    return " ".join(out).capitalize() + "."


def stamp(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


WATCHED = ["the", "rebase", "zq0042"]


def session_file(rng, rare, start, turns, model, counts):
    messages = [{"role": "system", "content": "be brief"}]
    turn_info = []
    clock = start
    for _ in range(turns):
        messages.append({"role": "user", "content": words(rng, rng.randint(8, 30), rare)})
        clock += rng.randint(5, 120)
        messages.append({"role": "assistant", "content": words(rng, rng.randint(40, 200), rare)})
        for message in messages[-2:]:
            found = set(message["content"].lower().rstrip(".").split())
            for word in WATCHED:
                counts[word] += word in found
        clock += rng.randint(2, 30)
        turn_info.append({
            "message_index": len(messages) - 1, "time": stamp(clock), "model": model,
            "usage": {"prompt_tokens": 100, "completion_tokens": 200, "total_tokens": 300},
            "interrupted": False, "finish_reason": "stop",
        })
    return {
        "version": 1, "created": stamp(start), "updated": stamp(clock),
        "settings": {"model": model, "base_url": "https://api.openai.com/v1", "system_prompt": "be brief"},
        "messages": messages, "turns": turn_info,
        "totals": {"turns": turns, "prompt_tokens": 100 * turns, "completion_tokens": 200 * turns,
                   "total_tokens": 300 * turns},
    }


def generate(directory, count, turns):
    rng = random.Random(13)
    rare = ["zq%04d" % n for n in range(5000)]
    models = ["gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "llama3.2"]
    now = time.time()
    total = 0
    counts = {word: 0 for word in WATCHED}
    for n in range(count):
        start = now - (count - n) * 3600 * 2
        data = json.dumps(session_file(rng, rare, start, turns, models[n % len(models)], counts), indent=2)
        path = os.path.join(directory, "%s-session-%05d.json" % (stamp(start).replace(":", "-")[:-1], n))
        with open(path, "w") as handle:
            handle.write(data)
        os.chmod(path, 0o600)
        total += len(data)
    return total, counts


def run(parley, args, env, check=True):
    started = time.perf_counter()
    result = subprocess.run([parley] + args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if check and result.returncode != 0:
        sys.exit("parley %s failed (%d): %s" % (" ".join(args), result.returncode, result.stderr.decode()))
    return elapsed, result


def median_ms(parley, args, env, runs):
    run(parley, args, env)  # warm the page cache
    return statistics.median(run(parley, args, env)[0] for _ in range(runs)) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--parley")
    parser.add_argument("--sessions", type=int, default=10000)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--runs", type=int, default=11)
    options = parser.parse_args()
    parley = options.parley
    if parley is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "parley"], cwd=ROOT, check=True)
        parley = os.path.join(ROOT, ".build/release/parley")

    home = tempfile.mkdtemp(prefix="parley-index-bench-")
    try:
        env = {"HOME": home, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1"}
        sessions = os.path.join(home, ".local/share/parley/sessions")
        os.makedirs(sessions)
        started = time.perf_counter()
        size, counts = generate(sessions, options.sessions, options.turns)
        print("%d sessions of %d turns: %.0f MB of session files, written in %.1f s"
              % (options.sessions, options.turns, size / 1e6, time.perf_counter() - started))

        timed = ["/usr/bin/time", "-f", "%M"] if os.path.exists("/usr/bin/time") else []
        started = time.perf_counter()
        result = subprocess.run(timed + [parley, "index", "--rebuild"], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            sys.exit("parley index --rebuild failed: " + result.stderr)
        peak = " peak memory %.0f MB;" % (int(result.stderr.split()[-1]) / 1024) if timed else ""
        index = os.path.join(home, ".local/state/parley/index.db")
        print("parley index --rebuild: %.1f s (budget 60 s);%s index.db %.0f MB"
              % (elapsed, peak, os.path.getsize(index) / 1e6))

        messages = options.sessions * options.turns * 2
        for word in WATCHED:
            for order in ["newest", "best"]:
                ms = median_ms(parley, ["search", word, "--sort", order], env, options.runs)
                print("parley search %s --sort %s (in %d of %d messages): %.1f ms for 20 hits (budget 100 ms)"
                      % (word, order, counts[word], messages, ms))
        print("parley search (empty home, for comparison): %.1f ms"
              % median_ms(parley, ["search", "the"], dict(env, HOME=os.path.join(home, "empty")), options.runs))
        print("parley sessions: %.1f ms" % median_ms(parley, ["sessions"], env, options.runs))

        update_cost(parley, home, env, sessions, options)

        run(parley, ["sessions"], env)
        elapsed, _ = run(parley, ["rm", "1", "--yes"], env)
        print("parley rm 1 --yes (removes the rows and vacuums the index file): %.2f s" % elapsed)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def update_cost(parley, home, env, sessions, options):
    """A one-shot turn of a 20-turn session, with the index and with one that cannot be opened."""
    server = subprocess.Popen([sys.executable, os.path.join(ROOT, "Benchmarks/server.py"), "0", "20"],
                              stdout=subprocess.PIPE, text=True)
    try:
        port = server.stdout.readline().strip()
        base = ["--base-url", "http://127.0.0.1:%s/v1" % port]
        template = sorted(os.listdir(sessions))[-1]
        session = os.path.join(sessions, "turn-bench.json")
        without = dict(env, XDG_STATE_HOME=os.path.join(home, "state-without-index"))
        # A directory where the index file should be: opening it fails at once, so the turn
        # pays for everything but the update.
        os.makedirs(os.path.join(without["XDG_STATE_HOME"], "parley/index.db"))
        runs = {"with": [], "without": []}
        for round in range(options.runs * 2 + 2):
            for name, environment in [("with", env), ("without", without)]:
                shutil.copyfile(os.path.join(sessions, template), session)
                elapsed, result = run(parley, base + ["--session", session, "q"], environment)
                if round >= 2:
                    runs[name].append(elapsed * 1000)
        with_index = statistics.median(runs["with"])
        without_index = statistics.median(runs["without"])
        print("one-shot turn of a %d-turn session: %.1f ms with the index update, %.1f ms without: "
              "the update adds %.1f ms (budget 5 ms)"
              % (options.turns, with_index, without_index, with_index - without_index))
        os.remove(session)
        run(parley, ["index"], env)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
