# Sourced by the benchmark scripts: write_section NAME TEXT replaces the section NAME of docs/benchmarks.md (between
# its begin and end markers, which TEXT must hold), or appends it.
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
