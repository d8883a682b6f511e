#!/usr/bin/env python3
"""Seed corpus for fuzz_scenario_loader: every small scenario in the repository (examples,
validation, extreme inputs, the bad-input corpus) as one fuzz input in the format of
fuzz/scenario_input.hpp: the TOML and its tables joined by lines "#=", with the table paths in
the TOML renamed to the names the fuzz target writes. Usage: make_corpus.py OUT_DIR"""
import glob
import hashlib
import os
import re
import sys

FILES = ["scenario.toml", "units.csv", "procedures.csv", "steps.csv", "positions.csv",
         "arrivals.csv", "profiles.csv", "holidays.csv"]
KEYS = {"units": "units.csv", "procedures": "procedures.csv", "steps": "steps.csv",
        "positions": "positions.csv", "arrivals": "arrivals.csv", "profiles": "profiles.csv",
        "holidays": "holidays.csv"}
MAX_TABLE_BYTES = 20000  # keep seeds small so the fuzzer stays fast (Dong Nai is skipped)


def seed_of(toml_path):
    folder = os.path.dirname(toml_path)
    text = open(toml_path, encoding="utf-8", errors="replace").read()
    parts = {name: "" for name in FILES}

    def rename(match):
        key, written = match.group(1), match.group(2)
        standard = KEYS.get(key)
        if standard is None:
            return match.group(0)
        source = os.path.join(folder, written)
        if os.path.isfile(source) and os.path.getsize(source) <= MAX_TABLE_BYTES:
            parts[standard] = open(source, encoding="utf-8", errors="replace").read()
        return f'{key} = "{standard}"'

    parts["scenario.toml"] = re.sub(r'^(\w+)\s*=\s*"([^"]*)"', rename, text, flags=re.M)
    return "\n#=\n".join(parts[name] for name in FILES)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    patterns = ["scenarios/examples/*/*.toml", "scenarios/validation/*.toml",
                "tests/extreme_inputs/*/scenario.toml", "tests/bad_inputs/*/scenario.toml"]
    count = 0
    for pattern in patterns:
        for toml_path in sorted(glob.glob(os.path.join(root, pattern))):
            seed = seed_of(toml_path).encode("utf-8")
            name = hashlib.sha1(seed).hexdigest()
            with open(os.path.join(out, name), "wb") as f:
                f.write(seed)
            count += 1
    print(f"{count} seeds in {out}")


if __name__ == "__main__":
    main()
