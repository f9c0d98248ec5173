#!/bin/sh
# `cepheus run PROJECT --mqtt URL` against a real mosquitto on a free loopback
# port: the running example's readings are published message by message; the
# overheating alert must be printed, and published to its MQTT target.
# Usage: live_mqtt_test.sh CEPHEUS PROJECT MESSAGES.tsv (topic TAB payload per line)
set -eu
cepheus=$1 project=$2 messages=$3
dir=$(mktemp -d)
broker_pid='' run_pid='' sub_pid=''
cleanup() {
  for pid in $run_pid $sub_pid $broker_pid; do kill "$pid" 2>/dev/null || true; done
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

# A free port: try a few at random until mosquitto stays up on one.
for attempt in 1 2 3 4 5 6 7 8; do
  port=$((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
  printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$port" > "$dir/broker.conf"
  mosquitto -c "$dir/broker.conf" > "$dir/broker.log" 2>&1 &
  broker_pid=$!
  sleep 0.5
  if kill -0 "$broker_pid" 2>/dev/null; then break; fi
  broker_pid=''
done
[ -n "$broker_pid" ] || fail "mosquitto did not start"

mosquitto_sub -h 127.0.0.1 -p "$port" -t 'alerts/#' -C 1 -W 60 > "$dir/published.out" 2>&1 &
sub_pid=$!
"$cepheus" run "$project" --mqtt "tcp://127.0.0.1:$port" > "$dir/alerts.out" 2> "$dir/run.log" &
run_pid=$!
wait_for "$dir/run.log" "listening on" 10 || fail "cepheus run did not connect"

tab=$(printf '\t')
while IFS="$tab" read -r topic payload; do
  mosquitto_pub -h 127.0.0.1 -p "$port" -q 1 -t "$topic" -m "$payload"
done < "$messages"

wait_for "$dir/alerts.out" '"rule":"overheated"' 30 || fail "no overheating alert was printed"
grep -q '"key":"device=press-01"' "$dir/alerts.out" || fail "the alert is not press-01's"
if grep -q 'press-02 overheated' "$dir/alerts.out"; then fail "press-02 was maintained and must not alert"; fi
wait "$sub_pid" || fail "the alert was not published to alerts/press-01"
sub_pid=''
grep -q '"rule":"overheated"' "$dir/published.out" || fail "the published alert is not the overheating one"

kill -TERM "$run_pid"
status=0
wait "$run_pid" || status=$?
run_pid=''
[ "$status" -eq 0 ] || fail "cepheus run exited $status after SIGTERM"
grep -q "stopped: 91 messages, 0 malformed" "$dir/run.log" || fail "unexpected summary"
echo "ok: alert printed and published, clean stop"
