#!/usr/bin/env bash
# Compile cost of the models layer: one translation unit with 100 models x 10 columns that reflects
# them all, against the same structs without annotations (same includes) compiled in the same run.
# Prints the seconds and the compiler's peak memory of each, and their ratio.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cxx=${TEMPEST_BENCH_CXX:?run through scripts/bench}
read -r -a flags <<<"${TEMPEST_BENCH_CXXFLAGS:?run through scripts/bench}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$here/generate_models.sh" 100 10 >"$work/models.hpp"
"$here/generate_models.sh" 100 10 --plain >"$work/plain.hpp"
printf '#include "models.hpp"\nint main() { return bench_models::reflect_all().tables.size() == 100 ? 0 : 1; }\n' >"$work/models.cpp"
printf '#include "plain.hpp"\nint main() { return sizeof(bench_models::model_99) > 0 ? 0 : 1; }\n' >"$work/plain.cpp"

# Seconds and peak resident KiB of one compile (-O0, as in a development build).
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$cxx" "${flags[@]}" -O0 -c "$work/$1.cpp" -o "$work/$1.o"
  cat "$work/time.txt"
}
# Best of three, to damp the noise of a shared machine.
best() {
  local best_s="" best_kib="" s kib
  for _ in 1 2 3; do
    read -r s kib < <(measure "$1")
    if [[ -z $best_s ]] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; fi
    if [[ -z $best_kib ]] || ((kib > best_kib)); then best_kib=$kib; fi
  done
  echo "$best_s $best_kib"
}

read -r plain_s plain_kib < <(best plain)
read -r models_s models_kib < <(best models)
awk -v s="$models_s" -v k="$models_kib" -v ps="$plain_s" -v pk="$plain_kib" 'BEGIN {
  printf "result: compile_100x10_s %.2f s\n", s
  printf "result: compile_100x10_peak_mib %.0f MiB\n", k / 1024
  printf "result: compile_100x10_plain_s %.2f s\n", ps
  printf "result: compile_100x10_plain_peak_mib %.0f MiB\n", pk / 1024
  printf "result: compile_100x10_vs_plain %.2f x\n", s / ps
}'
