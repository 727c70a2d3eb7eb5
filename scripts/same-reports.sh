#!/usr/bin/env bash
# A differential check for changes that must not change a report: two builds
# of the command line write `--json` for the same inputs, and every pair of
# outputs must be byte for byte the same. Run by hand (not a test):
#
#     cargo build --release && cp target/release/msstd-check /tmp/before
#     ... change the code ...
#     cargo build --release && bash scripts/same-reports.sh /tmp/before target/release/msstd-check
#
# Inputs: every file under tests/fixtures and ../shared/corpus/real, each
# alone; and every Exchange fixture (tests/fixtures/exchange) joined with
# every PEM fixture (tests/fixtures/certs/*.pem) in one text, in both orders.
# The command line writes its JSON with serde_json, the wasm engines with
# src/json_text.rs: for that writer, run scripts/same-reports-wasm.mjs.
# Prints the number of inputs and each one whose reports differ; exits 1 if
# any does.
set -uo pipefail
cd "$(dirname "$0")/.."
old=$1
new=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=(--json --msstd msstd:mail.contoso.com --host mail.contoso.com --at 2026-11-25T00:00:00Z --password 'Contoso!2025')
inputs=0
differ=0
check() {
  inputs=$((inputs + 1))
  "$old" "${args[@]}" "$1" > "$work/old" 2> "$work/old.err"
  local old_rc=$?
  "$new" "${args[@]}" "$1" > "$work/new" 2> "$work/new.err"
  local new_rc=$?
  if [ "$old_rc" != "$new_rc" ] || ! cmp -s "$work/old" "$work/new"; then
    differ=$((differ + 1))
    echo "differs: $2 (exit $old_rc -> $new_rc)"
  fi
}
while IFS= read -r -d '' file; do
  check "$file" "$file"
done < <(find tests/fixtures ../shared/corpus/real -type f -print0 | sort -z)
n=0
for settings in tests/fixtures/exchange/*; do
  for pem in tests/fixtures/certs/*.pem; do
    n=$((n + 1))
    cat "$settings" "$pem" > "$work/joined-$n.txt"
    check "$work/joined-$n.txt" "$settings + $pem"
    cat "$pem" "$settings" > "$work/joined-$n.txt"
    check "$work/joined-$n.txt" "$pem + $settings"
    rm -f "$work/joined-$n.txt"
  done
done
echo "$inputs inputs, $differ with different reports"
[ "$differ" = 0 ]
