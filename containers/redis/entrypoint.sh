#!/bin/sh
# Runs as root only long enough to own the data directory, then as redis.
set -eu
if [ "$(id -u)" = 0 ]; then
  mkdir -p /volatile/redis
  chown redis:redis /volatile/redis
  exec setpriv --reuid=redis --regid=redis --init-groups "$0" "$@"
fi
exec "$@"
