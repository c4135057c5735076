#!/usr/bin/env bash
# Failover with PostgreSQL's own replication: a primary with a synchronous standby (two scratch servers made
# with the system's PostgreSQL binaries), the service on a multi-host URL with targetServerType=primary, order
# load, kill -9 of the primary, promotion of the standby. Checks the writer comes back under epoch + 1 and
# that no acknowledged order is lost.
# Usage: fault/pg-failover.sh [LOAD_SECONDS=10] [PROMOTE_DELAY_SECONDS=2] [CLIENTS=4] [STANDBY_DOWN_SECONDS=0]
#        STANDBY_DOWN_SECONDS > 0 stops the standby that long before the kill (commits wait for it) and cancels
#        the waiting commits meanwhile, as an impatient operator would (pg_cancel_backend: PostgreSQL then
#        returns them committed on the primary alone); none of those may be acknowledged. It starts again
#        after the kill, before its promotion.
#        (figures: target/fault/pg-failover.txt; PG_BIN picks other PostgreSQL binaries)
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -Pfault verify -Dtest=PgFailoverFaultTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfault.pg.load-seconds="${1:-10}" -Dfault.pg.promote-delay-seconds="${2:-2}" -Dfault.pg.clients="${3:-4}" \
  -Dfault.pg.standby-down-seconds="${4:-0}"
