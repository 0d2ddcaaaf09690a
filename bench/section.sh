# Sourced by the benchmark scripts.

# maven LOG ARG...: runs mvn -B -ntp ARG... with its output in LOG; when it fails, shows the end of LOG and stops.
maven() {
  local log=$1
  shift
  mkdir -p "$(dirname "$log")"
  mvn -B -ntp "$@" > "$log" 2>&1 && return 0
  tail -n 40 "$log" >&2
  echo "$(basename "$0"): mvn $* failed (the end of its output, $log, is above)" >&2
  exit 1
}

# await_quiet_machine: waits (at most 20 minutes) for the machine's other test JVMs to end: on two cores they skew
# the numbers. Uses the script's say.
await_quiet_machine() {
  local waited others
  for ((waited = 0; waited < 40; waited++)); do
    others=$(pgrep -f 'surefire|failsafe' || true)
    [ -z "$others" ] && return 0
    say "waiting for other test JVMs to end ($(echo "$others" | wc -l) processes; load $(cut -d' ' -f1-3 /proc/loadavg))"
    sleep 30
  done
}

# write_section NAME TEXT replaces the section NAME of docs/benchmarks.md (between its begin and end markers, which
# TEXT must hold), or appends it.
write_section() {
  local name=$1 section=$2 file=docs/benchmarks.md
  [ -f "$file" ] || printf '# Benchmarks\n\nEach section is written by the command it names; run it again to refresh it.\n' > "$file"
  if grep -q "<!-- $name:begin -->" "$file"; then
    awk -v s="$section" -v b="<!-- $name:begin -->" -v e="<!-- $name:end -->" \
      '$0 == b {print s; skip=1} $0 == e {skip=0; next} !skip' "$file" > "$file.new"
    mv "$file.new" "$file"
  else
    printf '\n%s\n' "$section" >> "$file"
  fi
}
