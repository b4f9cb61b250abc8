#!/usr/bin/env bash
# Runs mtlint-bench with codespell beside it (installed with pip when missing), on a release build.
#
#   scripts/bench.sh [mtlint-bench arguments, e.g. --mb 20 --only pipeline,families]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v codespell >/dev/null 2>&1; then
    echo "installing codespell with pip (the comparison column)…" >&2
    python3 -m pip install --quiet codespell >&2 || echo "codespell could not be installed; its column is skipped" >&2
fi
swift build -c release --product mtlint >&2
swift build -c release --product mtlint-bench >&2
exec .build/release/mtlint-bench "$@"
