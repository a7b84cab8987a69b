"""Time of one gloo ``all_reduce`` of N float32 values between 2 local processes (1 thread each),
the communication a data-parallel meta-training update adds. Run by ddp_scaling.sh.

    python benchmarks/allreduce_time.py N [--repeats 5]
"""

import argparse
import socket
import time

import torch
import torch.distributed as dist
import torch.multiprocessing as mp


def worker(rank, port, n, repeats, out):
    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=2)
    x = torch.randn(n)
    for _ in range(2):  # warm-up
        dist.all_reduce(x)
    dist.barrier()
    start = time.perf_counter()
    for _ in range(repeats):
        dist.all_reduce(x)
    if rank == 0:
        out.put((time.perf_counter() - start) / repeats)
    dist.barrier()
    dist.destroy_process_group()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("n", type=int, help="number of float32 values (the model's trained parameters)")
    p.add_argument("--repeats", type=int, default=5)
    a = p.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=worker, args=(r, port, a.n, a.repeats, out)) for r in (0, 1)]
    for proc in procs:
        proc.start()
    seconds = out.get(timeout=600)
    for proc in procs:
        proc.join()
    print(f"gloo all_reduce of {a.n:,} float32 ({a.n * 4 / 2**20:.1f} MiB) between 2 processes: "
          f"{seconds * 1000:.1f} ms (mean of {a.repeats})")


if __name__ == "__main__":
    main()
