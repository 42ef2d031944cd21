#!/usr/bin/env bash
# Prints JaCoCo line and branch coverage totals for each module that has a report.
set -euo pipefail
cd "$(dirname "$0")/.."
for csv in */target/site/jacoco/jacoco.csv; do
  [ -f "$csv" ] || continue
  module=${csv%%/*}
  awk -F, -v m="$module" 'NR>1 {lm+=$8; lc+=$9; bm+=$6; bc+=$7}
    END {
      lt=lm+lc; bt=bm+bc;
      printf "coverage %-8s lines %5.1f%% (%d/%d)  branches %5.1f%% (%d/%d)\n", m,
        lt?100*lc/lt:0, lc, lt, bt?100*bc/bt:0, bc, bt
    }' "$csv"
done
echo "coverage reports: */target/site/jacoco/index.html"
