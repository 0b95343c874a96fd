#!/usr/bin/env bash
# The labellint GitHub Action (action.yml) passes its inputs here as INPUT_* variables.
# One run with --reporter github writes the annotations (standard output) and the job
# summary ($GITHUB_STEP_SUMMARY); a second writes the SARIF report that action.yml
# uploads; the counts and file go to $GITHUB_OUTPUT. Only the variables GitHub
# provides are read, so a test runs this script as it is.
set -uo pipefail
shopt -s globstar 2>/dev/null || true

action_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
outputs="${GITHUB_OUTPUT:-/dev/null}"
temp_root="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
temp="$(mktemp -d "$temp_root/labellint-action.XXXXXX")"
trap 'rm -rf "$temp"' EXIT

# A problem with the action's own inputs: an annotation, exit code 2 as labellint's usage errors.
usage_error() {
  echo "::error title=labellint::$1"
  echo "exit-code=2" >>"$outputs"
  exit 2
}

cd "${GITHUB_WORKSPACE:-.}" && cd "${INPUT_WORKING_DIRECTORY:-.}" \
  || usage_error "working-directory '${INPUT_WORKING_DIRECTORY:-.}' not found in ${GITHUB_WORKSPACE:-.}"

# How labellint runs: the given command, or this action's version from the registry.
if [ -n "${INPUT_COMMAND:-}" ]; then
  read -ra labellint <<<"$INPUT_COMMAND"
else
  version="${INPUT_VERSION:-}"
  if [ -z "$version" ]; then
    version="$(sed -n 's/^  "version": "\([^"]*\)",\{0,1\}$/\1/p' "$action_root/package.json")"
  fi
  labellint=(npx --yes "labellint@${version:-latest}")
fi

# Paths split on whitespace; a word with a glob character is expanded and must match something.
paths=()
set -f
words=(${INPUT_PATHS:-})
set +f
for word in ${words[@]+"${words[@]}"}; do
  case "$word" in
    *[*?[]*)
      shopt -s nullglob
      matches=($word)
      shopt -u nullglob
      [ ${#matches[@]} -gt 0 ] || usage_error "paths: '$word' matches no file in $(pwd)"
      paths+=("${matches[@]}")
      ;;
    *) paths+=("$word") ;;
  esac
done
set -f
args=(${INPUT_ARGS:-})
set +f

fail_on="${INPUT_FAIL_ON:-error}"
strict=()
case "$fail_on" in
  error | never) ;;
  warning) strict=(--max-warnings 0) ;;
  *) usage_error "fail-on must be error, warning or never, got '$fail_on'" ;;
esac

is_true() {
  case "$1" in
    true | True | TRUE | yes | 1) return 0 ;;
    false | False | FALSE | no | 0 | "") return 1 ;;
    *) usage_error "$2 must be true or false, got '$1'" ;;
  esac
}

summary_env=()
is_true "${INPUT_STEP_SUMMARY:-true}" step-summary || summary_env=(-u GITHUB_STEP_SUMMARY)

# 1. Annotations and the job summary.
env ${summary_env[@]+"${summary_env[@]}"} "${labellint[@]}" check ${paths[@]+"${paths[@]}"} ${args[@]+"${args[@]}"} \
  ${strict[@]+"${strict[@]}"} --reporter github >"$temp/github.txt" 2>"$temp/stderr.txt"
status=$?
cat "$temp/github.txt"
cat "$temp/stderr.txt" >&2

# The reporter's last line: "labellint: 10 errors, 8 warnings in 1 file" or "labellint: no problems in 2 files".
errors=""
warnings=""
last="$(grep '^labellint: ' "$temp/github.txt" | tail -n 1 | tr -d ',')"
if [[ "$last" =~ ^labellint:\ ([0-9]+)\ errors?\ ([0-9]+)\ warnings?\ in ]]; then
  errors="${BASH_REMATCH[1]}"
  warnings="${BASH_REMATCH[2]}"
elif [[ "$last" =~ ^labellint:\ no\ problems ]]; then
  errors=0
  warnings=0
fi

if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
  # Fatal (2: bad usage, an unreadable file, an invalid config) or labellint did not start: say why on the run page.
  reason="$(grep -v '^npm ' "$temp/stderr.txt" | grep . | tail -n 1)"
  echo "::error title=labellint::${reason:-labellint exited with code $status}"
fi

# 2. The SARIF report for code scanning (action.yml uploads it when sarif-file is set).
sarif_written=""
if is_true "${INPUT_SARIF:-true}" sarif && { [ "$status" -eq 0 ] || [ "$status" -eq 1 ]; }; then
  sarif_file="${INPUT_SARIF_FILE:-$temp_root/labellint.sarif}"
  case "$sarif_file" in /*) ;; *) sarif_file="$(pwd)/$sarif_file" ;; esac
  if "${labellint[@]}" check ${paths[@]+"${paths[@]}"} ${args[@]+"${args[@]}"} --reporter sarif --output "$sarif_file" 2>"$temp/sarif-stderr.txt" \
    || [ $? -eq 1 ]; then
    sarif_written="$sarif_file"
  else
    echo "::warning title=labellint::no SARIF report: $(tail -n 1 "$temp/sarif-stderr.txt")"
  fi
fi

{
  echo "exit-code=$status"
  echo "errors=$errors"
  echo "warnings=$warnings"
  echo "sarif-file=$sarif_written"
} >>"$outputs"

case "$status" in
  0) exit 0 ;;
  1) [ "$fail_on" = never ] && exit 0 || exit 1 ;;
  *) exit "$status" ;;
esac
