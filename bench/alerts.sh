#!/usr/bin/env bash
# Alerts: the time from a crash loop to the mail in the mailbox and to the heartbeat's /fail, and the supervisor's
# resident memory with alerts and metrics on beside one without them. Needs a running Docker engine, the images
# (mvn -Pimages package) and Debian's python3-aiosmtpd (the relay), as root. Writes its section of docs/benchmarks.md.
#   bench/alerts.sh [RUNS]    (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/section.sh
runs=${1:-3}
say() { echo "alerts: $*"; }
. bin/lib/setup.sh
mapfile -t missing < <(missing_packages aiosmtpd:python3-aiosmtpd)
((${#missing[@]} == 0)) || [ "$(id -u)" = 0 ] \
  || { echo "alerts: python3-aiosmtpd is missing; install it with: sudo apt-get install python3-aiosmtpd" >&2; exit 1; }
install_packages "${missing[@]}"
docker image inspect appliance/reference-app:2 >/dev/null 2>&1 || { echo "alerts: the reference application's" \
  "image is missing; build the images with: mvn -B -ntp -Pimages package -DskipTests" >&2; exit 1; }
say "running the benchmark ($runs runs; the output of mvn goes to work/bench/alerts.log)"
maven work/bench/alerts.log verify -pl appliance -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=AlertsBenchmark -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.runs="$runs"
section=$(cat <<MD
<!-- alerts:begin -->
## Alert latency and supervisor memory with alerts and metrics

Command: \`bench/alerts.sh $runs\` ($(date -u +%Y-%m-%d), $(nproc) cores, Docker $(docker version --format '{{.Server.Version}}')).
The project's stack served by \`bin/appliance run --max-restarts 1\` (a new JVM each run), with e-mail alerts
through a relay on this machine (Debian's aiosmtpd, STARTTLS and a login), a heartbeat URL on a local HTTP
server, and the metrics endpoint on; beside it the same supervisor with an env that has none of them. Memory is
VmRSS 5 s after serving. The latency runs from the \`docker kill\` that makes the crash loop (the worker's second
death within the window) to the mail file in the relay's mailbox, and to the heartbeat's \`/fail\` request.
Targets: under 60 s; memory under 100 MB.

$(cat appliance/target/benchmarks/alerts.md)
<!-- alerts:end -->
MD
)
echo "$section"
write_section alerts "$section"
