#!/usr/bin/env bash
# Updates (issue 16) under a steady visitor: an update without a migration (a switch) beside the same change made by
# stopping the appliance and starting it with the new stack; an update with a migration (the maintenance page); and a
# failed migration rolled back to the dump. Needs a running Docker engine, the images (mvn -Pimages package) and
# Debian's restic (an update backs up first), as root. Writes its section of docs/benchmarks.md.
#   bench/update.sh [RUNS]    (default 1; each run on a new appliance)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/section.sh
runs=${1:-1}
say() { echo "update: $*"; }
. bin/lib/setup.sh
mapfile -t missing < <(missing_packages restic:restic)
((${#missing[@]} == 0)) || [ "$(id -u)" = 0 ] \
  || { echo "update: restic is missing; install it with: sudo apt-get install restic" >&2; exit 1; }
install_packages "${missing[@]}"
for image in appliance/reference-app:1 appliance/reference-app:2; do
  docker image inspect "$image" >/dev/null 2>&1 || { echo "update: the reference application's image $image is" \
    "missing; build the images with: mvn -B -ntp -Pimages package -DskipTests" >&2; exit 1; }
done
await_quiet_machine
others_left=$(pgrep -f 'surefire|failsafe' | wc -l || true)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "running the benchmark ($runs runs; the output of mvn goes to work/bench/update.log)"
maven work/bench/update.log verify -pl appliance -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=UpdateBenchmark -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.runs="$runs"
if [ "$others_left" -gt 0 ]; then
  others_note="; $others_left processes of other test JVMs still ran when it began"
else
  others_note=""
fi
section=$(cat <<MD
<!-- update:begin -->
## Updates: a switch beside a stop and start, a migration, a failed migration rolled back

Command: \`bench/update.sh $runs\` ($(date -u +%Y-%m-%d), $(nproc) cores, load average $load_before before and
$(cut -d' ' -f1-3 /proc/loadavg) after${others_note}, Docker $(docker version --format '{{.Server.Version}}')).
The project's stack in a temporary root, its web and worker on the reference application (its database holds
what its migrations wrote); versions 3 and 4 are built for the benchmark FROM appliance/reference-app:2: 3 with the
same \`appliance.migrations\` label, 4 with two new migrations of which the second fails. Each run takes a new
appliance from 1 to 2, to 3, back to 2 by rollback, to 3 by stop and start, then tries 4. Every command is
\`bin/appliance\` (a new JVM), the supervisor (\`run\`) too, in a process of its own; each update backs up first
(restic, a repository under the root). All the while a visitor asks the front for \`/version\` on 127.0.0.1, 20
requests a second at most (one at a time, each on a TLS connection of its own: a busy machine lowers the rate it
makes, given in the tables), until a second after the command measured ends; a request fails when it is not
answered 200 (the maintenance page answers 503). The moments of a command are those of its
output lines (the journal /data/etc/update.json keeps whole seconds only). A switch keeps the old web container 30
s for requests in flight before it stops it (WebSwitch.DRAIN): most of its wall time. Targets (issue 16): no failed
request and no gap of 1 s or more in an update without a migration.

$(cat appliance/target/benchmarks/update.md)
<!-- update:end -->
MD
)
echo "$section"
write_section update "$section"
