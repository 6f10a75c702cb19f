#!/usr/bin/env bash
# Shared by the build scripts (sourced, not run): how a wasm program of the web crate is
# built for the browser, and how its JavaScript and CSS are minified.

# Release wasm programs are built with the standard library compiled from source for size
# (rust-src, installed by scripts/setup.sh), and a panic stops the program at once instead of
# formatting a message first. On wasm32-unknown-unknown that message was never shown anyway
# (std's stderr goes nowhere there and the app sets no panic hook), so nothing visible changes,
# but the code that formats it goes: -21,8 KB gzip for the app, -18,6 KB for the widget and
# -26,0 KB for the board program (BENCHMARKS.md); and the source locations a panic message
# would name are left out, as nothing prints them (-0,1 KB for the widget). These are unstable
# cargo and rustc options;
# RUSTC_BOOTSTRAP=1 lets the pinned stable toolchain (Cargo.toml rust-version) accept them, for
# these release wasm builds only: the core, its tests and the command line never see it.
# COFUND_SMALL_STD=0 builds with the prebuilt standard library instead (a larger bundle).
SMALL_STD_ENV=(
  RUSTC_BOOTSTRAP=1
  CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS=-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"
)

# with_small_std COMMAND...: runs a release build command with the settings above.
with_small_std() {
  if [ "${COFUND_SMALL_STD:-1}" = 0 ]; then
    "$@"
  else
    env "${SMALL_STD_ENV[@]}" "$@"
  fi
}

# minify_js FILE: the wasm-bindgen glue is what every visitor downloads next to the wasm;
# minified (terser, from tools/package.json) it is some 2 KB (gzip) smaller.
minify_js() {
  terser "$1" --module --compress --mangle --output "$1.min"
  mv "$1.min" "$1"
}

# shorten_imports WASM GLUE: the wasm's imports from its glue renamed `a`, `b`, … in both
# files, instead of wasm-bindgen's `__wbg_<name>_<hash>` (-5,6 KB gzip for the app; see the
# script). Release builds only: a debug build keeps the names that say what each import is.
shorten_imports() {
  node scripts/shorten-imports.mjs "$1" "$2"
}

# build_wasm_program BIN OUT PROFILE: builds the web crate's binary BIN into OUT as
# BIN.js + BIN_bg.wasm (wasm-bindgen's --target web layout), optimised for size in release.
build_wasm_program() {
  local bin="$1" out="$2" profile="$3"
  local cargo_args=(build --target wasm32-unknown-unknown -p cofund-web --bin "$bin")
  if [ "$profile" = release ]; then
    with_small_std cargo "${cargo_args[@]}" --release
  else
    cargo "${cargo_args[@]}"
  fi

  mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$profile/$bin.wasm"
  if [ "$profile" = release ]; then
    # Fresh wasm memory is zeroed and Rust never uses its first kilobyte, so binaryen may
    # rely on both (-1 KB gzip, measured). --converge repeats -Oz while the module shrinks
    # (-0,3 KB gzip for the widget and the app, about 10 s more per program; BENCHMARKS.md).
    # The producers and target_features sections name the compilers and the wasm features
    # used; no browser reads them (-0,2 KB gzip).
    wasm-opt -Oz --converge --zero-filled-memory --low-memory-unused --strip-producers --strip-target-features \
      "$out/${bin}_bg.wasm" -o "$out/${bin}_bg.wasm"
    shorten_imports "$out/${bin}_bg.wasm" "$out/$bin.js"
    minify_js "$out/$bin.js"
  fi
}

# bundle_css OUT FILE...: the files in one stylesheet, minified as Trunk minifies the app's
# own: comments gone, and the white space around { } ; , > and after : that CSS does not need
# (-0,2 KB gzip for the widget's). Quoted strings (`content: "⚠ "`) are kept as they are; the
# spaces around + and - in calc() are kept, as CSS needs them.
bundle_css() {
  local out="$1"
  shift
  mkdir -p "$(dirname "$out")"
  cat "$@" | perl -0777 -pe '
    my $string = qr/"(?:[^"\\]|\\.)*"|\x27(?:[^\x27\\]|\\.)*\x27/;
    s{($string)|/\*.*?\*/}{$1 // ""}gse;
    s{($string)|([^"\x27]+)}{
      defined $1 ? $1 : do {
        my $css = $2;
        $css =~ s/\s+/ /g;
        $css =~ s/ ?([{};,>]) ?/$1/g;
        $css =~ s/: /:/g;
        $css
      }
    }gse;
    s/;\}/}/g; s/^ //' >"$out"
}
