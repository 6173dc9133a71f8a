#!/usr/bin/env bash
# Builds a small git repository for `otasim gate` to check: otasim's reference updater on the
# board, and two releases of the reference app. otasim's own workflows gate it on every change
# (.github/workflows/gate.yml) and on every release (release.yml), the way a user's repository is
# gated; README.md, "Pre-release gate", describes the layout it follows.
#
#   examples/gate-repo.sh DIR     # DIR must not exist; prints nothing but errors
set -euo pipefail
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/../python-src" && pwd)"
dir="${1:?usage: examples/gate-repo.sh DIR (a folder that does not exist yet)}"
if [ -e "$dir" ]; then
  echo "gate-repo.sh: $dir exists; name a new folder" >&2
  exit 2
fi
mkdir -p "$dir/board" "$dir/main/lib"
cd "$dir"
git init -q -b main .
git config user.name "otasim example"
git config user.email "example@otasim.invalid"

# The board: the reference updater and its entry point, following this example repository.
cp "$src/main.py" "$src/ota_updater.py" board/
printf '{"repo": "example/app", "ssid": "home", "password": "secret"}\n' >board/ota_config.json
cp "$src/main/app.py" main/app.py
printf "GREETING = 'hello'\n" >main/lib/greeting.py
git add -A && git commit -q -m "v1.0.0" && git tag v1.0.0

# The candidate: the app gains a file and changes another.
printf "GREETING = 'hello from v1.1.0'\n" >main/lib/greeting.py
printf "UNITS = 'C'\n" >main/lib/units.py
git add -A && git commit -q -m "v1.1.0" && git tag v1.1.0
