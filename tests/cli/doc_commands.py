#!/usr/bin/python3
"""Runs every `twotier` command shown in README.md and docs/*.md, so an example cannot rot.

Usage: doc_commands.py TWOTIER SOURCE_DIR [--full] [--list] [--only TEXT]

Commands come from the fenced ```sh blocks (lines joined at a trailing backslash, comments
dropped). Each document runs in its own temporary folder, its commands in order (a later one
may read an earlier one's output, also from an earlier block), with `scenarios`, `tests`, `examples` and `build/bin/twotier`
linked from the checkout, so the paths of the docs work as written. Wrappers that only say how
to launch (mpirun, srun, /usr/bin/time, valgrind, perf record) are dropped: the twotier command
they start is what runs. `SCENARIO` stands for scenarios/examples/single-commune/scenario.toml.
Other programs (scripts/dev, benchmarks, profilers) are listed as skipped.

Unless --full, runs are shortened: --reps at most TWOTIER_DOC_REPS (default 2, also added where
missing), --max-reps at most 4, calibrate's --points at most 2 and --waves 1, and every command that simulates gets --horizon at most TWOTIER_DOC_HORIZON days
(default 60; `--horizon`, `--set scenario.horizon=` are lowered, else --horizon is added).

`twotier serve` (the workbench) is started on a free port, passes when it answers
GET /api/scenarios within 20 s, and is then stopped with SIGTERM (it must exit 0).

A command passes when it exits 0, or with a code a trailing comment allows: `# exit 2`,
`# exit 0 or 1`.
Exit code: 0 when every command passed, 1 otherwise.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIMULATING = {"run", "compare", "sweep", "staff", "delegation"}
WRAPPERS = {"mpirun", "mpiexec", "srun", "/usr/bin/time", "time", "valgrind", "perf"}
DEFAULT_SCENARIO = "scenarios/examples/single-commune/scenario.toml"


def fenced_blocks(path):
    """(first line number, text) of every ```sh block."""
    blocks, inside, start, lines = [], False, 0, []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if not inside and stripped in ("```sh", "```bash", "```shell"):
            inside, start, lines = True, number + 1, []
        elif inside and stripped.startswith("```"):
            inside = False
            blocks.append((start, lines))
        elif inside:
            lines.append(line)
    return blocks


def logical_lines(start, lines):
    """(line number, text, expected exit code) with continuations joined."""
    out, text, first = [], "", None
    for offset, line in enumerate(lines):
        if first is None:
            first = start + offset
        if line.rstrip().endswith("\\"):
            text += line.rstrip()[:-1] + " "
            continue
        text += line
        expected = [0]
        match = re.search(r"#.*\bexit\s+(\d+)(?:\s+or\s+(\d+))?", text)
        if match:
            expected = [int(code) for code in match.groups() if code is not None]
        out.append((first, text.strip(), expected))
        text, first = "", None
    return out


def twotier_tokens(tokens):
    """The tokens from `twotier` on, dropping launch wrappers; None for other programs."""
    i = 0
    while i < len(tokens):
        name = tokens[i]
        if name in ("$B", "twotier") or name.endswith("/twotier"):
            return ["twotier"] + tokens[i + 1:]
        if name in WRAPPERS or os.path.basename(name) in WRAPPERS or name.startswith("-") \
                or (i > 0 and tokens[i - 1] in ("-np", "-n", "-f", "-o", "-e", "-F")) \
                or "=" in name and i > 0:
            i += 1
            continue
        if i > 0 and tokens[0] in ("perf",) and name == "record":
            i += 1
            continue
        return None
    return None


def days(text):
    match = re.fullmatch(r"(\d+)d?", text)
    return int(match.group(1)) if match else None


def shorten(tokens, horizon, reps):
    """The command with fewer replications and a shorter horizon."""
    out, has_horizon, i = [], False, 0
    while i < len(tokens):
        token = tokens[i]
        value = tokens[i + 1] if i + 1 < len(tokens) else None
        if token in ("--points", "--waves") and value and value.isdigit():
            # calibrate --targets: 2 parameter sets in 1 wave are enough to run the example.
            out += [token, str(min(int(value), 2 if token == "--points" else 1))]
            i += 2
            continue
        if token in ("--reps", "--max-reps") and value and value.isdigit():
            cap = reps if token == "--reps" else max(reps, 4)
            out += [token, str(min(int(value), cap))]
            i += 2
            continue
        if token == "--horizon" and value:
            has_horizon = True
            d = days(value)
            out += [token, f"{min(d, horizon)}d" if d is not None else value]
            i += 2
            continue
        if token == "--set" and value and value.startswith("scenario.horizon="):
            has_horizon = True
            d = days(value.split("=", 1)[1])
            out += [token, f"scenario.horizon={min(d, horizon)}d" if d is not None else value]
            i += 2
            continue
        out.append(token)
        i += 1
    if len(out) > 1 and out[1] in SIMULATING and "--resume" not in out:
        if not has_horizon:
            out += ["--horizon", f"{horizon}d"]
        if "--reps" not in out:
            out += ["--reps", str(max(reps, 2))]
    return out


def prepare_folder(folder, source, binary):
    # scenarios/ is copied, so an example that writes into it (a scaffolded province) can never
    # touch the checkout; the rest is only read and is linked.
    shutil.copytree(source / "scenarios", folder / "scenarios", symlinks=True)
    for name in ("tests", "examples", "docs"):
        (folder / name).symlink_to(source / name)
    (folder / "build" / "bin").mkdir(parents=True)
    (folder / "build" / "bin" / "twotier").symlink_to(binary)
    (folder / "tmp").mkdir()


def check_server(binary, command, folder, environment):
    """Starts `twotier serve` on a free port; None when it answered, else the problem."""
    import socket
    import urllib.request
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = list(command)
    if "--port" in command:
        command[command.index("--port") + 1] = str(port)
    else:
        command += ["--port", str(port)]
    server = subprocess.Popen([str(binary)] + command[1:], cwd=folder, env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    problem = "did not answer GET /api/scenarios within 20 s"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/scenarios", timeout=5) as r:
                if r.status == 200:
                    problem = None
                    break
        except OSError:
            time.sleep(0.2)
    server.terminate()
    try:
        code = server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        return "did not stop on SIGTERM"
    if problem is None and code != 0:
        problem = f"exit {code} after SIGTERM"
    return problem


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        print(__doc__)
        return 2
    binary, source = Path(args[0]).resolve(), Path(args[1]).resolve()
    full, listing = "--full" in args, "--list" in args
    only = args[args.index("--only") + 1] if "--only" in args else None
    horizon = int(os.environ.get("TWOTIER_DOC_HORIZON", "60"))
    reps = int(os.environ.get("TWOTIER_DOC_REPS", "2"))
    documents = [source / "README.md"] + sorted((source / "docs").glob("*.md"))
    failures, ran, skipped = [], 0, 0
    for document in documents:
        # One folder per document: a later block may use what an earlier one wrote (a scaffolded
        # province, a result folder), as a reader following the page would.
        commands = []
        for start, lines in fenced_blocks(document):
            for number, text, expected in logical_lines(start, lines):
                where = f"{document.relative_to(source)}:{number}"
                try:
                    tokens = shlex.split(text, comments=True)
                except ValueError as error:
                    failures.append(f"{where}: cannot parse: {error}")
                    continue
                if not tokens or re.fullmatch(r"[A-Z_]+=.*", tokens[0]) and len(tokens) == 1:
                    continue  # blank, comment, or B=build/bin/twotier
                command = twotier_tokens(tokens)
                if command is None:
                    if tokens[0] not in ("module",):
                        print(f"skipped (not twotier): {where}: {text}")
                        skipped += 1
                    continue
                commands.append((where, command, expected))
        if not commands:
            continue
        with tempfile.TemporaryDirectory(prefix="twotier-doc-") as temporary:
            folder = Path(temporary)
            prepare_folder(folder, source, binary)
            environment = dict(os.environ, B=str(binary), SLURM_CPUS_PER_TASK="1")
            for where, command, expected in commands:
                if only and only not in where and only not in " ".join(command):
                    continue
                command = [os.path.expandvars(t.replace("$SLURM_CPUS_PER_TASK", "1"))
                           for t in command]
                command = [DEFAULT_SCENARIO if t == "SCENARIO" else t for t in command]
                command = [str(folder) + t if t.startswith("/tmp/") else t for t in command]
                if not full:
                    command = shorten(command, horizon, reps)
                stdout_file = None
                if ">" in command:
                    at = command.index(">")
                    stdout_file, command = command[at + 1], command[:at]
                shown = shlex.join(command) + (f" > {stdout_file}" if stdout_file else "")
                if listing:
                    print(f"{where}: {shown}")
                    continue
                began = time.monotonic()
                if command[1] == "serve":
                    ran += 1
                    problem = check_server(binary, command, folder, environment)
                    print(f"{'FAILED' if problem else 'ok'} ({time.monotonic() - began:.1f} s): "
                          f"{where}: {shown}", flush=True)
                    if problem:
                        failures.append(f"{where}: {problem}: {shown}")
                    continue
                with open(folder / stdout_file, "w") if stdout_file else \
                        open(os.devnull, "w") as sink:
                    result = subprocess.run([str(binary)] + command[1:], cwd=folder,
                                            env=environment, stdout=sink,
                                            stderr=subprocess.PIPE, text=True)
                seconds = time.monotonic() - began
                ran += 1
                status = "ok" if result.returncode in expected else "FAILED"
                print(f"{status} ({seconds:.1f} s, exit {result.returncode}): {where}: {shown}",
                      flush=True)
                if result.returncode not in expected:
                    failures.append(f"{where}: exit {result.returncode} (expected {expected}): "
                                    f"{shown}\n{result.stderr[-2000:]}")
    if listing:
        return 0
    print(f"{ran} commands run, {skipped} lines of other programs skipped, "
          f"{len(failures)} failed")
    for failure in failures:
        print("FAILED:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
