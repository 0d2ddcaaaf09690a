#!/bin/bash
# Deploys the stack reference (version 2) to Docker Swarm. Written by 'appliance export --swarm': export
# again rather than edit it. Run it on the data node, a Swarm manager, from this directory or elsewhere:
#   ./deploy.sh [--images FILE]    (FILE: an image archive, as 'appliance images save' writes it)
# Exit codes: 0 deployed, 1 failed (or rolled back by Swarm), 2 bad arguments.
set -euo pipefail
STACK=reference
VERSION=2
cd "$(dirname "$0")"
images=""
while [ $# -gt 0 ]; do
  case "$1" in
    --images) images="${2:?deploy.sh: --images needs a FILE}"; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "deploy.sh: unknown argument '$1'; usage: ./deploy.sh [--images FILE]" >&2; exit 2 ;;
  esac
done

step() { echo "deploy.sh: $*"; }
fail() { echo "deploy.sh: $*" >&2; exit 1; }

load_images() {
  if [ -n "$images" ]; then
    [ -f "$images" ] || fail "there is no image archive $images"
    step "loading the images from $images"
    docker load -i "$images" >/dev/null
  fi
}

check_manager() {
  [ "$(docker info --format '{{.Swarm.ControlAvailable}}')" = true ] \
    || fail "this node is no Swarm manager; run deploy.sh on the data node, a manager ('docker swarm init' makes one)"
}

label_data_node() {
  local node
  node="$(docker info --format '{{.Swarm.NodeID}}')"
  step "labelling this node ($node) $1=true: the services that bind /data or /volatile run here"
  docker node update --label-add "$1=true" "$node" >/dev/null
}

# PATH UID GID MODE: created if missing, owner and mode set either way.
directory() {
  mkdir -p "$1"
  chown "$2:$3" "$1"
  chmod "$4" "$1"
}

# DIR DOMAIN DAYS: the appliance's ACME client does not run in Swarm; a certificate already there is kept.
self_signed_certificate() {
  if [ -f "$1/server.crt" ] && [ -f "$1/server.key" ]; then
    step "keeping the certificate in $1"
    return
  fi
  step "no certificate in $1: making a self-signed one for $2 (valid $3 days); browsers will warn until you put a trusted one there"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days "$3" -subj "/CN=$2" \
    -addext "subjectAltName=DNS:$2" -keyout "$1/server.key" -out "$1/server.crt" 2>/dev/null
  # The front's nginx runs as www-data (group 33), as on the appliance.
  chown 0:33 "$1/server.key" "$1/server.crt"
  chmod 0640 "$1/server.key"
  chmod 0644 "$1/server.crt"
}

# DIR: the front checks client certificates against the CA and its revocation list, which only the appliance signs.
require_client_ca() {
  if [ ! -f "$1/ca.crt" ] || [ ! -f "$1/crl.pem" ]; then
    fail "the front checks client certificates, but $1 lacks ca.crt or crl.pem; copy /data/ca from the appliance (see EXPORT-NOTES.md)"
  fi
}

# secret|config NAME FILE: Swarm's are immutable, and their names carry a digest of their content.
ensure() {
  if docker "$1" inspect "$2" >/dev/null 2>&1; then
    return
  fi
  step "creating the $1 $2 from $3"
  docker "$1" create --label "com.docker.stack.namespace=$STACK" "$2" "$3" >/dev/null
}

deploy_stack() {
  step "deploying the stack $STACK version $VERSION"
  docker stack deploy --resolve-image never -c stack.yml "$STACK"
}

# NAME SECONDS ARGS...: runs the job made by ARGS (docker service create ...) unless NAME completed already.
run_job() {
  local name="$1" seconds="$2" states
  shift 2
  if docker service ps "$name" --format '{{.CurrentState}}' 2>/dev/null | grep -q '^Complete'; then
    step "skipping the migration: $name completed already"
    return
  fi
  docker service rm "$name" >/dev/null 2>&1 || true
  step "migrating the database: the one-off job $name (retried while the database does not answer yet)"
  "$@" >/dev/null
  local deadline=$((SECONDS + seconds))
  while true; do
    states="$(docker service ps "$name" --format '{{.CurrentState}}')"
    if grep -q '^Complete' <<<"$states"; then
      step "migration $name done"
      return
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      docker service logs --tail 30 "$name" >&2 || true
      fail "the migration $name did not complete within ${seconds}s (its last lines above; docker service ps $name)"
    fi
    sleep 2
  done
}

# SECONDS NAME=IMAGE...: waits until every service runs its replicas with no update under way; a service whose
# image is not the one deployed was rolled back by Swarm.
await_services() {
  local seconds="$1" deadline pending service name image spec replicas running
  shift
  deadline=$((SECONDS + seconds))
  step "waiting (at most ${seconds}s) for the services to converge"
  while true; do
    pending=""
    for service in "$@"; do
      name="${service%%=*}"
      image="${service#*=}"
      spec="$(docker service inspect "$name" --format '{{.Spec.TaskTemplate.ContainerSpec.Image}}|{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}|{{.Spec.Mode.Replicated.Replicas}}')"
      replicas="${spec##*|}"
      running="$(docker service ps "$name" --filter desired-state=running --format '{{.CurrentState}}' | grep -c '^Running' || true)"
      case "${spec#*|}" in
        updating\|*|rollback_started\|*) pending="$pending $name" ;;
        *) if [ "$running" -lt "$replicas" ]; then pending="$pending $name"; elif [ "${spec%%|*}" != "$image" ]; then
             docker stack services "$STACK" >&2
             fail "Swarm rolled $name back to ${spec%%|*}: the tasks of $image failed (docker service ps --no-trunc $name)"
           fi ;;
      esac
    done
    [ -z "$pending" ] && return
    if [ "$SECONDS" -ge "$deadline" ]; then
      docker stack services "$STACK" >&2
      fail "not converged within ${seconds}s:$pending (docker service ps --no-trunc NAME tells why)"
    fi
    sleep 2
  done
}
load_images
check_manager
label_data_node appliance.data
step 'creating the data directories with their owners and modes'
directory /data 0 0 0755
directory /data/tls 0 33 0750
directory /data/ca 0 0 0755
directory /data/postgresql 999 999 0700
directory /data/vault 1000 1000 0700
directory /volatile 0 0 0755
directory /volatile/redis 998 998 0700
self_signed_certificate /data/tls app.example.org 90
require_client_ca /data/ca
ensure secret reference-DATABASE_PASSWORD-77ca8c0c051f secrets/DATABASE_PASSWORD
ensure secret reference-SECRET_KEY-636d960a3aa7 secrets/SECRET_KEY
ensure config reference-site-27e33de61003 configs/site.conf
migrate() {
  run_job reference_migrate-2 300 docker service create \
    --detach \
    --quiet \
    --name reference_migrate-2 \
    --mode replicated-job \
    --label com.docker.stack.namespace=reference \
    --network reference_default \
    --no-healthcheck \
    --no-resolve-image \
    --restart-condition on-failure \
    --restart-delay 5s \
    --restart-max-attempts 30 \
    --env DATABASE_URL=jdbc:postgresql://postgres:5432/app \
    --env DATABASE_USER=app \
    --env DATABASE_PASSWORD_FILE=/run/secrets/DATABASE_PASSWORD \
    --env REDIS_URL=redis://redis:6379 \
    --env SECRET_KEY_FILE=/run/secrets/SECRET_KEY \
    --env VAULT_PATH=/data/vault \
    --env APPLIANCE_ENVIRONMENT=qa \
    --secret source=reference-DATABASE_PASSWORD-77ca8c0c051f,target=DATABASE_PASSWORD,uid=1000,gid=1000,mode=0400 \
    --secret source=reference-SECRET_KEY-636d960a3aa7,target=SECRET_KEY,uid=1000,gid=1000,mode=0400 \
    --mount type=bind,source=/data/vault,target=/data/vault \
    --user 1000:1000 \
    --constraint 'node.labels.appliance.data == true' appliance/reference-app:2 migrate
}
if docker stack ls --format '{{.Name}}' | grep -qxF "$STACK"; then
  migrate
  deploy_stack
else
  deploy_stack
  migrate
fi
await_services 300 reference_front=appliance/front:1 reference_postgres=appliance/postgres:15 reference_redis=appliance/redis:7 reference_web=appliance/reference-app:2 reference_worker=appliance/reference-app:2
docker stack services "$STACK"
step "deployed $STACK version $VERSION"
