#!/usr/bin/env bash
# Makes a local PostgreSQL server available for the tests, idempotently:
# installs Debian's package when missing, starts the cluster, creates role and database "stoker" (the role may
# create databases: the backup tests restore into databases of their own).
# Prints the environment the tests read (STOKER_TEST_PG_*), e.g.  eval "$(scripts/ensure-postgres.sh)"
set -euo pipefail
PG_PASSWORD=${STOKER_TEST_PG_PASSWORD:-stoker-test}

log() { echo "ensure-postgres: $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "installing postgresql"
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >&2
fi
if ! pg_lsclusters -h | grep -q .; then
  ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  as_root pg_createcluster "$ver" main >&2
fi
read -r ver cluster port status _ < <(pg_lsclusters -h | head -1)
if [ "$status" != online ]; then
  log "starting cluster $ver/$cluster"
  as_root pg_ctlcluster "$ver" "$cluster" start >&2
fi
for _ in $(seq 1 30); do
  if as_root su postgres -c "psql -p $port -tAc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done
as_root su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -q" >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'stoker') THEN
    CREATE ROLE stoker LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  ELSE
    ALTER ROLE stoker CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
SQL
if ! as_root su postgres -c "psql -p $port -tAc \"select 1 from pg_database where datname='stoker'\"" | grep -q 1; then
  as_root su postgres -c "createdb -p $port -O stoker stoker" >&2
fi
echo "export STOKER_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$port/stoker"
echo "export STOKER_TEST_PG_USER=stoker"
echo "export STOKER_TEST_PG_PASSWORD=$PG_PASSWORD"
