#!/bin/sh
# `cepheus run PROJECT --mqtt URL` against a real mosquitto on a free loopback
# port: the running example's readings are published message by message; the
# overheating alert must be printed, and published to its MQTT target.
# Usage: live_mqtt_test.sh CEPHEUS PROJECT MESSAGES.tsv (topic TAB payload per line)
set -eu
cepheus=$1 project=$2 messages=$3
. "$(dirname "$0")/mqtt_broker.sh"
start_broker

mosquitto_sub -h 127.0.0.1 -p "$port" -t 'alerts/#' -C 1 -W 60 > "$dir/published.out" 2>&1 &
sub_pid=$!
pids="$pids $sub_pid"
start_run "$cepheus" "$project"

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
