"""What the end-to-end Python checks in tests/cli share: a check that prints ok/FAIL and
remembers failures, the exit status that follows, and a free loopback port."""
import socket
import sys

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def finish(name):
    """Exits 1 when any check failed, else 0 with `name: all checks passed`."""
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print(f"{name}: all checks passed")
    sys.exit(0)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
