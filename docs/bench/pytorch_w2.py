"""W2 in PyTorch, for the side-by-side in docs/performance.md (not used by the build or tests).

Same data as `autoencoder bench` (numpy's legacy RandomState(2024): factors, mixing matrix, noise,
in that order), same network, optimizer, batch size and epochs. Prints seconds per epoch.
usage: [OPENBLAS_CORETYPE=SkylakeX] OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS=T OMP_NUM_THREADS=T \
       /usr/bin/python3 pytorch_w2.py T float64|float32 [EPOCHS]
(Debian: python3-torch and libopenblas0-pthread; where OpenBLAS detects its slow "Prescott" kernels, name the core)
"""
import sys, time
import numpy as np
import torch

threads, precision = int(sys.argv[1]), sys.argv[2]
epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
torch.set_num_threads(threads)
rng = np.random.RandomState(2024)
f = rng.standard_normal((20000, 16))
a = rng.standard_normal((16, 256)) / 4.0
x = np.tanh(f @ a) + 0.05 * rng.standard_normal((20000, 256))
dtype = torch.float64 if precision == "float64" else torch.float32
data = torch.tensor(x, dtype=dtype)
torch.manual_seed(7)
model = torch.nn.Sequential(torch.nn.Linear(256, 128), torch.nn.Tanh(), torch.nn.Linear(128, 32), torch.nn.Tanh(),
                            torch.nn.Linear(32, 128), torch.nn.Tanh(), torch.nn.Linear(128, 256)).to(dtype)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = torch.nn.MSELoss()
start = time.perf_counter()
for epoch in range(epochs):
    perm = torch.randperm(data.shape[0])
    total = 0.0
    for i in range(0, data.shape[0], 128):
        batch = data[perm[i:i + 128]]
        opt.zero_grad()
        loss = loss_fn(model(batch), batch)
        loss.backward()
        opt.step()
        total += loss.item() * batch.shape[0]
seconds = time.perf_counter() - start
print(f"pytorch w2 {precision} threads={threads}: {seconds:.4f} s ({seconds / epochs:.5f} s/epoch), "
      f"final loss {total / data.shape[0]:.6g}, torch {torch.__version__}")
