#!/usr/bin/env bash
# Builds the web app and serves it on http://127.0.0.1:8080 with trunk, rebuilding and
# reloading the page when a source file changes. Extra arguments go to `trunk serve`
# (e.g. `scripts/serve.sh --release`, `scripts/serve.sh --port 8081`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/setup.sh
source scripts/setup.sh serve

echo "serve: building, then serving on http://127.0.0.1:8080 (Ctrl-C stops)"
case " $* " in
  *" --release"*)
    # A release build as CI makes it: std built for size (scripts/wasm-program.sh).
    # shellcheck source=scripts/wasm-program.sh
    source scripts/wasm-program.sh
    with_small_std trunk serve "$@"
    ;;
  *) exec trunk serve "$@" ;;
esac
