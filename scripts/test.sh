#!/usr/bin/env bash
# Runs every check and test of Cofund, installing what is missing first (scripts/setup.sh):
#
#   fmt      cargo fmt --all -- --check
#   clippy   cargo clippy --workspace --all-targets -- -D warnings          (native)
#   native   cargo test --workspace          core: unit, golden, property and CLI tests;
#                                            the web crate's unit tests (its pure parts)
#   wasm     cargo test -p cofund-web --target wasm32-unknown-unknown        (headless Chromium)
#   build    trunk build --release       (-> dist/; std built for size, scripts/wasm-program.sh)
#   e2e      node --test in tests/e2e         Playwright against dist/ in headless Chromium
#
#   scripts/test.sh              all stages, in that order
#   scripts/test.sh wasm e2e     only the stages named (e2e uses the dist/ already built)
#
# Every stage runs even when an earlier one failed (e2e is skipped when the build failed); the
# script ends with a summary and exits non-zero if any stage failed. Logs: target/test-logs/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ALL_STAGES=(fmt clippy native wasm build e2e)
if [ "$#" -gt 0 ]; then
  for s in "$@"; do
    case " ${ALL_STAGES[*]} " in
      *" $s "*) ;;
      *)
        echo "usage: scripts/test.sh [${ALL_STAGES[*]// /|}]..." >&2
        exit 2
        ;;
    esac
  done
  STAGES=("$@")
else
  STAGES=("${ALL_STAGES[@]}")
fi
wanted() { case " ${STAGES[*]} " in *" $1 "*) return 0 ;; *) return 1 ;; esac }

total_started=$SECONDS
echo "==> setup"
# shellcheck source=scripts/setup.sh
source scripts/setup.sh all  # (an explicit argument: else it would see ours)
# shellcheck source=scripts/wasm-program.sh
source scripts/wasm-program.sh  # with_small_std, for the release build
setup_secs=$((SECONDS - total_started))

# wasm tests run in the browser even where a test file forgot `run_in_browser`.
export WASM_BINDGEN_USE_BROWSER=1

LOG_DIR="$PWD/target/test-logs"
mkdir -p "$LOG_DIR"

summary=()   # one line per stage
failed=0
sum_passed=0
sum_failed=0
build_ok=1
last_rc=0

# Counts from a log: cargo's / wasm-bindgen-test's "test result:" lines, or node's spec summary.
count_tests() {
  local kind="$1" log="$2"
  case "$kind" in
    cargo)
      sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '
        /^test result: / {
          for (i = 1; i <= NF; i++) {
            if ($(i) ~ /^passed;?$/) p += $(i - 1)
            if ($(i) ~ /^failed;?$/) f += $(i - 1)
            if ($(i) ~ /^ignored;?$/) g += $(i - 1)
          }
          n++
        }
        END { printf "%d %d %d %d\n", p, f, g, n }'
      ;;
    node)
      sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '
        # spec reporter: "ℹ pass 3"; TAP reporter: "# pass 3".
        NF == 3 && $2 == "pass" { p = $3 } NF == 3 && $2 == "fail" { f = $3 }
        NF == 3 && $2 == "skipped" { g = $3 } NF == 3 && $2 == "tests" { n = 1 }
        END { printf "%d %d %d %d\n", p, f, g, n }'
      ;;
  esac
}

# run_stage NAME KIND(cargo|node|check) COMMAND...
run_stage() {
  local name="$1" kind="$2"
  shift 2
  local log="$LOG_DIR/$name.log" started=$SECONDS rc=0
  echo
  echo "==> $name: $*"
  set +e
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  local secs=$((SECONDS - started)) status="ok" detail=""
  [ "$rc" -eq 0 ] || status="FAILED (exit $rc)"
  if [ "$kind" != check ]; then
    local p f g n
    read -r p f g n < <(count_tests "$kind" "$log")
    sum_passed=$((sum_passed + p))
    sum_failed=$((sum_failed + f))
    detail="$p passed, $f failed"
    [ "$g" -eq 0 ] || detail+=", $g ignored/skipped"
    if [ "$n" -eq 0 ] || [ $((p + f)) -eq 0 ]; then
      detail+="  <-- NO TESTS RAN"
    fi
  fi
  [ "$rc" -eq 0 ] || failed=1
  last_rc=$rc
  summary+=("$(printf '%-7s %-18s %5ss  %s' "$name" "$status" "$secs" "$detail")")
  return 0
}

skip_stage() {
  failed=1
  summary+=("$(printf '%-7s %-18s %5s   %s' "$1" "SKIPPED" "-" "$2")")
}

if wanted fmt; then
  run_stage fmt check cargo fmt --all -- --check
fi
if wanted clippy; then
  run_stage clippy check cargo clippy --workspace --all-targets -- -D warnings
fi
if wanted native; then
  run_stage native cargo cargo test --workspace
fi
if wanted wasm; then
  run_stage wasm cargo cargo test -p cofund-web --target wasm32-unknown-unknown
fi
if wanted build; then
  run_stage build check with_small_std trunk build --release
  [ "$last_rc" -eq 0 ] || build_ok=0
fi
if wanted e2e; then
  if [ "$build_ok" -eq 0 ]; then
    skip_stage e2e "trunk build failed"
  elif [ ! -f dist/index.html ]; then
    skip_stage e2e "no dist/index.html: run the build stage"
  else
    shopt -s nullglob
    e2e_files=(tests/e2e/*.test.mjs)
    shopt -u nullglob
    if [ "${#e2e_files[@]}" -eq 0 ]; then
      skip_stage e2e "no tests/e2e/*.test.mjs  <-- NO TESTS RAN"
    else
      # One file at a time: the latency test must not share the CPU with the other files.
      run_stage e2e node node --test --test-concurrency=1 --test-reporter=spec "${e2e_files[@]}"
    fi
  fi
fi

echo
echo "==> summary (setup ${setup_secs}s, total $((SECONDS - total_started))s; logs in target/test-logs/)"
printf '  %s\n' "${summary[@]}"
if [ "$failed" -eq 0 ]; then
  echo "ALL STAGES PASSED"
else
  echo "SOME STAGES FAILED"
fi
echo "Total: $sum_passed passed, $sum_failed failed"
exit "$failed"
