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
target=$(cfg build.target)
opt_level=$(cfg build.opt-level)
panic=$(cfg build.panic)
mapfile -t engines < <(cfg build.engines)
mapfile -t opt_flags < <(cfg build.wasm-opt)
# wasm-opt from npm's binaryen (never Debian's 108, which breaks the module).
wasm_opt="$PWD/node_modules/.bin/wasm-opt"

# wasm-pack writes its own .gitignore, package.json and README.md into its out
# dir (and a second build would overwrite the first one's): each engine is
# built into a scratch dir of its own, and only its glue, types and optimised
# wasm are moved to out-dir.
scratch="$PWD/target/wasm-pack-out"
rm -rf "$scratch"
mkdir -p "$out_dir" "$scratch"
rm -f "$out_dir/.gitignore" "$out_dir/package.json" "$out_dir/README.md"

for engine in "${engines[@]}"; do
  name=$(cfg "build.$engine.out-name")
  mapfile -t cargo_args < <(cfg "build.$engine.cargo-args")
  dir="$scratch/$engine"
  echo "building the $engine engine ($name): cargo ${cargo_args[*]}, opt-level $opt_level, panic $panic"
  # wasm-pack: no download (--mode no-install), no wasm-opt of its own (--no-opt);
  # cargo reads the release profile's opt-level and panic strategy from the environment.
  CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt_level" CARGO_PROFILE_RELEASE_PANIC="$panic" \
    wasm-pack --quiet build --target "$target" --release --mode no-install --no-opt \
    --out-dir "$dir" --out-name "$name" -- "${cargo_args[@]}"
  mv -f "$dir/$name.js" "$out_dir/$name.js"
  for f in "$name.d.ts" "${name}_bg.wasm.d.ts"; do
    if [ -f "$dir/$f" ]; then mv -f "$dir/$f" "$out_dir/$f"; fi
  done
  "$wasm_opt" "${opt_flags[@]}" "$dir/${name}_bg.wasm" -o "$out_dir/${name}_bg.wasm"
done
rm -rf "$scratch"

# The served page's service worker: its file list and the build's version
# (www/sw.js caches the full engine only once the page has loaded it).
full=$(cfg build.full.out-name)
node scripts/build-offline.mjs www "${out_dir#www/}/$full.js" "${out_dir#www/}/${full}_bg.wasm"
node scripts/make-single-file.mjs "$out_dir" "$(cfg build.single-file)"
node scripts/size-report.mjs --pkg "$out_dir" --single "$(cfg build.single-file)"
