#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml [[hooks]]): runs in Trunk's staging folder before it
# becomes dist/, with Trunk's profile.
#  1. in release builds, gives the app's wasm imports short names (scripts/shorten-imports.mjs)
#     and minifies its wasm-bindgen glue and snippets (web/board-loader.js): Trunk minifies
#     CSS and HTML but leaves those as they are (about 2 KB gzip);
#  2. builds the board views' program and its stylesheet into board/, which the app
#     fetches when a board view or the embed dialog is first opened (web/board-loader.js);
#  3. builds the embeddable widget into embed/ (scripts/build-embed.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/wasm-program.sh
source scripts/wasm-program.sh

staging="${TRUNK_STAGING_DIR:?run by trunk (TRUNK_STAGING_DIR is not set)}"
profile="${TRUNK_PROFILE:-debug}"
shopt -s nullglob
if [ "$profile" = release ]; then
  shorten_imports "$staging/cofund-web_bg.wasm" "$staging/cofund-web.js"
  for js in "$staging/cofund-web.js" "$staging"/snippets/*/*.js; do
    minify_js "$js"
  done
fi
build_wasm_program cofund-board "$staging/board" "$profile"
bundle_css "$staging/board/cofund-board.css" styles/board.css styles/analysis.css
exec bash scripts/build-embed.sh "$staging/embed" "$profile"
