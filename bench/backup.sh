#!/usr/bin/env bash
# Backups with restic (issue 15): a full backup of 1 GiB in /data and a 200 MiB database, an unchanged re-run, a
# restore onto a brand-new appliance and its time to serving, and the backup's memory, each beside restic alone on
# the same data. Needs a running Docker engine, the images (mvn -Pimages package) and Debian's restic, as root.
# Writes its section of docs/benchmarks.md.
#   bench/backup.sh [RUNS]    (default 1: full backups and restores; unchanged re-runs at least 3)
# BENCH_DATA_MIB and BENCH_DATABASE_MIB (default 1024 and 200) set the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/section.sh
runs=${1:-1}
data_mib=${BENCH_DATA_MIB:-1024}
database_mib=${BENCH_DATABASE_MIB:-200}
say() { echo "backup: $*"; }
. bin/lib/setup.sh
mapfile -t missing < <(missing_packages restic:restic)
((${#missing[@]} == 0)) || [ "$(id -u)" = 0 ] \
  || { echo "backup: restic is missing; install it with: sudo apt-get install restic" >&2; exit 1; }
install_packages "${missing[@]}"
docker image inspect appliance/reference-app:2 >/dev/null 2>&1 || { echo "backup: the reference application's" \
  "image is missing; build the images with: mvn -B -ntp -Pimages package -DskipTests" >&2; exit 1; }
await_quiet_machine
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "running the benchmark ($runs runs; the output of mvn goes to work/bench/backup.log)"
maven work/bench/backup.log verify -pl appliance -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=BackupBenchmark -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.runs="$runs" \
  -Dbench.data.mib="$data_mib" -Dbench.database.mib="$database_mib"
section=$(cat <<MD
<!-- backup:begin -->
## Backups: full, unchanged, restore and time to serving, beside restic alone

Command: \`bench/backup.sh $runs\` with ${data_mib} MiB of files and a ${database_mib} MiB database ($(date -u +%Y-%m-%d),
$(nproc) cores, load average $load_before before and $(cut -d' ' -f1-3 /proc/loadavg) after, Docker
$(docker version --format '{{.Server.Version}}'), $(restic version | cut -d' ' -f1-2) of Debian, PostgreSQL 15 in the stack's image).
The project's stack served by \`bin/appliance run\` in a temporary root; the benchmark writes the files into its
vault (owner 1000:1000) and a table into its database \`app\`, just before, so that both sides read them from the
page cache. Every appliance command is \`bin/appliance\` (a new JVM; a warm-up \`status\` recorded its class-data
archive first), its repository \`file:///volatile/bench-repo\` on the same disk, new for each full backup; the
moments are those of its output lines and of its restic processes' start (sampled every 50 ms). restic alone gets
a new repository (format 2, as the appliance's) and cache of its own: \`docker exec ... pg_dump -Fc | restic backup
--stdin\`, then \`restic backup --one-file-system\` of the same entries of /data with the same excludes; its restore
is \`restic restore\` of both snapshots into a new folder, a new container of appliance/postgres:15 (512 MiB, as in
the stack) until healthy, and \`pg_restore --single-transaction --exit-on-error\` from the restored dump. The
appliance restores onto a second appliance prepared from the same env (prepare-env, prepare-appliance,
prepare-app; another stack name and ports), its repository a link to the first's, its restic cache empty, with
\`restore --yes\` (its database holds only what its first migration wrote, so no --force is needed). A first
backup's verification reads every pack (\`restic check --read-data\`: no full read has happened yet); later runs
read a seventh. Targets (issue 15): a full backup at least 80 % of restic alone's throughput; an unchanged re-run
under 5 s; a restore at most 1.5× restic alone; restore to serving under 5 minutes; the supervisor under 100 MB during a backup (restic and the backup's own JVM are separate processes).

$(cat appliance/target/benchmarks/backup.md)
<!-- backup:end -->
MD
)
echo "$section"
write_section backup "$section"
