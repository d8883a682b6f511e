#!/usr/bin/env python3
"""`twotier` restarts itself with glibc's malloc asking for transparent huge pages
(apps/huge_pages.hpp) where the kernel offers them on request, keeps its name and process
id, respects a user's own GLIBC_TUNABLES and TWOTIER_HUGE_PAGES=0, and gives the same results
either way.

A long-lived `twotier serve` is started and its environment read from /proc once it answers
on its port (the restart happens before anything else, so by then it is done).

usage: huge_pages.py TWOTIER_BINARY SOURCE_DIR
"""
import filecmp
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

from cli_checks import check, finish, free_port

TWOTIER, SOURCE = sys.argv[1], sys.argv[2]
TUNABLE = "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=33554432"


def serving_environment(root, extra_env):
    """Starts `twotier serve`, waits until it listens, returns (GLIBC_TUNABLES or None, comm).

    glibc parses GLIBC_TUNABLES in place (each ':' becomes a NUL in /proc/PID/environ), so the
    value is read back as the run of tunables (name=value) after its name."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("GLIBC_TUNABLES", "TWOTIER_HUGE_PAGES", "LD_PRELOAD")}
    env.update(extra_env)
    port = free_port()
    server = subprocess.Popen([TWOTIER, "serve", os.path.join(root, "scenarios"), "--port",
                               str(port), "--workspace", os.path.join(root, "ws")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        with open(f"/proc/{server.pid}/environ", "rb") as f:
            raw = f.read()
        with open(f"/proc/{server.pid}/comm") as f:
            comm = f.read().strip()
        found = re.search(rb"(?:^|\0)GLIBC_TUNABLES=(glibc\.[a-z_.]+=[^\0:]*"
                          rb"(?:[\0:]glibc\.[a-z_.]+=[^\0:]*)*)", raw)
        value = found.group(1).replace(b"\0", b":").decode() if found else None
        return value, comm
    finally:
        server.terminate()
        server.wait(timeout=30)


root = tempfile.mkdtemp(prefix="twotier-huge-pages-")
try:
    shutil.copytree(os.path.join(SOURCE, "scenarios/examples/single-commune"),
                    os.path.join(root, "scenarios", "single-commune"))
    shutil.copytree(os.path.join(SOURCE, "scenarios/calendars"), os.path.join(root, "calendars"))
    try:
        with open("/sys/kernel/mm/transparent_hugepage/enabled") as f:
            on_request = "[madvise]" in f.read()
    except OSError:
        on_request = False
    print(f"kernel offers huge pages on request (madvise mode): {on_request}")

    tunables, comm = serving_environment(root, {})
    if on_request:
        check(tunables == TUNABLE, f"in madvise mode the process runs with {TUNABLE} ({tunables})")
    else:
        check(tunables is None, "outside madvise mode nothing is changed")
    check(comm == "twotier", f"the process keeps its name (comm {comm!r})")

    tunables, _ = serving_environment(root, {"TWOTIER_HUGE_PAGES": "0"})
    check(tunables is None, "TWOTIER_HUGE_PAGES=0 turns it off")
    tunables, _ = serving_environment(root, {"GLIBC_TUNABLES": "glibc.malloc.check=0"})
    check(tunables == "glibc.malloc.check=0", "a user's own GLIBC_TUNABLES is kept as it is")

    # Same results with and without huge pages (only addresses differ).
    scenario = os.path.join(root, "scenarios", "single-commune", "scenario.toml")
    outputs = {}
    for label, extra in (("huge", {}), ("plain", {"TWOTIER_HUGE_PAGES": "0"})):
        out = os.path.join(root, "out-" + label)
        env = dict(os.environ, **extra)
        env.pop("GLIBC_TUNABLES", None)
        subprocess.run([TWOTIER, "run", scenario, "--reps", "3", "--out", out, "-q"], env=env,
                       check=True, stdout=subprocess.DEVNULL)
        outputs[label] = out
    same = filecmp.cmp(os.path.join(outputs["huge"], "summary.csv"),
                       os.path.join(outputs["plain"], "summary.csv"), shallow=False)
    check(same, "summary.csv is byte-identical with and without huge pages")
finally:
    shutil.rmtree(root, ignore_errors=True)

finish("huge pages")
