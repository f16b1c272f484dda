#!/usr/bin/env bash
# A whole study driven from the shell with ask / report / tell, on the SQLite default (sweep.db).
# The "training run" is a toy noisy learning curve whose quality depends on lr and width; the
# median pruner stops the clearly bad runs early.
set -euo pipefail
SWEEP=${SWEEP:-sweep}
STUDY=${STUDY:-shell-demo}
TRIALS=${TRIALS:-40}
STEPS=${STEPS:-30}

$SWEEP create "$STUDY" --direction maximize --seed 7 --sampler tpe --pruner median:n_startup_trials=5,n_warmup_steps=3 \
  --param lr=float:1e-4:1:log --param width=int:8:256:log --skip-if-exists
for _ in $(seq "$TRIALS"); do
  set -- $($SWEEP ask --study "$STUDY")              # "12 lr=0.0031 width=64"
  trial=$1; shift; for kv in "$@"; do declare "$kv"; done
  value=0
  for step in $(seq 0 $((STEPS - 1))); do
    value=$(awk -v lr="$lr" -v w="$width" -v s="$step" -v seed="$trial$step" 'BEGIN { srand(seed);
      q = exp(-((log(lr) / log(10) + 2) ^ 2) / 2) * (1 - 8 / (w + 8));
      printf "%.5f", q * (1 - exp(-(s + 1) / 8)) + 0.03 * (rand() - 0.5) }')
    if [ "$($SWEEP report --study "$STUDY" --trial "$trial" --step "$step" --value "$value")" = prune ]; then
      continue 2                                        # recorded as pruned; next trial
    fi
  done
  $SWEEP tell --study "$STUDY" --trial "$trial" --value "$value" >/dev/null
done
$SWEEP studies
$SWEEP best --study "$STUDY"
