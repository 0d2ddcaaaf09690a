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
command -v docker-compose >/dev/null || apt-get install -y -q docker-compose >/dev/null
mvn -q -B -ntp package -DskipTests -pl env-tools,appliance
mvn -q -B -ntp verify -pl appliance -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=StartToServingBenchmark -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.runs="$runs" >/dev/null
section=$(cat <<MD
<!-- start-to-serving:begin -->
## Start to serving, supervisor memory, status time

Command: \`bench/start-to-serving.sh $runs\` ($(date -u +%Y-%m-%d), $(nproc) cores, Docker $(docker version --format '{{.Server.Version}}'),
$(docker-compose version --short) of docker-compose). The project's stack with its images present, the database
migrated before; each run creates the containers anew and ends when \`/healthz\` answers 200 over HTTPS through
the front proxy. The appliance's time starts with \`bin/appliance run\` (a new JVM); docker-compose runs the same
stack file (as format 2.4) on the same data. Memory is the supervisor's VmRSS 5 s after serving. Targets: ratio at
most 1.2 and under 15 s; under 100 MB; status under 0.5 s. The first run of `run` and of `status` also records its
class-data archive (bin/launch), hence their longer times.

$(cat appliance/target/benchmarks/start-to-serving.md)
<!-- start-to-serving:end -->
MD
)
echo "$section"
write_section start-to-serving "$section"
