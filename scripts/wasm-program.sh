#!/usr/bin/env bash
# Shared by the build scripts (sourced, not run): how a wasm program of the web crate is
# built for the browser, and how its JavaScript and CSS are minified.

# minify_js FILE: the wasm-bindgen glue is what every visitor downloads next to the wasm;
# minified (terser, from tools/package.json) it is some 2 KB (gzip) smaller.
minify_js() {
  terser "$1" --module --compress --mangle --output "$1.min"
  mv "$1.min" "$1"
}

# build_wasm_program BIN OUT PROFILE: builds the web crate's binary BIN into OUT as
# BIN.js + BIN_bg.wasm (wasm-bindgen's --target web layout), optimised for size in release.
build_wasm_program() {
  local bin="$1" out="$2" profile="$3"
  local cargo_args=(build --target wasm32-unknown-unknown -p cofund-web --bin "$bin")
  [ "$profile" = release ] && cargo_args+=(--release)
  cargo "${cargo_args[@]}"

  mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" \
    "target/wasm32-unknown-unknown/$profile/$bin.wasm"
  if [ "$profile" = release ]; then
    # Fresh wasm memory is zeroed and Rust never uses its first kilobyte, so binaryen may
    # rely on both (-1 KB gzip, measured).
    wasm-opt -Oz --zero-filled-memory --low-memory-unused "$out/${bin}_bg.wasm" -o "$out/${bin}_bg.wasm"
    minify_js "$out/$bin.js"
  fi
}

# bundle_css OUT FILE...: the files in one stylesheet, comments and indentation removed (what
# Trunk's minifier does for the app's own stylesheets).
bundle_css() {
  local out="$1"
  shift
  mkdir -p "$(dirname "$out")"
  cat "$@" | perl -0777 -pe 's{/\*.*?\*/}{}gs; s/[ \t]*\n[ \t]*/\n/g; s/\n+/\n/g; s/^\n//' >"$out"
}
