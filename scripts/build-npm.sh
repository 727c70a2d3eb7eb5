#!/usr/bin/env bash
# Build the npm package msstd-check: dist/npm/msstd-check-<version>.tgz
# (`npm pack`), from its own engine (wasm-pack.toml [build.npm]: the page's full
# engine's features, built for speed) and npm/ (see scripts/make-npm-package.mjs
# for the layout and npm/README.md for its use).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cfg() { python3 scripts/toolchain.py "$1"; }

engine_dir="$PWD/target/npm-engine"
name=$(cfg build.npm.out-name)
wasm="$engine_dir/${name}_bg.wasm"
stage="$PWD/target/npm-package"
dest="$PWD/dist/npm"

# The package's own engine ([build.npm]: the full engine's features at opt-level 3),
# rebuilt when missing, older than a Rust source or the Cargo files, or with --rebuild.
if [ "${1:-}" = "--rebuild" ] || [ ! -f "$wasm" ] ||
  [ -n "$(find src Cargo.toml Cargo.lock wasm-pack.toml www/report-types.d.ts -newer "$wasm" -print -quit)" ]; then
  bash scripts/build-engine.sh npm "$engine_dir"
else
  echo "reusing the npm engine in $engine_dir (newer than the sources)"
fi

node scripts/make-npm-package.mjs "$engine_dir" "$name" "$stage"
mkdir -p "$dest"
rm -f "$dest"/msstd-check-*.tgz
# No registry is needed: the package has no dependencies and no scripts.
tgz=$(cd "$stage" && npm pack --offline --silent --pack-destination "$dest")
echo "wrote dist/npm/$tgz: $(stat -c %s "$dest/$tgz") bytes"
