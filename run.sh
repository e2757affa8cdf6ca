#!/usr/bin/env bash
# Builds Callcoach and starts the whole product locally: embedded PostgreSQL, the backend, the
# webapp and, when no Twilio/OpenAI credentials are set, the simulators in their place.
# The terminal shows a banner and a few progress lines; build output and everything the services and
# frameworks print go to .run/logs/. Ctrl-C stops everything, the embedded database included; if a
# service dies on its own, the demo says so, stops the rest and exits with a non-zero code.
set -euo pipefail
cd "$(dirname "$0")"

source scripts/use-jdk.sh
use_jdk

LOGS=.run/logs
BUILD_LOG=$LOGS/build.log
DEMO_LOG=$LOGS/demo.log # LocalDemo.LOG names the same file
mkdir -p "$LOGS"
: > "$BUILD_LOG"
: > "$DEMO_LOG"

# The same choice DemoStack makes: a simulator stands in for each service whose credentials are unset.
if [ -n "${TWILIO_ACCOUNT_SID:-}" ] && [ -n "${TWILIO_AUTH_TOKEN:-}" ]; then
  twilio="REAL Twilio account: calls ring real phones and cost money"
  [ -n "${PUBLIC_BASE_URL:-}" ] || twilio="$twilio (warning: PUBLIC_BASE_URL is unset, Twilio cannot reach the backend)"
else
  twilio="simulated by FakeTwilio on port 8089 (no phone rings)"
fi
if [ -n "${OPENAI_API_KEY:-}" ]; then
  openai="REAL OpenAI Realtime API (costs money)"
else
  openai="simulated by FakeRealtime on port 8090"
fi

cat <<EOF
Callcoach local demo
  page      http://localhost:8080      (open it once it says "running")
  backend   http://localhost:8081
  Twilio    $twilio
  OpenAI    $openai
  database  embedded PostgreSQL on a free port, empty at every start
  limits    10 calls per 15 min per IP, 2 per hour per number: they apply here too, and reset on restart
  logs      $BUILD_LOG, $DEMO_LOG (services and frameworks)
  JDK       $JAVA_HOME
  Ctrl-C stops everything.

EOF

echo "Building (the first build downloads about 400 MB and takes a few minutes; later ones about one)..."
started=$SECONDS
if ! ./mvnw -B -ntp -DskipTests package >"$BUILD_LOG" 2>&1; then
  echo "The build failed; the end of $BUILD_LOG:" >&2
  grep -E '^\[ERROR\]' "$BUILD_LOG" | head -20 >&2 || tail -20 "$BUILD_LOG" >&2
  exit 1
fi
echo "Built in $((SECONDS - started)) s."

# The demo runs in a session of its own (where setsid exists), so Ctrl-C reaches only this shell, which
# asks the demo to stop with SIGTERM; the demo's shutdown hook then stops the webapp before the backend
# it talks to, and the rest after. (Without setsid, as on macOS, Ctrl-C also reaches the services
# directly; everything still stops.)
launcher=()
if command -v setsid >/dev/null 2>&1; then
  launcher=(setsid)
fi
${launcher[@]+"${launcher[@]}"} java -cp "$(ls simulator/target/simulator-*-runnable.jar | head -1)" \
  dev.callcoach.simulator.demo.LocalDemo 2>>"$DEMO_LOG" &
demo=$!
stopped_by_user=false
trap 'stopped_by_user=true; kill -TERM "$demo" 2>/dev/null || true' INT TERM HUP

set +e
wait "$demo"
status=$?
while kill -0 "$demo" 2>/dev/null; do # the wait above was cut short by Ctrl-C: wait for the stop itself
  wait "$demo"
  status=$?
done
set -e

if $stopped_by_user; then
  exit 0
fi
if [ "$status" -ne 0 ]; then
  echo "Callcoach stopped with exit code $status; the services' output and any error are in $DEMO_LOG." >&2
fi
exit "$status"
