#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml [[hooks]]): runs in Trunk's staging folder before it
# becomes dist/.
#  1. minifies the app's wasm-bindgen glue in release builds (Trunk minifies CSS and HTML
#     but leaves that file as wasm-bindgen wrote it: 44 KB, about 2 KB gzip to gain);
#  2. builds the embeddable widget into embed/ (scripts/build-embed.sh), same profile.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

staging="${TRUNK_STAGING_DIR:?run by trunk (TRUNK_STAGING_DIR is not set)}"
if [ "${TRUNK_PROFILE:-debug}" = release ]; then
  terser "$staging/cofund-web.js" --module --compress --mangle --output "$staging/cofund-web.min.js"
  mv "$staging/cofund-web.min.js" "$staging/cofund-web.js"
fi
exec bash scripts/build-embed.sh "$staging/embed" "${TRUNK_PROFILE:-debug}"
