#!/usr/bin/env bash
# Fuzz the REST and WebSocket parsers and the engine's command validation, SECONDS each, and adversarial
# engine streams (colluding traders, oracle key holders, overlapping incidents), SECONDS shared by the three.
# Needs a database for the Spring app (TEST_DB_URL, else embedded PostgreSQL).
# Usage: fault/fuzz.sh [SECONDS=600]   (figures: target/fault/{rest,socket,engine}-fuzz.txt, adversarial-fuzz-*.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -Pfault verify -Dtest='*FuzzFaultTests' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfault.fuzz.seconds="${1:-600}"
