#!/usr/bin/env bash
# Start to serving with images present: the appliance against docker-compose on the same stack, plus the
# supervisor's resident memory and the time of 'appliance status'. Needs a running Docker engine and the images
# (mvn -Pimages package), as root; installs Debian's docker-compose if it is missing. Writes its section of
# docs/benchmarks.md.
#   bench/start-to-serving.sh [RUNS]    (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/section.sh
runs=${1:-5}
say() { echo "start-to-serving: $*"; }
. bin/lib/setup.sh
mapfile -t missing < <(missing_packages docker-compose:docker-compose)
((${#missing[@]} == 0)) || [ "$(id -u)" = 0 ] \
  || { echo "start-to-serving: docker-compose is missing; install it with: sudo apt-get install docker-compose" >&2; exit 1; }
install_packages "${missing[@]}"
docker image inspect appliance/reference-app:2 >/dev/null 2>&1 || { echo "start-to-serving: the reference" \
  "application's image is missing; build the images with: mvn -B -ntp -Pimages package -DskipTests" >&2; exit 1; }
# -am: env-tools comes from this checkout, never from a stale or missing copy in the local repository.
say "running the benchmark ($runs runs; the output of mvn goes to work/bench/start-to-serving.log)"
maven work/bench/start-to-serving.log verify -pl appliance -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=StartToServingBenchmark -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.runs="$runs"
section=$(cat <<MD
<!-- start-to-serving:begin -->
## Start to serving, supervisor memory, status time

Command: \`bench/start-to-serving.sh $runs\` ($(date -u +%Y-%m-%d), $(nproc) cores, Docker $(docker version --format '{{.Server.Version}}'),
$(docker-compose version --short) of docker-compose). The project's stack with its images present, the database
migrated before; each run creates the containers anew and ends when \`/healthz\` answers 200 over HTTPS through
the front proxy. The appliance's time starts with \`bin/appliance run\` (a new JVM); docker-compose runs the same
stack file (as format 2.4) on the same data. Memory is the supervisor's VmRSS 5 s after serving, with
\`appliance/metric/exporter: true\` and its \`/metrics\` scraped 20 times (no alert channel is set). Targets: ratio at
most 1.2 and under 15 s; under 100 MB; status under 0.5 s. The first run of \`run\` and of \`status\` also records its
class-data archive (bin/launch), hence their longer times.

$(cat appliance/target/benchmarks/start-to-serving.md)
<!-- start-to-serving:end -->
MD
)
echo "$section"
write_section start-to-serving "$section"
