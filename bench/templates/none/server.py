"""Benchmark service without a build step: answers GET / with VERSION, on 127.0.0.1 only."""
import http.server
import os

VERSION = "@VERSION@"


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = VERSION.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("BENCH_PORT", "18080"))), Handler)
    starts = os.environ.get("BENCH_STARTS")
    if starts:
        with open(starts, "a") as f:
            f.write(f"{os.getpid()} {VERSION}\n")
    server.serve_forever()


if __name__ == "__main__":
    main()
