#!/usr/bin/env bash
# Fuzz the intake, the principal-name parser and the whole analysis with
# cargo-fuzz (libFuzzer), seeded from the test fixtures and ../shared/corpus.
# Usage: bash scripts/fuzz.sh [SECONDS per target, default 60] [target ...]
# FUZZ_RUNS=N stops each target after N executions instead (the time still caps it).
# FUZZ_MAX_LEN=N caps the input length (default 262144; shorter inputs run many times faster).
# Crashes land in fuzz/artifacts/<target>/; keep each as a regression test
# (as a test vector or in tests/hostile.rs), then fix the cause.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(intake principal analyze)

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --version 0.13.2 --locked
shared=../shared/corpus
for target in "${targets[@]}"; do
  seeds="fuzz/corpus/$target"
  mkdir -p "$seeds"
  if [ "$target" = principal ]; then
    printf '%s' 'msstd:mail.contoso.com' > "$seeds/plain"
    printf '%s' ' MSSTD:mail.contoso.com. ' > "$seeds/cleanup"
    printf '%s' 'https://mail.contoso.com/rpc/rpcproxy.dll' > "$seeds/url"
    printf '%s' 'fullsic:<CN=Root>\<CN=mail.contoso.com>' > "$seeds/fullsic"
    printf '%s' '"msstd:*.contoso.com"' > "$seeds/quoted"
  elif [ "$target" = exchange ]; then
    cp tests/fixtures/exchange/*.txt tests/fixtures/certs/get-outlookprovider.txt "$seeds/"
  else
    cp tests/fixtures/certs/* "$seeds/" 2>/dev/null || true
    # Exchange output, alone and with a PEM after it (all-three-then-pem.txt).
    cp tests/fixtures/exchange/*.txt "$seeds/"
    if [ -d "$shared/real" ]; then
      find "$shared/real" -maxdepth 1 -type f ! -name '*.md' ! -name '*.json' -exec cp {} "$seeds/" \;
    fi
  fi
  # Stable Rust: no sanitizer (RUSTC_BOOTSTRAP lets cargo-fuzz pass its -Z flags).
  RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none -O "$target" "$seeds" -- \
    -max_total_time="$seconds" ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} -rss_limit_mb=2048 -max_len="${FUZZ_MAX_LEN:-262144}" -timeout=10 -print_final_stats=1
done
