"""The probe: with a start record, no request reaches the old server before the new one started."""

import http.server
import os
import tempfile
import threading
import time
import unittest
from pathlib import Path

from hrbench.common import now
from hrbench.probe import wait_started, wait_version


class Server:
    """A real HTTP server on 127.0.0.1 that answers `body` and notes when each request came."""

    def __init__(self, body):
        self.body = body
        self.requests = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests.append(now())
                data = outer.body.encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class ProbeTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.starts = Path(self.dir.name) / "starts"
        self.starts.write_text("100 v1\n")
        self.server = Server("v1")

    def tearDown(self):
        self.server.close()
        self.dir.cleanup()

    def test_no_request_reaches_the_old_server_before_the_new_version_started(self):
        started = {}

        def restart():
            time.sleep(0.3)  # the "build": the old server keeps serving v1 meanwhile
            self.server.body = "v2"
            started["at"] = now()
            with open(self.starts, "a") as f:
                f.write("101 v2\n")

        threading.Thread(target=restart).start()
        t = wait_version(self.server.port, "v2", 5.0, starts=self.starts)
        self.assertIsNotNone(t)
        self.assertGreaterEqual(t, started["at"])
        self.assertEqual([r for r in self.server.requests if r < started["at"]], [],
                         "the probe asked the old server while the build ran")
        self.assertEqual(len(self.server.requests), 1)

    def test_without_a_start_record_it_polls_as_before(self):
        def restart():
            time.sleep(0.1)
            self.server.body = "v2"

        threading.Thread(target=restart).start()
        self.assertIsNotNone(wait_version(self.server.port, "v2", 5.0))
        self.assertGreater(len(self.server.requests), 3)

    def test_a_line_still_being_written_does_not_count(self):
        with open(self.starts, "a") as f:
            f.write("101 v2")
        self.assertFalse(wait_started(self.starts, "v2", now() + 0.05))
        with open(self.starts, "a") as f:
            f.write("\n")
        self.assertTrue(wait_started(self.starts, "v2", now() + 1.0))

    def test_an_older_version_or_a_longer_one_does_not_count(self):
        self.starts.write_text("100 v1\n101 v22\n")
        self.assertFalse(wait_started(self.starts, "v2", now() + 0.05))

    def test_gives_up_at_the_deadline(self):
        t0 = now()
        self.assertIsNone(wait_version(self.server.port, "v9", 0.1, starts=self.starts))
        self.assertLess(now() - t0, 2.0)
        self.assertEqual(self.server.requests, [])

    def test_a_missing_record_is_waited_for(self):
        os.unlink(self.starts)
        threading.Timer(0.1, lambda: self.starts.write_text("7 v1\n")).start()
        self.assertTrue(wait_started(self.starts, "v1", now() + 5.0))


if __name__ == "__main__":
    unittest.main()
