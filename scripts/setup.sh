#!/usr/bin/env bash
# Install everything msstd-check needs, skipping what is already there.
# Idempotent; versions come from wasm-pack.toml. Needs: Debian with rustup,
# cargo, node/npm and python3 (the machine image has them); root or sudo for apt.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cfg() { python3 scripts/toolchain.py "$1"; }
say() { printf 'setup: %s\n' "$*"; }

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

# Debian's Chromium and its driver, for the browser tests (never a downloaded browser).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} (apt)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "chromium and chromium-driver present"
fi

# Rust: the wasm target and the lint tools.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done
# The standard library's source, for the engines' rebuilt std (wasm-pack.toml, build.std).
# Not fatal: without it the engines are built with the prebuilt std, larger (build-engine.sh).
if ! rustup component list --installed | grep -q "^rust-src"; then
  say "adding the rust-src component"
  rustup component add rust-src || say "rust-src could not be added: the engines will use the prebuilt std"
fi

# Pinned cargo tools.
want=$(cfg tools.wasm-pack)
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
  say "installing wasm-pack $want"
  cargo install wasm-pack --version "$want" --locked
else
  say "wasm-pack $want present"
fi
want=$(cfg tools.wasm-bindgen-cli)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
  say "installing wasm-bindgen-cli $want"
  # Not --locked: its lock file pins a crate version the registry index lacks.
  cargo install wasm-bindgen-cli --version "$want"
else
  say "wasm-bindgen-cli $want present"
fi
# wasm-pack checks for its own updates once a day over the network; there is none here.
stamp="$HOME/.cargo/bin/wasm-pack.stamp"
[ -f "$stamp" ] || echo "created $(date +%Y-%m-%dT%H:%M:%S.%N%:z)" > "$stamp"

# npm tools (binaryen's wasm-opt, playwright-core), exactly as locked.
npm_current() {
  node -e '
    const want = require("./package-lock.json").packages;
    let have = {};
    try { have = require("./node_modules/.package-lock.json").packages; } catch (e) { process.exit(1); }
    for (const [path, p] of Object.entries(want)) {
      if (path && (!have[path] || have[path].version !== p.version)) process.exit(1);
    }'
}
if npm_current; then
  say "node_modules up to date"
else
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "done"
