#!/usr/bin/env bash
# scripts/icons.sh: renders the app icons (PNG, for the web app manifest)
# from assets/icon.svg with headless Chromium. Run after changing the SVG;
# the PNGs are checked in.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
render() { # size padding-percent out
  local size=$1 out=$3 inner=$(( $1 * (100 - 2 * $2) / 100 ))
  cat >"$tmp/icon.html" <<HTML
<!doctype html><html><body style="margin:0;background:${4:-transparent}">
<div style="width:${size}px;height:${size}px;display:grid;place-items:center;background:${4:-transparent}">
<img src="file://$PWD/assets/icon.svg" width="$inner" height="$inner"></div></body></html>
HTML
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$tmp/profile" --hide-scrollbars \
    --default-background-color=00000000 --window-size="$size,$size" \
    --screenshot="$PWD/$out" "file://$tmp/icon.html" 2>/dev/null
}
render 192 0 assets/icons/icon-192.png
render 512 0 assets/icons/icon-512.png
render 512 10 assets/icons/icon-maskable-512.png '#0b3d91'
render 180 0 assets/icons/apple-touch-icon.png
ls -l assets/icons
