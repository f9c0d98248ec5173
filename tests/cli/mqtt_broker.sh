# Shared by the live MQTT tests (sourced): a real mosquitto on a free loopback
# port, `cepheus run --mqtt` listening on it, a wait for a line in a file, and a
# failure that shows every log.
# Sets $dir (a scratch folder, removed at exit), $port and $broker_pid; a test
# adds the pids it starts to $pids so that they are stopped at exit.
dir=$(mktemp -d)
broker_pid='' pids=''
cleanup() {
  for pid in $pids $broker_pid; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; for f in "$dir"/*.log "$dir"/*.out; do [ -f "$f" ] && { echo "--- $f"; cat "$f"; }; done; exit 1; }
wait_for() {  # FILE TEXT SECONDS
  i=0
  while ! grep -q "$2" "$1" 2>/dev/null; do
    i=$((i + 1)); [ "$i" -le $(($3 * 10)) ] || return 1; sleep 0.1
  done
}
start_broker() {  # tries a few random ports until mosquitto stays up on one
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
    printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$port" > "$dir/broker.conf"
    mosquitto -c "$dir/broker.conf" > "$dir/broker.log" 2>&1 &
    broker_pid=$!
    sleep 0.5
    if kill -0 "$broker_pid" 2>/dev/null; then return 0; fi
    broker_pid=''
  done
  fail "mosquitto did not start"
}
start_run() {  # CEPHEUS PROJECT: alerts to $dir/alerts.out, its log to $dir/run.log; sets $run_pid
  "$1" run "$2" --mqtt "tcp://127.0.0.1:$port" > "$dir/alerts.out" 2> "$dir/run.log" &
  run_pid=$!
  pids="$pids $run_pid"
  wait_for "$dir/run.log" "listening on" 10 || fail "cepheus run did not connect"
}
