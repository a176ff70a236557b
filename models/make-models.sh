#!/usr/bin/env bash
# Regenerates the model fixtures in models/ from the study specs in studies/ (run from the
# repository root after `mvn -q -B package -DskipTests`). Needs jq for the JSON sidecars.
# Each model is repeat 0 (seed 11) of a one-strength study with keepModels: all; the sidecar
# holds the run record's provenance, plan and kept-epoch metrics, the study's job hash and spec.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sidecar() {  # sidecar RESULT_DIR RUN_ID SPEC_FILE COMMAND OUT_NAME
  local dir=$1 run=$2 spec=$3 cmd=$4 name=$5
  cp "$dir/runs/$run.zip" "models/$name.zip"
  jq -n --slurpfile rec "$dir/runs/$run.json" --slurpfile job "$dir/job.json" --slurpfile spec "$dir/spec.json" \
     --arg model "$name.zip" --arg specFile "$spec" --arg command "$cmd" --arg run "$run" \
     '{schema: "regstudy-model-sidecar", schemaVersion: 1, model: $model, specFile: $specFile, command: $command,
       run: $run, job: $job[0], seed: $rec[0].seed, strength: $rec[0].strength, plan: $rec[0].plan,
       status: $rec[0].status, epochsRun: $rec[0].epochsRun, kept: $rec[0].history[-1],
       weights: [$rec[0].weights[] | {layer, param, l1, l2, maxAbs, sparsity, exactZeros}],
       provenance: $rec[0].provenance, spec: $spec[0]}' > "models/$name.json"
}

awk -F, 'NR == 1 || $NF < 5' data/digits.csv > "$work/digits-0-4.csv"
# the four studies are independent: run them side by side
for kind in l2 l1 l1-proximal; do
  ./regstudy study "studies/models-digits-$kind.yaml" --out "$work/$kind" --no-report > /dev/null &
done
./regstudy study studies/models-digits-pretrain.yaml --set "data.file=$work/digits-0-4.csv" --out "$work/pretrain" \
    --no-report > /dev/null &
wait

for kind in l2 l1 l1-proximal; do
  sidecar "$work/$kind" s01-r0 "studies/models-digits-$kind.yaml" \
      "./regstudy study studies/models-digits-$kind.yaml --out DIR" "digits-$kind"
done
# the unpenalized baseline s00 of the L2 study (identical in all three: same data, split and seed)
sidecar "$work/l2" s00-r0 studies/models-digits-l2.yaml \
    "./regstudy study studies/models-digits-l2.yaml --out DIR (candidate s00)" digits-none
# pre-training on the digits 0-4 only
sidecar "$work/pretrain" s00-r0 studies/models-digits-pretrain.yaml \
    "awk -F, 'NR == 1 || \$NF < 5' data/digits.csv > digits-0-4.csv; ./regstudy study studies/models-digits-pretrain.yaml --set data.file=digits-0-4.csv --out DIR" \
    digits-0-4-pretrained
ls -l models/*.zip
