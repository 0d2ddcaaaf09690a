# Sourced by .ci/run and bin/run-local: the machine set-up both need. The caller defines say MESSAGE.

# missing_packages COMMAND:PACKAGE...: prints, one a line, the package of each command that is missing.
missing_packages() {
  local pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || echo "${pair#*:}"
  done
}

# install_packages PACKAGE...: installs them from the machine's apt sources (as root); nothing when none is given.
install_packages() {
  (($#)) || return 0
  say "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" ca-certificates >/dev/null
}

# start_docker LOG: starts the Docker engine when none answers (as root): systemd's unit where systemd runs, else
# dockerd in the background with its output in LOG.
start_docker() {
  local log=$1
  docker info >/dev/null 2>&1 && return 0
  say "starting dockerd"
  if [ -d /run/systemd/system ]; then
    systemctl start docker
  else
    nohup dockerd >"$log" 2>&1 &
  fi
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && return 0; sleep 0.5; done
  if [ -d /run/systemd/system ]; then
    echo "dockerd did not start within 30 s; see why with: journalctl -u docker" >&2
  else
    tail -n 30 "$log" >&2 || true
    echo "dockerd did not start within 30 s (its log, $log, ends above)" >&2
  fi
  return 1
}
