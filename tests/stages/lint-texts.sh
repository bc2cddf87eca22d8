#!/usr/bin/env bash
# Text lint stage: every user-facing string (extension _locales, the catalog's texts, the host's
# message tables) against tests/lint/text-rules.json: French spacing and quotation marks, one
# register per language, apostrophes, length limits, no English left in other languages, every
# key in every language, placeholders, no repository path or command a user cannot run.
# tests/js/lint-texts.test.mjs proves each rule fails on a planted mistake.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
node "$ROOT/tests/lint/texts.mjs" "$ROOT"
