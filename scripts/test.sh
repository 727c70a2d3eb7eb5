#!/usr/bin/env bash
# Every test of msstd-check: lint, native tests (unit, test vectors, golden
# reports, command line, outside corpus, toolchain pins, TypeScript types), the
# bindings in headless Chromium, the release web build with its size budget,
# and end to end in Chromium: the page, the page offline (service worker) and
# the npm package (built from the web build by e2e/npm.test.mjs, installed
# offline, run in Node and Chromium). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
step() { printf '\n==> %s\n' "$*"; }

step "set-up"
bash scripts/setup.sh

step "format and lints"
cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --all-targets --features typescript -- -D warnings
cargo clippy --locked --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings

step "native tests"
cargo test --locked --features typescript

step "bindings in headless Chromium (wasm-bindgen-test): the core engine, then the full engine"
wasm-pack test --headless --chrome --mode no-install -- --locked --no-default-features --test web
wasm-pack test --headless --chrome --mode no-install -- --locked --no-default-features \
  --features full --test web

step "release web build, single file, size budget"
bash scripts/build-web.sh

step "page, offline page and npm package end to end (playwright-core, Chromium; Node)"
node --test e2e/
