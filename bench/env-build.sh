#!/usr/bin/env bash
# Benchmark: env-build of a 50 KB env.yml (recovery sheet + seed ISO + package for two recipients), wall time of
# the whole command as an operator runs it (a fresh JVM each time). Target: under 3 s.
# Usage: bench/env-build.sh [RUNS]   (default 5); writes its section of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/section.sh
runs=${1:-5}
ls env-tools/target/env-tools-*-all.jar >/dev/null 2>&1 || maven work/bench/env-build.log package -DskipTests -pl env-tools
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A 50 KB env: the generated one plus settings of random text (it hardly compresses: the worst case for the codes).
{
  echo "app:"
  echo "  settings:"
  for i in $(seq 1 40); do
    printf '    SETTING_%02d: %s\n' "$i" "$(head -c 640 /dev/urandom | base32 -w0 | tr -d '=')"
  done
} > "$work/extra.yml"
bin/env-new example.org "$work/site" --environment qa --extra "$work/extra.yml" > /dev/null
size=$(stat -c %s "$work/site/env.yml")

for who in alice bob; do
  mkdir -m 700 "$work/$who"
  algo=$([ "$who" = alice ] && echo rsa3072 || echo ed25519)
  sub=$([ "$who" = alice ] && echo rsa3072 || echo cv25519)
  gpg --homedir "$work/$who" --batch --pinentry-mode loopback --passphrase '' --quick-gen-key "$who <$who@example.org>" "$algo" sign,cert never 2>/dev/null
  fpr=$(gpg --homedir "$work/$who" --with-colons --list-keys 2>/dev/null | awk -F: '/^fpr/ {print $10; exit}')
  gpg --homedir "$work/$who" --batch --pinentry-mode loopback --passphrase '' --quick-add-key "$fpr" "$sub" encr never 2>/dev/null
  gpg --homedir "$work/$who" --armor --export >> "$work/keys.asc" 2>/dev/null
done

times=()
for run in $(seq 1 "$runs"); do
  rm -rf "$work/out"
  start=$(date +%s%N)
  bin/env-build "$work/site/env.yml" --recipients "$work/keys.asc" --out "$work/out" > "$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; echo "env-build.sh: bin/env-build failed in run $run (its output is above)" >&2; exit 1; }
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
done
codes=$(sed -n 's/.*recovery sheet: \([0-9]*\) QR codes.*/\1/p' "$work/build.log")
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$((runs / 2))]}
verdict=$([ "$median" -lt 3000 ] && echo "meets the target (< 3000 ms)" || echo "MISSES the target (< 3000 ms)")

section=$(cat <<MD
<!-- env-build:begin -->
## env-build of a 50 KB env.yml

Command: \`bench/env-build.sh $runs\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -n1 | cut -d'"' -f2) Java).
env.yml of $size bytes, $codes QR codes; outputs: env.yml.pdf, env-cidata.iso (xorriso) and the package for two
recipients (RSA-3072 and Ed25519/Curve25519). Wall time of \`bin/env-build\` per run, JVM start included:
$(printf '%s ms, ' "${times[@]}" | sed 's/, $//').

Median **${median} ms**, min ${sorted[0]} ms, max ${sorted[$((runs - 1))]} ms: $verdict.
<!-- env-build:end -->
MD
)
echo "$section"
write_section env-build "$section"
