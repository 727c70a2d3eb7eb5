#!/usr/bin/env bash
# Build the browser side: the two wasm engines of the page (www/pkg), the
# service worker's file list and version (www/pkg/sw-build.js), the single
# self-contained page (dist/msstd-check.html), and the size report.
# Settings: wasm-pack.toml's [build] tables.
#
#   core engine (build.core): what the page loads first;
#   full engine (build.full): the same crate and API with more features, loaded
#   by the page only when an input needs it (a chain to verify, a .pfx).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cfg() { python3 scripts/toolchain.py "$1"; }

out_dir=$(cfg build.out-dir)
mapfile -t engines < <(cfg build.engines)
mkdir -p "$out_dir"
rm -f "$out_dir/.gitignore" "$out_dir/package.json" "$out_dir/README.md"
for engine in "${engines[@]}"; do
  bash scripts/build-engine.sh "$engine" "$out_dir"
done

# The served page's service worker: its file list and the build's version
# (www/sw.js caches the full engine only once the page has loaded it).
full=$(cfg build.full.out-name)
node scripts/build-offline.mjs www "${out_dir#www/}/$full.js" "${out_dir#www/}/${full}_bg.wasm"
node scripts/make-single-file.mjs "$out_dir" "$(cfg build.single-file)"
node scripts/size-report.mjs --pkg "$out_dir" --single "$(cfg build.single-file)"
