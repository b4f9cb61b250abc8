#!/usr/bin/env bash
# Headless-browser check of the `mtlint serve` page: loads it in Chromium (installed from Debian's
# packages when missing), pastes seed 001, checks the highlights, applies a suggestion and saves a
# screenshot to docs/serve-screenshot.png.
#
#   scripts/check-page.sh [-- extra mtlint serve arguments, e.g. --rules-dir DIR]
#
# Environment: MTLINT=path/to/mtlint to skip the build; SCRATCH=.build-dir for `swift build --scratch-path`;
# SCREENSHOT=path to save the screenshot elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    echo "installing chromium from Debian's packages…" >&2
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

if [ -z "${MTLINT:-}" ]; then
    build=(swift build --product mtlint)
    if [ -n "${SCRATCH:-}" ]; then build+=(--scratch-path "$SCRATCH"); fi
    "${build[@]}" >&2
    MTLINT="$("${build[@]}" --show-bin-path)/mtlint"
fi

[ "${1:-}" = "--" ] && shift
exec python3 scripts/check_page.py --mtlint "$MTLINT" \
    --sample Samples/001_b5bab90b79fe114e.txt \
    --screenshot "${SCREENSHOT:-docs/serve-screenshot.png}" -- "$@"
