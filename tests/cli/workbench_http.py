#!/usr/bin/env python3
"""End-to-end checks of `twotier serve` over HTTP on the loopback address (no browser).

Safety: foreign Host (DNS rebinding), missing token, foreign Origin, paths in ids and file
names, oversized bodies. Load: 20 what-if simulations requested at once are all queued and
all answered, none lost, while the server keeps answering other requests.

usage: workbench_http.py TWOTIER_BINARY SOURCE_DIR
"""
import concurrent.futures
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

from cli_checks import check, failures, free_port

TWOTIER, SOURCE = sys.argv[1], sys.argv[2]


def request(method, path, body=None, headers=None, timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    all_headers = {"Host": f"127.0.0.1:{PORT}"}
    all_headers.update(headers or {})
    if isinstance(body, (list, dict)):
        body = urllib.parse.urlencode(body)
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data


def post(path, form, token):
    return request("POST", path, form, {"X-Twotier-Token": token})


root = tempfile.mkdtemp(prefix="twotier-serve-http-")
scenarios = os.path.join(root, "scenarios")
shutil.copytree(os.path.join(SOURCE, "scenarios/examples/single-commune"),
                os.path.join(scenarios, "single-commune"))
shutil.copytree(os.path.join(SOURCE, "scenarios/calendars"), os.path.join(root, "calendars"))
PORT = free_port()
server = subprocess.Popen([TWOTIER, "serve", scenarios, "--port", str(PORT), "--workspace",
                           os.path.join(root, "workspace"), "--jobs", "2", "--threads", "1"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
try:
    for _ in range(100):
        try:
            status, page = request("GET", "/")
            break
        except OSError:
            time.sleep(0.1)
    check(status == 200, "the page is served")
    token = re.search(rb'name="twotier-token" content="([0-9a-f]{64})"', page).group(1).decode()
    scenario = json.loads(request("GET", "/api/scenarios")[1])[0]["id"]
    check(scenario == "single-commune/scenario", "scenarios are listed by id")

    # DNS rebinding: the same socket reached under another name.
    status, _ = request("GET", "/api/scenarios", headers={"Host": f"evil.example:{PORT}"})
    check(status == 403, "a foreign Host is refused")
    status, _ = request("POST", "/api/jobs", {"kind": "run", "scenario": scenario})
    check(status == 403, "a POST without the session token is refused")
    status, _ = request("POST", "/api/jobs", {"kind": "run", "scenario": scenario},
                        {"X-Twotier-Token": token, "Origin": "http://evil.example"})
    check(status == 403, "a POST from a foreign Origin is refused")
    status, _ = post("/api/jobs", {"kind": "run", "scenario": "../../../etc/passwd"}, token)
    check(status == 400, "a scenario id that is a path is refused")
    for path in ["/api/units?scenario=..%2F..%2Fetc%2Fpasswd", "/assets/..%2F..%2Fetc%2Fpasswd",
                 "/api/jobs/0123456789abcdef/file?name=..%2F..%2F..%2Fetc%2Fpasswd",
                 "/../../etc/passwd"]:
        status, data = request("GET", path)
        check(status in (400, 404) and b"root:" not in data, f"GET {path} escapes nothing")
    status, data = post("/api/variants", {"name": "../../x", "base": scenario}, token)
    check(status == 400 and json.loads(data)["field"] == "name", "a variant name that is a path is refused")
    status, data = post("/api/variants", [("name", "v1"), ("base", scenario),
                                          ("change", "positions.phu_hoa.one_stp=3")], token)
    body = json.loads(data)
    check(status == 400 and body["field"] == "change:0" and "one_stop" in body["error"],
          "a bad change is reported on its field with the CLI's suggestion")
    status, _ = post("/api/variants", {"name": "x", "base": scenario, "title": "a" * 70000}, token)
    check(status == 413, "an oversized request body is refused")
    status, data = post("/api/variants", [("name", "v1"), ("base", scenario),
                                          ("change", "positions.phu_hoa.one_stop+=1")], token)
    check(status == 201, "a good variant is saved")
    variant_file = os.path.join(root, "workspace/variants/v1.toml")
    check(subprocess.run([TWOTIER, "check", variant_file], capture_output=True).returncode == 0,
          "the saved variant is a scenario the CLI accepts")

    # A client that never finishes its request is dropped after the read timeout (10 s).
    slow = socket.create_connection(("127.0.0.1", PORT))
    slow.sendall(f"GET /api/scenarios HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\n".encode())
    slow.settimeout(30)
    began = time.time()
    try:
        closed = slow.recv(4096) is not None
    except OSError:
        closed = True
    waited = time.time() - began
    slow.close()
    check(closed and 5 < waited < 25, f"an unfinished request is dropped after the timeout ({waited:.1f} s)")

    status, data = request("GET", "/api/cost?scenario=single-commune%2Fscenario&alternative=workspace%2Fv1")
    cost = json.loads(data)
    check(status == 200 and cost["officers_added"] == 1 and cost["officers_removed"] == 0
          and cost["known"] is False, "the cost of a variant counts its officers (no salary table here)")

    # Load: 20 what-ifs at once (each a different demand factor, so none is a cached repeat).
    def submit(i):
        form = [("kind", "compare"), ("scenario", scenario), ("alternative", "workspace/v1"),
                ("horizon", str(20 + i)), ("reps", "2")]
        status, data = post("/api/jobs", form, token)
        return status, json.loads(data)

    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(submit, range(20)))
    check(all(s == 202 for s, _ in answers), "20 simultaneous what-ifs are all accepted")
    ids = {a["id"] for _, a in answers}
    check(len(ids) == 20, "each is its own job")
    slowest = 0.0
    deadline = time.time() + 600
    pending = set(ids)
    while pending and time.time() < deadline:
        started = time.time()
        request("GET", "/api/scenarios", timeout=10)
        slowest = max(slowest, time.time() - started)
        for job in list(pending):
            state = json.loads(request("GET", f"/api/jobs/{job}")[1])["state"]
            if state not in ("queued", "running"):
                check(state == "done", f"job {job} ends done (is {state})")
                pending.discard(job)
        time.sleep(0.3)
    check(not pending, "all 20 are answered, none lost")
    check(slowest < 5.0, f"the server stays responsive while they run (slowest reply {slowest:.2f} s)")
    job = answers[0][1]["id"]
    status, data = request("GET", f"/api/jobs/{job}/csv?name=comparison.csv")
    rows = json.loads(data)["rows"]
    check(status == 200 and len(rows) > 10, "a finished comparison's table is served")
    status, data = request("GET", f"/api/jobs/{job}/file?name=report.html")
    check(status == 200 and b"<html" in data[:2000].lower(), "its report is served")
    status, data = request("GET", f"/api/jobs/{job}/events")
    check(status == 200 and data.startswith(b"data: ") and b'"state":"done"' in data,
          "a job's progress is pushed as server-sent events that end with its final state")
    status, data = post(f"/api/jobs/{job}/cancel", [], token)
    check(status == 409, "a finished job cannot be cancelled")
finally:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
    shutil.rmtree(root, ignore_errors=True)

check(server.returncode == 0, "Ctrl-C (SIGTERM) stops the server cleanly")
sys.exit(1 if failures else 0)
