#!/usr/bin/env bash
# Set everything up, build the page, and serve it on 127.0.0.1 with a sample
# certificate loaded. Stop with Ctrl-C. PORT=8080 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
port="${PORT:-8080}"

bash scripts/setup.sh
bash scripts/build-web.sh
cargo build --release --locked --quiet

cat <<EOT

msstd-check is ready.
  Page:          http://127.0.0.1:$port/?sample=pass
  Single file:   file://$PWD/$(python3 scripts/toolchain.py build.single-file)  (works opened from disk)
  Command line:  target/release/msstd-check --msstd msstd:mail.contoso.com tests/fixtures/certs/wildcard.pem

Serving www/ on 127.0.0.1:$port (Ctrl-C to stop).
EOT
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory www
