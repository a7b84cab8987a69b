"""Minor page faults and time of one second-order update: the plugin's maml against the textbook
``torch.func`` peer (a measurement, not a CI test).

A fresh multi-MB tensor is mapped by the allocator and zeroed page by page when first touched;
this counts those faults (``getrusage``) around each update, one configuration after the other.
Uses ``bench_meta_step.py``'s models, episode (support = query) and steps.

    python benchmarks/page_faults.py --model transformer_d512 --repeats 4 --threads 1

``--with-bf16`` interleaves a bfloat16-autocast maml update (``--bf16-autocast``) between the
float32 ones, to see whether mixing precisions slows the float32 step.
"""

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_meta_step as B  # noqa: E402


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", default="transformer_d512", choices=sorted(B.MODELS))
    p.add_argument("--repeats", type=int, default=4)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--tokens", type=int, default=1000)
    p.add_argument("--with-bf16", action="store_true",
                   help="also time a maml update under bfloat16 autocast, interleaved")
    a = p.parse_args(argv)
    torch.set_num_threads(a.threads)
    data = B.prepare_data(Path(tempfile.gettempdir()) / "fairseq_maml_bench_data")
    _, task, model, criterion = B.build(data, B.MODELS[a.model], a.tokens, "cpu")
    sample = B.timed_episode(B.episode(task, a.tokens, "cpu"), "query")
    steps = {"maml": B.make_step(task, model, criterion, sample, "maml"),
             "peer (func)": B.make_step(task, model, criterion, sample, "peer", peer="func")}
    if a.with_bf16:
        steps["maml, bf16 autocast"] = B.make_step(task, model, criterion, sample, "maml", amp="bf16")
    for step in steps.values():
        step()  # warm-up
    seen = {name: ([], []) for name in steps}
    for _ in range(a.repeats):
        for name, step in steps.items():
            faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
            t0 = time.perf_counter()
            step()
            seen[name][0].append(time.perf_counter() - t0)
            seen[name][1].append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults)
    for name, (times, faults) in seen.items():
        print(f"{a.model} {name}: median {1000 * statistics.median(times):.0f} ms, "
              f"minor page faults per update {faults}")
    return seen


if __name__ == "__main__":
    main()
