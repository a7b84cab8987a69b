"""Why hfmaml is float32 only: the distance of its meta-gradient from float32 maml's when the
matrix products run in bfloat16 or float16 (autocast on the model's device), per radius r, next
to maml's own distance under the same autocast and first order's. A measurement, not a CI test
(docs/performance.md, "hfmaml").

The task refuses hfmaml with --bf16-autocast, --tf32 and --amp; this script wraps the task's
float32 step in an outer ``torch.autocast`` instead, so the refused combinations can be measured.

    python benchmarks/hfmaml_precision.py --models ulr_tiny,transformer_d64    # ~2 min on 2 cores
"""

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_meta_step as bench  # noqa: E402


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--models", default="ulr_tiny,transformer_d64", help="comma-separated, of " + ",".join(bench.MODELS))
    p.add_argument("--device", default="cpu")
    p.add_argument("--tokens", type=int, default=1000)
    p.add_argument("--radii", default="0.001,0.01,0.03,0.1")
    p.add_argument("--precisions", default="bfloat16,float16")
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args(argv)
    torch.set_num_threads(a.threads)
    radii = [float(r) for r in a.radii.split(",")]
    data = bench.prepare_data(Path(tempfile.gettempdir()) / "fairseq_maml_bench_data")
    print(f"| precision | model | maml | {' | '.join(f'hfmaml r = {r:g}' for r in radii)} | first order |")
    print("|---" * (len(radii) + 4) + "|")
    for mname in a.models.split(","):
        torch.manual_seed(1)
        _, task, model, criterion = bench.build(data, bench.MODELS[mname] + ["--activation-fn", "gelu"],
                                                a.tokens, a.device)
        sample = bench.episode(task, a.tokens, a.device)

        def meta_gradient(mode, dtype=None, radius=None):
            outer = torch.autocast(a.device.split(":")[0], dtype=dtype) if dtype else contextlib.nullcontext()
            with outer:
                bench.make_step(task, model, criterion, sample, mode, radius=radius)()
            return bench.grads(model)

        with bench.dropout_off(model):
            ref = meta_gradient("maml")
            first_order = bench.relative_error(meta_gradient("fomaml"), ref)
            for name in a.precisions.split(","):
                dtype = getattr(torch, name)
                cells = [bench.relative_error(meta_gradient("maml", dtype), ref)]
                cells += [bench.relative_error(meta_gradient("hfmaml", dtype, r), ref) for r in radii]
                print(f"| {name} autocast | {mname} | " + " | ".join(f"{c:.1e}" for c in cells)
                      + f" | {first_order:.2f} |", flush=True)


if __name__ == "__main__":
    main()
