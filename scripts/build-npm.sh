#!/usr/bin/env bash
# Build the npm package msstd-check: dist/npm/msstd-check-<version>.tgz
# (`npm pack`), from the web build's full engine (www/pkg; see
# scripts/make-npm-package.mjs for the layout and npm/README.md for its use).
#
# The web build is reused when it is newer than every Rust source and the
# Cargo files; otherwise (or with --rebuild) scripts/build-web.sh runs first.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cfg() { python3 scripts/toolchain.py "$1"; }

out_dir=$(cfg build.out-dir)
name=$(cfg build.full.out-name)
wasm="$out_dir/${name}_bg.wasm"
stage="$PWD/target/npm-package"
dest="$PWD/dist/npm"

if [ "${1:-}" = "--rebuild" ] || [ ! -f "$wasm" ] ||
  [ -n "$(find src Cargo.toml Cargo.lock wasm-pack.toml www/report-types.d.ts -newer "$wasm" -print -quit)" ]; then
  echo "the web build is missing or older than the sources: building it"
  bash scripts/build-web.sh
else
  echo "reusing the web build in $out_dir (newer than the sources)"
fi

node scripts/make-npm-package.mjs "$out_dir" "$name" "$stage"
mkdir -p "$dest"
rm -f "$dest"/msstd-check-*.tgz
# No registry is needed: the package has no dependencies and no scripts.
tgz=$(cd "$stage" && npm pack --offline --silent --pack-destination "$dest")
echo "wrote dist/npm/$tgz: $(stat -c %s "$dest/$tgz") bytes"
