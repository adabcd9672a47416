#!/usr/bin/env python3
"""A tiny MCP server over stdio for Parley's tests: newline-delimited JSON-RPC 2.0.

Tools: add (a + b), env (a variable's value), fails (an error result), crash (the process exits),
hang (never answered).
Started with --hang-initialize it never answers initialize.
"""
import json
import os
import sys
import time

hang_initialize = "--hang-initialize" in sys.argv
sys.stderr.write("test server started\n")
sys.stderr.flush()

TOOLS = [
    {"name": "add", "description": "adds two numbers",
     "inputSchema": {"type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number"}},
                     "required": ["a", "b"]}},
    {"name": "env", "description": "reads an environment variable",
     "inputSchema": {"type": "object", "properties": {"name": {"type": "string"}}}},
    {"name": "crash", "description": "exits", "inputSchema": {"type": "object"}},
    {"name": "hang", "description": "never answers", "inputSchema": {"type": "object"}},
    {"name": "fails", "description": "reports an error", "inputSchema": {"type": "object"}},
]


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    message = json.loads(line)
    method = message.get("method")
    ident = message.get("id")
    if ident is None:
        continue  # a notification
    if method == "initialize":
        if hang_initialize:
            time.sleep(3600)
        send({"jsonrpc": "2.0", "id": ident, "result": {
            "protocolVersion": message["params"]["protocolVersion"],
            "capabilities": {"tools": {}},
            "serverInfo": {"name": "test", "version": "1"}}})
    elif method == "tools/list":
        send({"jsonrpc": "2.0", "id": ident, "result": {"tools": TOOLS}})
    elif method == "tools/call":
        name = message["params"]["name"]
        args = message["params"].get("arguments") or {}
        if name == "add":
            text = str(args.get("a", 0) + args.get("b", 0))
            send({"jsonrpc": "2.0", "id": ident, "result": {"content": [{"type": "text", "text": text}]}})
        elif name == "env":
            text = os.environ.get(args.get("name", ""), "(unset)")
            send({"jsonrpc": "2.0", "id": ident, "result": {"content": [{"type": "text", "text": text}]}})
        elif name == "fails":
            send({"jsonrpc": "2.0", "id": ident,
                  "result": {"content": [{"type": "text", "text": "it went wrong"}], "isError": True}})
        elif name == "crash":
            sys.exit(3)
        elif name == "hang":
            pass  # never answered; the server goes on reading
    elif method == "ping":
        send({"jsonrpc": "2.0", "id": ident, "result": {}})
    else:
        send({"jsonrpc": "2.0", "id": ident, "error": {"code": -32601, "message": "no such method"}})
