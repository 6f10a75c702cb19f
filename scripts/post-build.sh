#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml [[hooks]]): runs in Trunk's staging folder before it
# becomes dist/, with Trunk's profile.
#  1. minifies the app's wasm-bindgen glue and its snippets (web/board-loader.js) in release
#     builds (Trunk minifies CSS and HTML but leaves those as they are: about 2 KB gzip);
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
  for js in "$staging/cofund-web.js" "$staging"/snippets/*/*.js; do
    minify_js "$js"
  done
fi
build_wasm_program cofund-board "$staging/board" "$profile"
bundle_css "$staging/board/cofund-board.css" styles/board.css styles/analysis.css
exec bash scripts/build-embed.sh "$staging/embed" "$profile"
