#!/usr/bin/env bash
# Let's Encrypt against Debian's Pebble: the time from 'appliance certificate issue' to the new certificate served,
# and the requests a client looping against the front loses during a renewal (nginx reloaded) beside a restart of
# the front container. Needs a running Docker engine, the images (mvn -Pimages package) and Debian's pebble, as
# root. Writes its section of docs/benchmarks.md.
#   bench/acme.sh [RUNS]    (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/section.sh
runs=${1:-3}
say() { echo "acme: $*"; }
. bin/lib/setup.sh
mapfile -t missing < <(missing_packages pebble:pebble pebble-challtestsrv:pebble | sort -u)
((${#missing[@]} == 0)) || [ "$(id -u)" = 0 ] \
  || { echo "acme: pebble is missing; install it with: sudo apt-get install pebble" >&2; exit 1; }
install_packages "${missing[@]}"
docker image inspect appliance/reference-app:2 >/dev/null 2>&1 || { echo "acme: the reference application's" \
  "image is missing; build the images with: mvn -B -ntp -Pimages package -DskipTests" >&2; exit 1; }
# The machine's load beside the numbers: the client, nginx, Pebble and the appliance share its cores.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "running the benchmark ($runs runs; the output of mvn goes to work/bench/acme.log)"
maven work/bench/acme.log verify -pl appliance -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=AcmeBenchmark -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.runs="$runs"
section=$(cat <<MD
<!-- acme:begin -->
## Let's Encrypt: issuance against Pebble, downtime of a renewal

Command: \`bench/acme.sh $runs\` ($(date -u +%Y-%m-%d), $(nproc) cores, load average $load_before before and
$(cut -d' ' -f1-3 /proc/loadavg) after, Docker $(docker version --format '{{.Server.Version}}'), $(dpkg-query -W -f '${Version}' pebble) of Debian's pebble).
The project's stack served by \`appliance up\` in a temporary root, its certificate for two names from Debian's
Pebble and pebble-challtestsrv on this machine (http-01 through the front's own HTTP port, every order validated
afresh, Pebble's validation delay off). Each \`certificate issue\` is \`bin/appliance certificate issue\` (a new
JVM, as every command of the appliance runs), timed from its start to the first TLS handshake with SNI that sees the new serial,
to six lines of its output and to its exit; the JVM's own start is that of \`bin/appliance --version\`.
A client asks \`/healthz\` through the front, a new connection and full handshake per request, during each
renewal and, beside it, during a \`docker restart\` of the front container: the alternative where a new certificate
takes effect only when the proxy restarts (the ECS original renewed only at the appliance's start or update;
caprover #700: renewed but not loaded until a redeploy). Each window lasts until a second after the command ends
(after the restart, a second after the front answers again); "longest gap" is the longest time without an answer.
Target: no failed request during a renewal. The first renewal also records bin/appliance's class-data archive,
hence its longer window. Between the order and the issued certificate, acme4j polls an authorization that is still
pending every 3 s unless the CA sends a Retry-After; the appliance triggers every name's challenge before it waits
for any, so Pebble has validated both by the first poll.

$(cat appliance/target/benchmarks/acme.md)
<!-- acme:end -->
MD
)
echo "$section"
write_section acme "$section"
