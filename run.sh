#!/usr/bin/env bash
# Builds Callcoach and starts the whole product locally: embedded PostgreSQL, the backend, the
# webapp and, when no Twilio/OpenAI credentials are set, the simulators in their place.
# Ctrl-C stops everything, the embedded database included.
set -euo pipefail
cd "$(dirname "$0")"

source scripts/use-jdk.sh
use_jdk

echo "Building Callcoach (tests skipped; run ./mvnw verify for those)..."
./mvnw -q -DskipTests install

exec java -cp "$(ls simulator/target/simulator-*-runnable.jar | head -1)" dev.callcoach.simulator.demo.LocalDemo "$@"
