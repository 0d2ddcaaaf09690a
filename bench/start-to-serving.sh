#!/usr/bin/env bash
# Start to serving with images present: the appliance against docker-compose on the same stack, plus the
# supervisor's memory and 'appliance status' time. Needs a running Docker engine and the images
# (mvn -Pimages package), as root. Prints a table for docs/benchmarks.md (also in appliance/target/benchmarks/).
#   bench/start-to-serving.sh [RUNS]    (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v docker-compose >/dev/null || apt-get install -y -q docker-compose >/dev/null
mvn -q -B -ntp package -DskipTests -pl env-tools,appliance
mvn -B -ntp verify -pl appliance -DskipTests=false -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=StartToServingBenchmark -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.runs="${1:-5}" \
  | sed -n '/^| measure/,/^| appliance status/p'
