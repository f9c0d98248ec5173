#!/usr/bin/env bash
# The one entry point for working on Cepheus. Run `./dev.sh help` for the commands.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

PACKAGE_LIST="$ROOT/installers/debian-packages.txt"
FUZZ_SECONDS="${CEPHEUS_FUZZ_SECONDS:-10}"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf 'dev.sh: %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<'EOF'
Usage: ./dev.sh COMMAND [ARGS]

Quick start:
  ./dev.sh run            set up the machine, build, and run the local stack
  ./dev.sh test           set up, build, fuzz briefly, and run every test (ctest)

Commands:
  setup                   install the missing Debian 12 packages listed in
                          installers/debian-packages.txt (idempotent, never prompts;
                          uses sudo when not root)
  build [PRESET]          configure and build a CMake preset: dev (default; debug,
                          warnings as errors), release, asan (address + undefined
                          behaviour sanitizers), tsan, fuzz (clang + libFuzzer)
  test [PRESET]           setup, build, run each fuzzer for CEPHEUS_FUZZ_SECONDS
                          (default 10) and then every ctest test of PRESET (default dev).
                          Extra ctest arguments go after '--', e.g. ./dev.sh test -- -L unit
  run                     setup, build (release), show the rule tools and the engine's
                          speed, the studio with the running example (a screenshot
                          when there is no display), then start the local stack: mosquitto on a free port,
                          cepheus-node with the running example deployed, a feed of
                          recorded readings, and the alerts as they fire (Ctrl-C stops)
  fuzz [SECONDS]          build the fuzz preset and run every fuzzer for SECONDS each
  bench [FILTER]          build the benchmarks (release preset) and run them; cepheus-bench
                          runs each engine benchmark CEPHEUS_BENCH_REPETITIONS times (default 5),
                          interleaved, and ends with medians and best repetitions beside the baselines
  fmt                     reformat every C++ file with clang-format
  lint                    check formatting and run clang-tidy on the dev build
  help                    this text
EOF
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

wanted_packages() {
  sed -e 's/#.*//' -e 's/[[:space:]]//g' "$PACKAGE_LIST" | grep -v '^$'
}

cmd_setup() {
  local missing=()
  local pkg
  for pkg in $(wanted_packages); do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    say "setup: all $(wanted_packages | wc -l) packages are installed"
    return 0
  fi
  say "setup: installing ${#missing[@]} missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends -o Dpkg::Options::=--force-confdef \
    -o Dpkg::Options::=--force-confold "${missing[@]}"
  say "setup: done"
}

cmd_build() {
  local preset="${1:-dev}"
  say "build: preset $preset"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
}

# Runs every fuzzer of the fuzz preset for a bounded time on its corpus. A crash
# leaves its input under build/fuzz/crashes/; copy it to tests/fuzz/regressions/TARGET/
# so that every later test run replays it.
cmd_fuzz() {
  local seconds="${1:-$FUZZ_SECONDS}"
  cmd_build fuzz
  local crashes="$ROOT/build/fuzz/crashes"
  mkdir -p "$crashes"
  local fuzzer name work
  for fuzzer in "$ROOT"/build/fuzz/tests/fuzz/fuzz_*; do
    [[ -x "$fuzzer" ]] || continue
    name="$(basename "$fuzzer")"
    work="$ROOT/build/fuzz/corpus/$name"
    mkdir -p "$work"
    say "fuzz: $name for ${seconds}s"
    local dict=()
    [[ -f "$ROOT/tests/fuzz/${name#fuzz_}.dict" ]] && dict=(-dict="$ROOT/tests/fuzz/${name#fuzz_}.dict")
    if ! "$fuzzer" -max_total_time="$seconds" -print_final_stats=0 "${dict[@]}" \
        -artifact_prefix="$crashes/$name-" "$work" \
        "$ROOT/tests/fuzz/corpus/${name#fuzz_}" >"$ROOT/build/fuzz/$name.log" 2>&1; then
      tail -n 40 "$ROOT/build/fuzz/$name.log" >&2
      die "fuzz: $name found a crash; its input is in $crashes"
    fi
    grep -E '^#[0-9]+.*DONE' "$ROOT/build/fuzz/$name.log" | tail -n 1 || true
  done
}

cmd_test() {
  local preset="dev"
  if [[ $# -gt 0 && "$1" != "--" ]]; then preset="$1"; shift; fi
  [[ "${1:-}" == "--" ]] && shift
  cmd_setup
  cmd_fuzz "$FUZZ_SECONDS"
  cmd_build "$preset"
  say "test: ctest --preset $preset $*"
  ctest --preset "$preset" "$@"
}

cmd_run() {
  cmd_setup
  cmd_build release
  local bin="$ROOT/build/release/runtime/cli/cepheus"
  local schema="device: string, temp: double, vibration: double?, ts: timestamp"
  say "run: checking the template projects (cepheus check templates)"
  "$bin" check "$ROOT/templates" && echo "templates: no problems"
  say "run: the execution plan of templates/predictive-maintenance (cepheus explain)"
  "$bin" explain "$ROOT/templates/predictive-maintenance"
  say "run: rules with mistakes: every problem, with its place and a hint"
  "$bin" check "$ROOT/tests/rules/check/type_mismatch.cep" || true
  "$bin" check "$ROOT/tests/rules/check/pattern_checks.cep" || true
  say "run: replaying events through a project: alerts as JSON lines (cepheus run --replay)"
  "$bin" run "$ROOT/tests/data/limits-project" --replay "$ROOT/tests/data/limits-project/replay.jsonl" || true
  say "run: the running example: ten minutes of three presses, one overheats (patterns, windows, twins)"
  "$bin" run "$ROOT/templates/predictive-maintenance" \
    --replay "$ROOT/templates/predictive-maintenance/data/replay.jsonl"
  say "run: decoding recordings of the running example (cepheus decode)"
  "$bin" decode --schema "$schema" --time-field ts "$ROOT/tests/data/readings.csv"
  "$bin" decode --schema "$schema" --time-field ts "$ROOT/tests/data/readings-with-errors.jsonl" || true
  say "run: throughput of the rule compiler and the event decoders"
  "$ROOT/build/release/tests/bench/dsl_bench" --benchmark_filter='ParseCheckCompile'
  "$ROOT/build/release/tests/bench/core_bench" --benchmark_filter='Decode'
  "$ROOT/build/release/tests/bench/cepheus-bench" --benchmark_filter='Filter|Pattern'
  run_studio
  run_stack
}

# A loopback port nothing listens on.
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

# The studio with the running example: a window when there is a display, else a
# screenshot drawn offscreen (the same picture the studio's tests check).
run_studio() {
  local studio="$ROOT/build/release/studio/cepheus-studio" copy
  copy="$(mktemp -d)/predictive-maintenance"
  cp -r "$ROOT/templates/predictive-maintenance" "$copy"
  if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && -z "${CI:-}" ]]; then
    say "run: the studio with a copy of the running example ($copy); close it to go on"
    "$studio" "$copy" --select overheating || true
  else
    say "run: the studio, offscreen (no display): a screenshot of the running example"
    QT_QPA_PLATFORM=offscreen "$studio" "$copy" --select overheating --screenshot "$ROOT/build/release/studio.png"
    echo "open $ROOT/build/release/studio.png to see it; on a desktop: $studio $copy"
  fi
}

# The local stack: mosquitto, a node with the running example deployed, a feed of
# its recorded presses, and the alerts as they fire. Runs until Ctrl-C (or for
# CEPHEUS_RUN_SECONDS seconds).
run_stack() {
  local bin="$ROOT/build/release/runtime/cli/cepheus" node="$ROOT/build/release/runtime/node/cepheus-node"
  local dir broker_port api_port token
  # Globals, so that the EXIT trap still sees them after this function returns.
  STACK_PIDS=()
  STACK_DIR="$(mktemp -d)"
  dir="$STACK_DIR"
  broker_port="$(free_port)"
  api_port="$(free_port)"
  token="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  stop_stack() {
    local pid
    for pid in "${STACK_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${STACK_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$STACK_DIR"
  }
  trap stop_stack EXIT
  trap 'exit 0' INT TERM
  say "run: the local stack: mosquitto on 127.0.0.1:$broker_port, cepheus-node on 127.0.0.1:$api_port"
  printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$broker_port" >"$dir/broker.conf"
  mosquitto -c "$dir/broker.conf" >"$dir/broker.log" 2>&1 &
  STACK_PIDS+=($!)
  "$node" --data-dir "$dir/node" --listen "127.0.0.1:$api_port" --mqtt "tcp://127.0.0.1:$broker_port" \
    --token "$token" >"$dir/node.log" 2>&1 &
  STACK_PIDS+=($!)
  export CEPHEUS_NODE="http://127.0.0.1:$api_port" CEPHEUS_TOKEN="$token"
  local tries=0
  until "$bin" status >/dev/null 2>&1 && grep -q "broker connected" "$dir/node.log"; do
    tries=$((tries + 1))
    [[ $tries -le 100 ]] || { cat "$dir/node.log" >&2; die "run: the node did not start"; }
    sleep 0.1
  done
  "$bin" deploy "$ROOT/templates/predictive-maintenance" --name maintenance
  say "run: alerts as they fire (cepheus tail --alerts)"
  "$bin" tail --alerts &
  STACK_PIDS+=($!)
  sleep 0.5
  say "run: feeding three presses' readings over MQTT (tests/data/predictive-maintenance-live.tsv)"
  local topic payload
  while IFS=$'\t' read -r topic payload; do
    mosquitto_pub -h 127.0.0.1 -p "$broker_port" -q 1 -t "$topic" -m "$payload"
    sleep 0.03
  done <"$ROOT/tests/data/predictive-maintenance-live.tsv"
  sleep 1
  "$bin" status maintenance
  say "run: the stack runs on. In another shell:"
  echo "  export CEPHEUS_NODE=$CEPHEUS_NODE CEPHEUS_TOKEN=$CEPHEUS_TOKEN"
  echo "  $bin status | alerts | tail --alerts"
  echo "  mosquitto_pub -h 127.0.0.1 -p $broker_port -t plant/north/press-01/readings -m '{\"temp\": 91, \"ts\": \"2026-11-20T09:00:00Z\"}'"
  say "Ctrl-C stops it. Next: ./dev.sh test runs every test; ./dev.sh help lists the other commands"
  if [[ -n "${CEPHEUS_RUN_SECONDS:-}" ]]; then sleep "$CEPHEUS_RUN_SECONDS"; else while true; do sleep 3600; done; fi
}

cmd_bench() {
  # Only the benchmarks: the rest of the release tree is not needed to measure.
  say "build: preset release (the benchmarks)"
  cmake --preset release >/dev/null
  cmake --build --preset release --target core_bench dsl_bench cepheus_bench
  local filter="${1:-.}"
  local bench
  for bench in "$ROOT"/build/release/tests/bench/*_bench; do
    say "bench: $(basename "$bench")"
    "$bench" --benchmark_filter="$filter"
  done
  # The engine's figures, repeated and interleaved: its closing table gives medians and best repetitions.
  local repetitions="${CEPHEUS_BENCH_REPETITIONS:-5}"
  say "bench: cepheus-bench ($repetitions repetitions, interleaved)"
  "$ROOT/build/release/tests/bench/cepheus-bench" --benchmark_filter="$filter" \
    --benchmark_repetitions="$repetitions" --benchmark_enable_random_interleaving=true
}

cpp_files() {
  git ls-files --cached --others --exclude-standard -- '*.cpp' '*.h' | grep -v '^build/'
}

cmd_fmt() {
  cpp_files | xargs -r clang-format -i
  say "fmt: formatted $(cpp_files | wc -l) files"
}

cmd_lint() {
  say "lint: clang-format check"
  cpp_files | xargs -r clang-format --dry-run --Werror
  cmake --preset dev >/dev/null
  say "lint: clang-tidy"
  cpp_files | grep '\.cpp$' | grep -v '^tests/fuzz/' |
    xargs -r -P "$(nproc)" -n 8 clang-tidy -p build/dev --quiet
}

main() {
  local command="${1:-help}"
  [[ $# -gt 0 ]] && shift
  case "$command" in
    setup) cmd_setup "$@" ;;
    build) cmd_build "$@" ;;
    test) cmd_test "$@" ;;
    run) cmd_run "$@" ;;
    fuzz) cmd_fuzz "$@" ;;
    bench) cmd_bench "$@" ;;
    fmt) cmd_fmt "$@" ;;
    lint) cmd_lint "$@" ;;
    help | -h | --help) usage ;;
    *) usage >&2; die "unknown command '$command'" ;;
  esac
}

main "$@"
