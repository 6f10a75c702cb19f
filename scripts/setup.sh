#!/usr/bin/env bash
# Installs what building, serving and testing Cofund needs, and only what is missing or at the
# wrong version, so a second run takes seconds. Safe to run again at any time.
#
#   scripts/setup.sh            everything (used by scripts/test.sh)
#   scripts/setup.sh serve      only what `trunk serve` needs (used by scripts/serve.sh)
#   scripts/setup.sh all        the same as no argument
#
# The other scripts source it (`source scripts/setup.sh [serve]`) so that the PATH and variables
# it exports stay in their shell. It sets -euo pipefail and exits on error: source it from
# scripts, not from an interactive shell.
#
# Tools and where they come from (registries only; nothing is downloaded from anywhere else):
#   wasm32-unknown-unknown   rustup
#   rustfmt, clippy          rustup components
#   rust-src                 rustup component (release wasm builds compile std for size)
#   wasm-bindgen-cli         crates.io, at the version of the wasm-bindgen crate in Cargo.lock
#   trunk 0.21.14            crates.io
#   wasm-opt (binaryen 132)  npm, into tools/node_modules (tools/package-lock.json)
#   terser                   npm, the same (minifies the embeddable widget's JavaScript)
#   chromium, chromedriver   Debian apt
#   playwright-core          npm, into tests/e2e/node_modules (tests/e2e/package-lock.json)
#   soffice (LibreOffice)    Debian apt, libreoffice-calc-nogui (tests/xlsx.rs recalculates workbooks)
set -euo pipefail

COFUND_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export COFUND_ROOT

TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
WASM_TARGET="wasm32-unknown-unknown"

setup_profile="${1:-all}"
case "$setup_profile" in
  all | serve) ;;
  *)
    echo "usage: scripts/setup.sh [serve]" >&2
    exit 2
    ;;
esac

say() { printf 'setup: %s\n' "$*"; }
die() {
  printf 'setup: ERROR: %s\n' "$*" >&2
  exit 1
}

# Tools installed by cargo and by npm (repo-local) come first on PATH.
export PATH="$COFUND_ROOT/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Trunk must never reach out for a newer version of itself or for tools.
export TRUNK_SKIP_VERSION_CHECK=true

# Run as root directly, otherwise through sudo (non-interactively) when it is there.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    die "need root to run: $*"
  fi
}

# The first line of `CMD --version`, or nothing when CMD is missing or fails.
version_of() {
  "$@" --version 2>/dev/null | head -n 1 || true
}

setup_started=$SECONDS

# --- Rust: wasm target and the rustfmt/clippy components -------------------------------------
command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup first (https://rustup.rs)"
if ! rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
  say "adding rust target $WASM_TARGET"
  rustup target add "$WASM_TARGET"
fi
# The standard library's source: release wasm builds compile std for size (scripts/wasm-program.sh).
if ! rustup component list --installed 2>/dev/null | grep -qx "rust-src"; then
  say "adding rust component rust-src"
  rustup component add rust-src
fi
if [ "$setup_profile" = all ]; then
  missing_components=()
  cargo fmt --version >/dev/null 2>&1 || missing_components+=(rustfmt)
  cargo clippy --version >/dev/null 2>&1 || missing_components+=(clippy)
  if [ "${#missing_components[@]}" -gt 0 ]; then
    say "adding rust components ${missing_components[*]}"
    rustup component add "${missing_components[@]}"
  fi
fi

# --- wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock ----------
if [ ! -f "$COFUND_ROOT/Cargo.lock" ]; then
  say "no Cargo.lock yet: generating it"
  (cd "$COFUND_ROOT" && cargo generate-lockfile)
fi
WASM_BINDGEN_VERSION="$(awk '
  $0 == "name = \"wasm-bindgen\"" { found = 1; next }
  found && /^version = / { gsub(/"/, "", $3); print $3; exit }
' "$COFUND_ROOT/Cargo.lock")"
[ -n "$WASM_BINDGEN_VERSION" ] || die "no wasm-bindgen crate in Cargo.lock"
export WASM_BINDGEN_VERSION
trunk_toml_bindgen="$(sed -n 's/^wasm_bindgen *= *"\([^"]*\)".*/\1/p' "$COFUND_ROOT/Trunk.toml")"
if [ "$trunk_toml_bindgen" != "$WASM_BINDGEN_VERSION" ]; then
  die "Trunk.toml [tools] wasm_bindgen = \"$trunk_toml_bindgen\" but Cargo.lock has wasm-bindgen $WASM_BINDGEN_VERSION: make them equal"
fi
if [ "$(version_of wasm-bindgen)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] ||
  [ "$(version_of wasm-bindgen-test-runner)" != "wasm-bindgen-test-runner $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo install, a few minutes)"
  # Not --locked: the lock file shipped with some versions pins a yanked dependency.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# --- trunk ----------------------------------------------------------------------------------
if [ "$(version_of trunk)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (cargo install, ~8 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# --- npm packages: only when node_modules is missing or older than the lock ------------------
npm_ci_if_stale() {
  local dir="$1"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
    [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js 20 or newer"
    say "npm ci in ${dir#"$COFUND_ROOT"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# --- wasm-opt (binaryen) from npm, repo-local ------------------------------------------------
npm_ci_if_stale "$COFUND_ROOT/tools"
case "$(version_of wasm-opt)" in
  "wasm-opt version $BINARYEN_VERSION "*) ;;
  *) die "wasm-opt on PATH is '$(version_of wasm-opt)', expected version $BINARYEN_VERSION (tools/node_modules/.bin)" ;;
esac

if [ "$setup_profile" = all ]; then
  # --- Chromium and chromedriver from Debian ---------------------------------------------------
  chromium_version="$(version_of chromium | awk '{print $2}')"
  chromedriver_version="$(version_of chromedriver | awk '{print $2}')"
  if [ -z "$chromium_version" ] || [ "$chromium_version" != "$chromedriver_version" ]; then
    command -v apt-get >/dev/null 2>&1 ||
      die "chromium '$chromium_version' / chromedriver '$chromedriver_version' missing or mismatched, and no apt-get to install them"
    say "installing chromium and chromium-driver (apt)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      chromium chromium-driver >/dev/null
    chromium_version="$(version_of chromium | awk '{print $2}')"
    chromedriver_version="$(version_of chromedriver | awk '{print $2}')"
    if [ -z "$chromium_version" ] || [ "$chromium_version" != "$chromedriver_version" ]; then
      die "chromium '$chromium_version' and chromedriver '$chromedriver_version' after install"
    fi
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
  export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"

  # --- Playwright (playwright-core only: it drives the system Chromium) ------------------------
  npm_ci_if_stale "$COFUND_ROOT/tests/e2e"
fi

if [ "$setup_profile" = all ]; then
  # --- LibreOffice Calc, headless, from Debian (tests/xlsx.rs) --------------------------------
  # The .xlsx export's tests let a real spreadsheet engine recalculate the workbook. Without
  # soffice they would be skipped; COFUND_SOFFICE makes them mandatory for scripts/test.sh.
  # About 40 s to install (~190 MB) on a fresh machine; nothing when soffice already runs.
  if ! soffice --version >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 || die "soffice (LibreOffice) missing, and no apt-get to install it"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    libreoffice_package=libreoffice-calc-nogui
    if ! apt-cache show "$libreoffice_package" >/dev/null 2>&1; then
      libreoffice_package=libreoffice-calc
    fi
    say "installing $libreoffice_package (apt, about 40 s)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "$libreoffice_package" >/dev/null
    soffice --version >/dev/null 2>&1 || die "soffice does not run after installing $libreoffice_package"
  fi
  export COFUND_SOFFICE="${COFUND_SOFFICE:-$(command -v soffice)}"
fi

say "ready in $((SECONDS - setup_started)) s: $(version_of rustc), wasm-bindgen $WASM_BINDGEN_VERSION, $(version_of trunk), $(version_of wasm-opt)${chromium_version:+, chromium $chromium_version}"
