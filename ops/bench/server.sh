# Sourced by run-w3.sh, run-w4.sh and run-w3-ratio.sh: builds the jar, starts it on a fresh database, stops it on exit.
# Environment: PGHOST_URL (default jdbc:postgresql://127.0.0.1:5432), PGUSER (postgres), PORT (18080),
# JAVA_HOME (a JDK 21+, default /usr/lib/jvm/temurin-25-jdk-amd64), SKIP_BUILD=1 to reuse target/*.jar,
# JAR=path to run that jar instead (e.g. one built from an older commit; implies SKIP_BUILD=1),
# SERVER_CPUS=0 (a taskset cpu list) pins the server JVM to those cores (issue 15: what a second core buys).
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PGHOST_URL="${PGHOST_URL:-jdbc:postgresql://127.0.0.1:5432}"
PGUSER="${PGUSER:-postgres}"
PORT="${PORT:-18080}"
ADMIN_KEY="bench-admin-key-$(date +%s)-000000"
DB="bulwark_bench_$(date +%s)_$$"
LOG="target/bench-server-$DB.log"
PG_HOSTPORT="${PGHOST_URL#jdbc:postgresql://}"
SERVER_PIN=()
if [[ -n "${SERVER_CPUS:-}" ]]; then
  SERVER_PIN=(taskset -c "$SERVER_CPUS")
fi

if [[ "${SKIP_BUILD:-0}" != 1 && -z "${JAR:-}" ]]; then
  ./mvnw -q -B -DskipTests package
fi
JAR="${JAR:-$(ls target/bulwark-*.jar | grep -v original | head -1)}"

psql -h "${PG_HOSTPORT%%:*}" -p "${PG_HOSTPORT##*:}" -U "$PGUSER" -d postgres -qc "CREATE DATABASE $DB"

stop_server() {
  if [[ -n "${SERVER_PID:-}" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"            # SIGTERM: graceful shutdown
    wait "$SERVER_PID" || true
  fi
  psql -h "${PG_HOSTPORT%%:*}" -p "${PG_HOSTPORT##*:}" -U "$PGUSER" -d postgres -qc "DROP DATABASE IF EXISTS $DB" || true
}
trap stop_server EXIT

# The generators send far more than a person would, all from 127.0.0.1: the request limits are off for the
# benchmark, and the WebSocket limits per address and per connection far above what it opens and sends.
SERVER_PORT="$PORT" \
SPRING_DATASOURCE_URL="$PGHOST_URL/$DB" SPRING_DATASOURCE_USERNAME="$PGUSER" \
BULWARK_ADMIN_KEY="$ADMIN_KEY" BULWARK_ORACLE_SIMULATED=false BULWARK_RATE_LIMIT_ENABLED=false \
BULWARK_WEBSOCKET_MAX_CONNECTIONS_PER_ADDRESS=100000 BULWARK_WEBSOCKET_OPERATIONS_PER_SECOND=100000 \
BULWARK_WEBSOCKET_OPERATIONS_BURST=100000 BULWARK_SECURITY_KEY_HASH_SECRET="bench-key-hash-secret-$(date +%s)-0000000000" \
  "${SERVER_PIN[@]}" "$JAVA_HOME/bin/java" ${SERVER_JAVA_OPTS:-} -jar "$JAR" >"$LOG" 2>&1 &
SERVER_PID=$!
echo "server pid $SERVER_PID on port $PORT, database $DB, log $LOG, pinned to cpus: ${SERVER_CPUS:-no}"

for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$PORT/api/v1/system/status" | grep -q '"role":"WRITER"'; then
    break
  fi
  sleep 1
done

# run_bench CLASS ARGS...: runs a benchmark program from the test classpath against the server
run_bench() {
  local class="$1"; shift
  ./mvnw -q -B -Dspotless.check.skip=true test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass="io.bulwark.bench.$class" \
      -Dexec.args="http://127.0.0.1:$PORT $ADMIN_KEY $*"
}
