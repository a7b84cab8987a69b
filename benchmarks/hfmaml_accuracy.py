"""How close hfmaml's meta-gradient comes to maml's: relative L2 distance per radius r of its
finite difference, by activation (ReLU's kinks against smooth GELU/tanh), by precision (float64,
float32, and bfloat16/float16 products through autocast), next to first order's distance. A
measurement, not a CI test (docs/reports/performance.md, "hfmaml").

The reference is maml's meta-gradient in float64 for the float64 rows and in float32 for the
others (dropout off, same episode). The task refuses hfmaml with ReLU and with mixed precision;
this script goes past those checks (they run when a model is built and at the first update) so
that what they prevent can be measured: the model is built with --meta-mode maml and switched,
and reduced-precision products come from an outer ``torch.autocast`` around the float32 step.

    python benchmarks/hfmaml_accuracy.py                                     # the defaults: ~3 min on 2 cores
    python benchmarks/hfmaml_accuracy.py --models ulr_tiny,transformer_d64 --activations gelu \\
        --precisions bfloat16,float16 --radii 0.001,0.01,0.03,0.1            # mixed precision
"""

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

import torch
from fairseq import utils

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_meta_step as bench  # noqa: E402


@contextlib.contextmanager
def float64_softmax():
    """fairseq's attention softmax computes in float32 (fairseq.utils.softmax): keep float64."""
    import fairseq.utils

    saved = fairseq.utils.softmax
    fairseq.utils.softmax = lambda x, dim, onnx_trace=False: torch.softmax(x, dim=dim)
    try:
        yield
    finally:
        fairseq.utils.softmax = saved


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--models", default="transformer_small,transformer_d64",
                   help="comma-separated, of " + ",".join(bench.MODELS))
    p.add_argument("--activations", default="relu,gelu,tanh")
    p.add_argument("--precisions", default="float64,float32",
                   help="float64, float32 (the weights' dtype), bfloat16, float16 (float32 weights, autocast)")
    p.add_argument("--radii", default="0.0001,0.0003,0.001,0.01,0.1")
    p.add_argument("--device", default="cpu")
    p.add_argument("--tokens", type=int, default=1000)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args(argv)
    torch.set_num_threads(a.threads)
    radii = [float(r) for r in a.radii.split(",")]
    data = bench.prepare_data(Path(tempfile.gettempdir()) / "fairseq_maml_bench_data")
    print(f"| model | activation | precision | maml | {' | '.join(f'hfmaml r = {r:g}' for r in radii)} | first order |")
    print("|---" * (len(radii) + 5) + "|")
    for mname in a.models.split(","):
        for act in a.activations.split(","):
            for name in a.precisions.split(","):
                dtype = getattr(torch, name)
                weights = dtype if dtype in (torch.float64, torch.float32) else torch.float32
                torch.manual_seed(1)
                _, task, model, criterion = bench.build(data, bench.MODELS[mname] + ["--activation-fn", act],
                                                        a.tokens, a.device)
                model.to(weights)
                sample = bench.episode(task, a.tokens, a.device)
                sample = utils.apply_to_sample(lambda t: t.to(weights) if t.is_floating_point() else t, sample)
                autocast = weights is not dtype

                def meta_gradient(mode, radius=None, cast=False):
                    outer = torch.autocast(a.device.split(":")[0], dtype=dtype) if cast else contextlib.nullcontext()
                    with outer:
                        bench.make_step(task, model, criterion, sample, mode, radius=radius)()
                    return bench.grads(model)

                exact = float64_softmax() if weights is torch.float64 else contextlib.nullcontext()
                with bench.dropout_off(model), exact:
                    ref = meta_gradient("maml")
                    first_order = bench.relative_error(meta_gradient("fomaml"), ref)
                    maml = bench.relative_error(meta_gradient("maml", cast=True), ref) if autocast else 0.0
                    cells = [bench.relative_error(meta_gradient("hfmaml", r, cast=autocast), ref) for r in radii]
                print(f"| {mname} | {act} | {name}{' autocast' if autocast else ''} | "
                      + (f"{maml:.1e}" if autocast else "-") + " | " + " | ".join(f"{c:.1e}" for c in cells)
                      + f" | {first_order:.2f} |", flush=True)


if __name__ == "__main__":
    main()
