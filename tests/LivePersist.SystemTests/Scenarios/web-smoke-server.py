"""The web server of web-smoke.sh: python3's http.server on ADDRESS:PORT, serving one page that shows
the peer and Host header it received and, through a fetch POST from the page, the Origin a browser
sends. Every request is logged as one JSON line to LOG: method, path, peer, host, origin.

Usage: python3 web-smoke-server.py ADDRESS PORT LOG
"""
import html
import http.server
import json
import sys

ADDRESS, PORT, LOG = sys.argv[1], int(sys.argv[2]), sys.argv[3]

PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>live-persist VM smoke</title></head>
<body>
<h1 id="greeting">Hello from the guest</h1>
<p>Peer: <span id="peer">{peer}</span></p>
<p>Host: <span id="host">{host}</span></p>
<p>Origin seen by POST /echo: <span id="origin">(waiting)</span></p>
<script>
fetch("/echo", {{ method: "POST", body: "ping" }})
  .then((response) => response.json())
  .then((seen) => {{ document.getElementById("origin").textContent = seen.origin; }})
  .catch((error) => {{ document.getElementById("origin").textContent = "error: " + error; }});
</script>
</body>
</html>
"""


class Handler(http.server.BaseHTTPRequestHandler):
    def seen(self):
        request = {
            "method": self.command,
            "path": self.path,
            "peer": self.client_address[0],
            "host": self.headers.get("Host"),
            "origin": self.headers.get("Origin"),
        }
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps(request) + "\n")
        return request

    def answer(self, status, content_type, body):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        request = self.seen()
        if self.path == "/":
            page = PAGE.format(peer=html.escape(request["peer"]), host=html.escape(request["host"] or "(none)"))
            self.answer(200, "text/html; charset=utf-8", page)
        else:
            self.answer(404, "text/plain", "not found\n")

    def do_POST(self):
        request = self.seen()
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.answer(200, "application/json", json.dumps(request))

    def log_message(self, format, *args):
        pass  # every request is in LOG


# Threads: a browser may open a connection it sends nothing on (preconnect), which would hold up a
# server that serves one connection at a time.
http.server.ThreadingHTTPServer((ADDRESS, PORT), Handler).serve_forever()
