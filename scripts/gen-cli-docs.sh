#!/usr/bin/env bash
# Generate the command line's man page and shell completions from its clap
# definition (`msstd-check --generate ...`; clap_mangen and clap_complete),
# never kept by hand:
#
#   dist/man/msstd-check.1
#   dist/completions/msstd-check.bash, _msstd-check (zsh), msstd-check.fish
#
# Uses target/release/msstd-check (built if missing), or the binary in
# $MSSTD_CHECK; writes under $OUT (default dist).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
out="${OUT:-dist}"
bin="${MSSTD_CHECK:-}"
if [ -z "$bin" ]; then
  cargo build --release --locked --quiet --bin msstd-check
  bin=target/release/msstd-check
fi

mkdir -p "$out/man" "$out/completions"
"$bin" --generate man >"$out/man/msstd-check.1"
"$bin" --generate complete-bash >"$out/completions/msstd-check.bash"
"$bin" --generate complete-zsh >"$out/completions/_msstd-check"
"$bin" --generate complete-fish >"$out/completions/msstd-check.fish"
for f in "$out/man/msstd-check.1" "$out/completions/"*; do
  echo "wrote $f: $(stat -c %s "$f") bytes"
done
cat <<EOT
Install them, e.g.:
  man page:  sudo install -Dm644 $out/man/msstd-check.1 /usr/local/share/man/man1/msstd-check.1
  bash:      install -Dm644 $out/completions/msstd-check.bash ~/.local/share/bash-completion/completions/msstd-check
  zsh:       install -Dm644 $out/completions/_msstd-check ~/.zfunc/_msstd-check   (with fpath+=(~/.zfunc))
  fish:      install -Dm644 $out/completions/msstd-check.fish ~/.config/fish/completions/msstd-check.fish
EOT
