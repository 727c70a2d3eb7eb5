#!/usr/bin/env python3
"""Print a value of wasm-pack.toml for the shell scripts: `toolchain.py tools.wasm-pack`.

Lists are printed one item per line."""
import sys
import tomllib
from pathlib import Path

config = tomllib.loads((Path(__file__).resolve().parent.parent / "wasm-pack.toml").read_text())
value = config
for key in sys.argv[1].split("."):
    value = value[key]
print("\n".join(value) if isinstance(value, list) else value)
