#!/usr/bin/env bash
# Refresh the front-end libraries that ship inside the package, from their npm packages.
# The web app serves these files itself: nothing is fetched from a CDN at run time, so it
# works offline. Run by hand when a version changes; the result is committed.
set -euo pipefail

LEAFLET=1.9.4          # BSD-2-Clause
CHARTJS=4.6.1          # MIT
TOPOJSON_CLIENT=3.1.0  # ISC
WORLD_ATLAS=2.0.2      # ISC; Natural Earth 1:110m countries (public domain)

root="$(cd "$(dirname "$0")/.." && pwd)"
vendor="$root/src/carewatch/web/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

unpack() {  # name version -> $work/name
    (cd "$work" && npm pack --silent "$1@$2" >/dev/null)
    mkdir -p "$work/$1"
    tar xzf "$work/$1-$2.tgz" -C "$work/$1" --strip-components=1
}

rm -rf "$vendor"
mkdir -p "$vendor"/{leaflet/images,chartjs,topojson-client,world-atlas}

unpack leaflet "$LEAFLET"
cp "$work"/leaflet/dist/{leaflet.js,leaflet.css} "$work"/leaflet/LICENSE "$vendor/leaflet/"
cp "$work"/leaflet/dist/images/*.png "$vendor/leaflet/images/"

unpack chart.js "$CHARTJS"
cp "$work"/chart.js/dist/chart.umd.min.js "$vendor/chartjs/"
cp "$work"/chart.js/LICENSE.md "$vendor/chartjs/LICENSE.md"

unpack topojson-client "$TOPOJSON_CLIENT"
cp "$work"/topojson-client/dist/topojson-client.min.js "$work"/topojson-client/LICENSE \
    "$vendor/topojson-client/"

unpack world-atlas "$WORLD_ATLAS"
cp "$work"/world-atlas/countries-110m.json "$work"/world-atlas/LICENSE "$vendor/world-atlas/"

cat > "$vendor/VERSIONS" <<LIST
leaflet $LEAFLET
chart.js $CHARTJS
topojson-client $TOPOJSON_CLIENT
world-atlas $WORLD_ATLAS
LIST
echo "vendored into $vendor"
