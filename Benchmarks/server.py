#!/usr/bin/env python3
"""A small OpenAI-compatible server for the benchmark and for trying Parley by hand.

POST /v1/chat/completions answers with max_tokens (default CHUNKS) streamed deltas (SSE) or
one JSON reply;
DELAY seconds between chunks. Usage: server.py PORT [CHUNKS] [DELAY]. Prints the port.
"""
import json
import socketserver
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

CHUNKS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
DELAY = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0


def chunk(delta, finish=None):
    body = {"id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 1, "model": "bench",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return b"data: " + json.dumps(body, separators=(",", ":")).encode() + b"\n\n"


STREAMS = {}

# A Markdown reply for the rendering benchmark: prose with inline styles, lists, code blocks in
# three languages and a table, repeated; cut into pieces of 3 to 8 characters like a model's tokens.
MARKDOWN_UNIT = (
    "## Step {n}\n\nThis is **important**: use `git rebase -i` with *care*, see [docs](https://git-scm.com).\n\n"
    "- first item with `code`\n- second item\n  - nested item\n1. one\n2. two\n- [x] done\n\n"
    "```python\ndef f(x):\n    # a comment\n    return x * 2  # {n}\n```\n\n"
    "```bash\nfor f in *.txt; do echo \"$f\"; done\n```\n\n"
    "| name | value |\n|---|---|\n| alpha | {n} |\n| beta | two |\n\n"
    "```json\n{{\"key\": [1, 2, 3], \"ok\": true}}\n```\n\n> a quote\n\n---\n\n")


def markdown_pieces(count):
    text = ""
    n = 0
    while len(text) < count * 6:
        text += MARKDOWN_UNIT.format(n=n)
        n += 1
    pieces, i, sizes = [], 0, [3, 5, 8, 4, 6, 7]
    while len(pieces) < count and i < len(text):
        size = sizes[len(pieces) % len(sizes)]
        pieces.append(text[i:i + size])
        i += size
    return pieces


def stream_body(count, markdown=False):
    """The SSE body of a reply of `count` chunks (cached: the server should cost nothing)."""
    key = (count, markdown)
    if key not in STREAMS:
        pieces = markdown_pieces(count) if markdown else ["tok%d " % i for i in range(count)]
        STREAMS[key] = b"".join([chunk({"role": "assistant", "content": ""})]
                                + [chunk({"content": piece}) for piece in pieces]
                                + [chunk({}, "stop"), b"data: [DONE]\n\n"])
    return STREAMS[key]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        body = json.dumps({"object": "list", "data": [{"id": "bench"}, {"id": "bench-large"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        count = int(request.get("max_tokens", CHUNKS))  # the benchmark picks the reply's length
        if not request.get("stream"):
            text = "".join("tok%d " % i for i in range(count))
            body = json.dumps({"id": "x", "object": "chat.completion", "created": 1, "model": "bench",
                               "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                            "finish_reason": "stop"}],
                               "usage": {"prompt_tokens": 1, "completion_tokens": count, "total_tokens": count + 1}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        messages = request.get("messages") or [{}]
        body = stream_body(count, markdown=messages[-1].get("content") == "markdown")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if DELAY == 0:
            self.wfile.write(body)
            return
        for piece in body.split(b"\n\n")[:-1]:
            self.wfile.write(piece + b"\n\n")
            self.wfile.flush()
            time.sleep(DELAY)


class Server(socketserver.ThreadingMixIn, HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


if __name__ == "__main__":
    server = Server(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
