#!/usr/bin/env bash
# Builds the embeddable widget (web/src/bin/cofund-embed.rs) into one folder a host can
# serve as it is: cofund.js (the loader), cofund-embed.js + cofund-embed_bg.wasm, the
# widget's stylesheet cofund-embed.css, the iframe page embed.html and the host helper
# cofund-host.js. File names carry no hash: host pages link to them.
#
#   scripts/build-embed.sh [OUT] [release|debug]
#
# Trunk runs it after every build (Trunk.toml [[hooks]]), into its staging folder's embed/,
# with Trunk's profile; by hand it defaults to dist/embed and release.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

out="${1:-${TRUNK_STAGING_DIR:+$TRUNK_STAGING_DIR/embed}}"
out="${out:-dist/embed}"
profile="${2:-${TRUNK_PROFILE:-release}}"

# shellcheck source=scripts/wasm-program.sh
source scripts/wasm-program.sh
build_wasm_program cofund-embed "$out" "$profile"

# The widget's stylesheet: the shared widget styles plus the embed's own, comments and
# indentation removed (it is what every visitor downloads).
bundle_css "$out/cofund-embed.css" styles/app.css styles/results.css styles/embed.css
# Inside a shadow root `rem` is still the host page's root font size, which many pages set
# to 10px; every `Nrem` becomes `N` times `--cofund-rem`, the reader's default font size that
# the widget sets on its container (web/src/embed/mount.rs), with `rem` as the fallback (the
# iframe page leaves its root alone). Media queries keep `rem`: there it already means the
# default size. A container query's `rem` would be the page's again, and `var()` cannot stand
# in a query, so it becomes `em`, the container's own font size, which is that default.
perl -0777 -pi -e 's#(\@(media|container)[^{]*)|(?<![\w.-])(-?\d*\.?\d+)rem\b#
    defined $1 ? ($2 eq "container" ? $1 =~ s/rem\b/em/gr : $1)
               : "calc($3*var(--cofund-rem,1rem))" #ge' "$out/cofund-embed.css"

cp web/embed/cofund.js web/embed/cofund-host.js web/embed/embed.html web/embed/embed-page.css \
  styles/favicon.svg "$out/"
# The two scripts host pages load are shipped without their comments (they explain, in the
# source, why the loader does what it does), and so are the iframe page and its stylesheet
# (-0,3 KB gzip of the widget's download).
if [ "$profile" = release ]; then
  minify_js "$out/cofund.js"
  minify_js "$out/cofund-host.js"
  perl -0777 -pi -e 's/\s*<!--.*?-->//gs' "$out/embed.html"
  bundle_css "$out/embed-page.css" web/embed/embed-page.css
fi
echo "build-embed: $profile widget in $out"
