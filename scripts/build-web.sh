#!/usr/bin/env bash
# Build the browser side: the wasm package (www/pkg), the single self-contained
# page (dist/msstd-check.html), and the size report. Settings: wasm-pack.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cfg() { python3 scripts/toolchain.py "$1"; }

out_dir=$(cfg build.out-dir)
mapfile -t cargo_args < <(cfg build.cargo-args)
mapfile -t opt_flags < <(cfg build.wasm-opt)

# wasm-pack: no download (--mode no-install), no wasm-opt of its own (--no-opt).
wasm-pack --quiet build --target "$(cfg build.target)" --release --mode no-install --no-opt \
  --out-dir "$out_dir" --out-name msstd_check -- "${cargo_args[@]}"
rm -f "$out_dir/.gitignore" "$out_dir/package.json" "$out_dir/README.md"

# wasm-opt from npm's binaryen (never Debian's 108, which breaks the module).
wasm_opt="$PWD/node_modules/.bin/wasm-opt"
"$wasm_opt" "${opt_flags[@]}" "$out_dir/msstd_check_bg.wasm" -o "$out_dir/msstd_check_bg.wasm"

node scripts/make-single-file.mjs "$out_dir" "$(cfg build.single-file)"
node scripts/size-report.mjs
