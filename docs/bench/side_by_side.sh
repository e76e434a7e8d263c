#!/usr/bin/env bash
# The side-by-side measurement behind docs/performance.md's table: PyTorch and this project alternately,
# in rounds, on one machine. Not used by the build or the tests.
#
#   CHAPTER_NUMPY=/path/to/chapter_numpy.py docs/bench/side_by_side.sh [ROUNDS]
#
# CHAPTER_NUMPY: the chapter's own training loop (its functions, data and training blocks, extracted
# by hand from the book; not shipped with this project), printing "train seconds S". Without it W1
# is skipped. W2's baseline is docs/bench/pytorch_w2.py under Debian's python3-torch, at its best: each
# round runs it twice, with OpenBLAS's own CPU detection (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset)
# and told SkylakeX, or Haswell on a CPU without AVX-512 (on some of these machines its detection picks
# slow SSE3 kernels), and keeps the faster. python3-torch alone links Debian's reference BLAS, which is 5-8x slower: install
# libopenblas0-pthread too (the script refuses to run without it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
rounds="${1:-3}"
if ! OPENBLAS_VERBOSE=2 /usr/bin/python3 -c 'import torch; torch.ones(2, 2) @ torch.ones(2, 2)' 2>&1 | grep -q '^Core:'; then
  echo "side_by_side.sh: PyTorch does not load OpenBLAS here; apt-get install python3-torch libopenblas0-pthread" >&2
  exit 1
fi
pt1() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ${3:+OPENBLAS_CORETYPE=$3} OMP_WAIT_POLICY=PASSIVE \
          OPENBLAS_NUM_THREADS=$1 OMP_NUM_THREADS=$1 /usr/bin/python3 docs/bench/pytorch_w2.py "$1" "$2" 2>&1 \
          | tail -1 | sed 's/.*(\([0-9.]*\) s\/epoch).*/\1/'; }
# the second try: OpenBLAS's AVX-512 kernels where the CPU has them, its AVX2 ones elsewhere (told SkylakeX
# without AVX-512 it dies of an illegal instruction)
alt=Haswell
grep -qw avx512f /proc/cpuinfo && alt=SkylakeX
pt() { printf '%s\n%s\n' "$(pt1 "$1" "$2")" "$(pt1 "$1" "$2" "$alt")" | grep -E "^[0-9.]+$" | sort -g | head -1; }
ours() { ./autoencoder bench --workload w2 --threads "$1" --precision "$2" --repeat 4 --epochs 3 2>&1 | grep '^w2 ' \
         | sed 's/.*(\([0-9.]*\) s\/epoch).*/\1/' | tr '\n' ' '; }
for round in $(seq 1 "$rounds"); do
  if [ -n "${CHAPTER_NUMPY:-}" ]; then
    echo "round $round W1 numpy $(python3 "$CHAPTER_NUMPY" | grep 'train seconds' | awk '{print $3}')"
    echo "round $round W1 ours (10 runs in one JVM) $(./autoencoder bench --workload w1 --threads 1 --repeat 10 2>&1 \
         | grep '^w1 float64' | awk '{print $4}' | tr '\n' ' ')"
  fi
  for t in 1 2; do for p in float64 float32; do
    echo "round $round W2 $p threads=$t pytorch $(pt "$t" "$p") s/epoch; ours (run 1 with the JIT's warm-up, then warm) $(ours "$t" "$p")"
  done; done
done
