#!/bin/bash
# Runs as root only long enough to own the data directory, then as postgres. On the first start (an empty
# $PGDATA) it creates the cluster, the role "app" with $POSTGRES_PASSWORD and the database $POSTGRES_DB.
set -euo pipefail
# Docker Swarm hands the password over as a file (appliance export --swarm); read as root, before the switch.
if [ -z "${POSTGRES_PASSWORD:-}" ] && [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then
  POSTGRES_PASSWORD="$(cat "$POSTGRES_PASSWORD_FILE")"
  export POSTGRES_PASSWORD
  unset POSTGRES_PASSWORD_FILE
fi
: "${POSTGRES_DB:?POSTGRES_DB must name the database}"
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must hold the password of the role app}"

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 0700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "appliance-postgres: creating the cluster in $PGDATA"
  # Sockets only while setting up; the password goes through stdin, never the command line.
  initdb --username=postgres --auth-local=peer --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  {
    echo "listen_addresses = '*'"
    echo "password_encryption = scram-sha-256"
  } >> "$PGDATA/postgresql.conf"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  pg_ctl --wait --silent -o "-c listen_addresses=''" start
  psql --quiet --no-psqlrc --set ON_ERROR_STOP=1 --username=postgres --dbname=postgres \
    --set db="$POSTGRES_DB" --set pw="$POSTGRES_PASSWORD" <<'SQL'
CREATE ROLE app LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER app;
SQL
  pg_ctl --wait --silent stop
  echo "appliance-postgres: database $POSTGRES_DB created for role app"
fi
unset POSTGRES_PASSWORD
exec "$@"
