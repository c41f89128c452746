#!/usr/bin/env bash
# Copies the built DKFDS files from npm into static/vendor/dkfds (no build step; MIT/OFL).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules/dkfds/dist ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
dest=static/vendor/dkfds
rm -rf "$dest"
mkdir -p "$dest/fonts/IBMPlexSans"
cp -r node_modules/dkfds/dist/css node_modules/dkfds/dist/js node_modules/dkfds/dist/img "$dest/"
cp -r node_modules/dkfds/dist/fonts/IBMPlexSans/complete "$dest/fonts/IBMPlexSans/"
cp node_modules/dkfds/dist/LICENSE.md "$dest/"
