#!/usr/bin/env bash
# Build one wasm engine of wasm-pack.toml ([build.<engine>]) into OUT_DIR:
# <out-name>.js (the glue), its .d.ts files and the optimised <out-name>_bg.wasm.
#
#     bash scripts/build-engine.sh ENGINE OUT_DIR
#
# The engine's own opt-level / wasm-opt keys win over [build]'s: the page's
# engines are built for bytes ("z", -Oz), the npm package's for speed (3, -O3).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cfg() { python3 scripts/toolchain.py "$1"; }
# The engine's key, else [build]'s.
setting() { cfg "build.$engine.$1" 2>/dev/null || cfg "build.$1"; }

engine=$1
out_dir=$2
target=$(cfg build.target)
panic=$(cfg build.panic)
name=$(cfg "build.$engine.out-name")
opt_level=$(setting opt-level)
mapfile -t cargo_args < <(cfg "build.$engine.cargo-args")
mapfile -t opt_flags < <(setting wasm-opt)
# wasm-opt from npm's binaryen (never Debian's 108, which breaks the module).
wasm_opt="$PWD/node_modules/.bin/wasm-opt"

# wasm-pack writes its own .gitignore, package.json and README.md into its out
# dir: the engine is built into a scratch dir of its own, and only its glue,
# types and optimised wasm are moved to out-dir. Each opt-level keeps its own
# target dir, so building one engine does not throw away another's compiled crates.
scratch="$PWD/target/wasm-pack-out/$engine"
rm -rf "$scratch"
mkdir -p "$out_dir" "$scratch"
target_dir="$PWD/target"
[ "$opt_level" = "$(cfg build.opt-level)" ] || target_dir="$PWD/target/opt-$opt_level"
std=$(setting std)

# wasm-pack: no download (--mode no-install), no wasm-opt of its own (--no-opt);
# cargo reads the release profile's opt-level and panic strategy from the environment.
wasm_pack() {
  CARGO_TARGET_DIR="$1" CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt_level" CARGO_PROFILE_RELEASE_PANIC="$panic" \
    wasm-pack --quiet build --target "$target" --release --mode no-install --no-opt \
    --out-dir "$scratch" --out-name "$name" -- "${cargo_args[@]}" "${@:2}"
}

# std = "rebuilt" (wasm-pack.toml): the standard library built with the engine, its
# crates at opt-level 3, panics a bare trap. Its own target dir (other RUSTFLAGS).
rebuilt_std() {
  rustup component list --installed 2>/dev/null | grep -q '^rust-src' || return 1
  local std_args=(-Z build-std=std,panic_abort)
  for crate in core alloc std dlmalloc; do
    std_args+=(--config "profile.release.package.$crate.opt-level=3")
  done
  RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
    wasm_pack "$target_dir/std-rebuilt" "${std_args[@]}"
}

if [ "$std" = rebuilt ]; then
  echo "building the $engine engine ($name): cargo ${cargo_args[*]}, opt-level $opt_level, std rebuilt, panic immediate-abort"
  if ! rebuilt_std; then
    echo "build-engine: the standard library could not be rebuilt (rustup's rust-src missing, or this toolchain refuses -Z build-std / -C panic=immediate-abort); building with the prebuilt one, which is larger" >&2
    std=prebuilt
  fi
fi
if [ "$std" != rebuilt ]; then
  echo "building the $engine engine ($name): cargo ${cargo_args[*]}, opt-level $opt_level, panic $panic"
  wasm_pack "$target_dir"
fi
mv -f "$scratch/$name.js" "$out_dir/$name.js"
for f in "$name.d.ts" "${name}_bg.wasm.d.ts"; do
  if [ -f "$scratch/$f" ]; then mv -f "$scratch/$f" "$out_dir/$f"; fi
done
"$wasm_opt" "${opt_flags[@]}" "$scratch/${name}_bg.wasm" -o "$out_dir/${name}_bg.wasm"
rm -rf "$scratch"
