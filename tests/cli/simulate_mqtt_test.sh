#!/bin/sh
# `cepheus simulate SCENARIO --mqtt URL` against a real mosquitto on a free
# loopback port, end to end: every event is published to its source's topic
# (placeholders filled from the event), and `cepheus run PROJECT --mqtt`
# listening on the same broker raises the alert the scenario's anomaly calls for.
# Usage: simulate_mqtt_test.sh CEPHEUS PROJECT SCENARIO EVENTS
set -eu
cepheus=$1 project=$2 scenario=$3 events=$4
. "$(dirname "$0")/mqtt_broker.sh"
start_broker

mosquitto_sub -h 127.0.0.1 -p "$port" -t 'plant/+/+/readings' -v -C "$events" -W 60 > "$dir/topics.out" 2>&1 &
sub_pid=$!
pids="$pids $sub_pid"
start_run "$cepheus" "$project"
sleep 0.5  # let the subscriber's subscription land too

"$cepheus" simulate "$scenario" --project "$project" --mqtt "tcp://127.0.0.1:$port" --speed max \
  > "$dir/simulate.out" 2> "$dir/simulate.log" || fail "cepheus simulate failed"
grep -q "$events events" "$dir/simulate.log" || fail "the progress line does not say $events events"

wait "$sub_pid" || fail "the subscriber did not receive $events messages"
received=$(wc -l < "$dir/topics.out")
[ "$received" -eq "$events" ] || fail "$received readings on plant/+/+/readings, not $events"
grep -Eq '^plant/(north|south)/press-02/readings \{' "$dir/topics.out" || fail "no reading of press-02 on its topic"
# A site is drawn once per key: each press keeps its topic.
topics=$(cut -d' ' -f1 "$dir/topics.out" | sort -u | wc -l)
[ "$topics" -eq 3 ] || fail "$topics topics, not one per press"

wait_for "$dir/alerts.out" '"rule":"overheated"' 30 || fail "no overheating alert"
grep '"rule":"overheated"' "$dir/alerts.out" | grep -q '"key":"device=press-02"' || fail "the overheating alert is not press-02's"
if grep -q 'press-01\|press-03' "$dir/alerts.out"; then fail "only press-02 overheats"; fi
echo "ok: $events events published, the alert raised from them"
