#!/usr/bin/env bash
# Runs `autoencoder evaluate` (PyOD's protocol: 5 splits, 60/40, ROC AUC on the held-out 40%) on the twelve
# labelled ODDS tables in ../shared/data/odds with the default training options, plus any options given here,
# and writes the table to docs/anomaly-benchmark.md between its two "suite" markers.
#   docs/bench/anomaly_suite.sh                 # the defaults, rewrites the page's table
#   docs/bench/anomaly_suite.sh --members 1     # other options: prints the table, leaves the page alone
# Needs the built jar (mvn -B package -DskipTests) and python3 (for formatting only).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${ODDS_DIR:-$root/../shared/data/odds}
[ -f "$data/README.md" ] || { echo "anomaly_suite.sh: no ODDS tables in $data; set ODDS_DIR" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
files=(breastw cardio glass ionosphere lympho mammography musk optdigits pima satellite shuttle vowels)
for f in "${files[@]}"; do
  start=$(date +%s.%N)
  "$root/autoencoder" evaluate --data "$data/$f.csv.gz" --label-column label --json "$@" > "$work/$f.json"
  echo "$(date +%s.%N) - $start" | bc > "$work/$f.seconds"
  echo "$f done" >&2
done
python3 - "$work" "$data/README.md" "$*" "${files[@]}" > "$work/table.md" <<'PY'
import json, re, sys
work, readme, options, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
ref = {}
for line in open(readme):
    m = re.match(r"\| `(\w+)\.csv\.gz` \|(.*)", line)
    if m:
        cells = [c.strip() for c in m.group(2).split("|")]
        ref[m.group(1)] = dict(rows=cells[0], dims=cells[1], iforest=float(cells[3]), pca=float(cells[4]), pyod_ae=float(cells[5]))
print("| file | rows | dims | Isolation Forest | PCA90 | AE (PyOD style) | **autoencoder (ours)** | PR AUC (ours) | PCA90 (ours) | seconds |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
sums = dict(iforest=0, pca=0, pyod_ae=0, ours=0, pr=0, ourpca=0)
beat_ae = beat_if = 0
for f in files:
    doc = json.load(open(f"{work}/{f}.json"))
    ours, pr, ourpca = doc["mean"]["autoencoder"]["rocAuc"], doc["mean"]["autoencoder"]["prAuc"], doc["mean"]["pca"]["rocAuc"]
    secs = float(open(f"{work}/{f}.seconds").read())
    r = ref[f]
    beat_ae += ours > r["pyod_ae"]
    beat_if += ours > r["iforest"]
    for k, v in (("iforest", r["iforest"]), ("pca", r["pca"]), ("pyod_ae", r["pyod_ae"]), ("ours", ours), ("pr", pr), ("ourpca", ourpca)):
        sums[k] += v
    print(f"| {f} | {r['rows']} | {r['dims']} | {r['iforest']:.3f} | {r['pca']:.3f} | {r['pyod_ae']:.3f} | **{ours:.3f}** | {pr:.3f} | {ourpca:.3f} | {secs:.1f} |")
n = len(files)
print(f"| **mean** | | | **{sums['iforest']/n:.3f}** | **{sums['pca']/n:.3f}** | **{sums['pyod_ae']/n:.3f}** | **{sums['ours']/n:.3f}** | {sums['pr']/n:.3f} | {sums['ourpca']/n:.3f} | |")
print()
print(f"Options: {options or '(the defaults)'}. Mean ROC AUC to four places: ours {sums['ours']/n:.4f}, Isolation Forest "
      f"{sums['iforest']/n:.4f}. Ours above the PyOD-style autoencoder on {beat_ae} of {n} tables, "
      f"above Isolation Forest on {beat_if} of {n}. Seconds: the whole `evaluate` command (5 trainings and the PCA "
      f"baseline, JVM start included) on this machine.")
PY
page="$root/docs/anomaly-benchmark.md"
if [ $# -eq 0 ] && grep -q '<!-- suite:start -->' "$page"; then
  python3 - "$page" "$work/table.md" <<'PY'
import sys
page, table = sys.argv[1], open(sys.argv[2]).read()
s = open(page).read()
a, b = s.index("<!-- suite:start -->") + len("<!-- suite:start -->"), s.index("<!-- suite:end -->")
open(page, "w").write(s[:a] + "\n" + table + s[b:])
PY
  echo "wrote the table to $page" >&2
else
  cat "$work/table.md"
fi
