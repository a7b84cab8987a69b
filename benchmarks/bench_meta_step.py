"""Cost of one meta-training update, side by side (a benchmark, not a CI test).

On the same model, the same episode and the same machine, in one run, interleaved. The timed
episode's support batch is its query batch (``--support query``, the default): support and query
then have exactly the same shape, as the cost model assumes ("support and query each of the
query's size"); two distinct batches of ~``--max-tokens`` tokens differ in padded size (the slice's
first de-en pair: 55x8 source / 55x18 target positions against 50x14 / 50x20), which moves the
ratios by ~10%. ``--support episode`` times the task's own distinct support batch instead. The
meta-gradient checks always use the distinct batches.

- ``plain``: fairseq's own ``FairseqTask.train_step`` on the query batch (ordinary training);
- ``multitask``, ``fomaml``, ``reptile``, ``maml``, ``hfmaml``: ``MetaTranslationTask.train_step``
  (``hfmaml``: maml's meta-gradient with a finite-difference Hessian-vector product; its distance
  from maml's is checked per model, for every ``--hfmaml-radii``);
- ``peer (higher)``, ``peer (func)``: the same second-order step written as a user would without
  the plugin: with the meta-learning library ``higher`` (where it installs and can patch the
  model) and as the textbook ``torch.func.functional_call`` + ``torch.autograd.grad(create_graph=True)``
  loop; each peer's meta-gradient is checked against the plugin's before anything is timed;
- sweeps on the first model: inner steps (1, 2, 4), adapted parameters (all, embeddings+encoder,
  embeddings), batch size (tokens per batch).

Per configuration: median time per update, tokens/s (support + query tokens for the meta modes
and multitask, query tokens for plain), the ratio to ``plain`` on the same model and batch
size, the floating-point operations of one update (matrix products, counted by
``torch.utils.flop_counter``; deterministic, so the work each mode does is compared without
timing noise: the floor its time ratio can be judged against), and peak memory of one update:
on CPU the peak of live tensor bytes (torch profiler) and the peak growth of the process RSS
(sampled); on CUDA ``torch.cuda.max_memory_allocated`` minus what
was allocated before the update. Timings are interleaved (every repeat runs every configuration
once) so a load that changes over the run hits all configurations alike; the spread
(min..max) is printed next to each median.

    python benchmarks/bench_meta_step.py --out runs/bench.json              # CPU, full preset
    python benchmarks/bench_meta_step.py --device cuda --preset short       # what gpu_check.sh runs
"""

import argparse
import contextlib
import ctypes
import datetime
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Dict, List

import torch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from fairseq import options, tasks  # noqa: E402
from fairseq.dataclass.utils import convert_namespace_to_omegaconf  # noqa: E402
from fairseq.tasks import FairseqTask  # noqa: E402

from fairseq_maml.meta import double_backward_attention  # noqa: E402
from fairseq_maml.meta.peers import peer_step_func, peer_step_higher, peers_for  # noqa: E402
from fairseq_maml.training.episode import inner_parameters  # noqa: E402
from fairseq_maml.training.fairseq_glue import for_model  # noqa: E402
from fairseq_maml.validate import kinked_activation  # noqa: E402

PLUGIN = str(REPO / "fairseq_maml")
RAW = REPO / "examples" / "data" / "tatoeba-slice"
MODES = ("plain", "multitask", "fomaml", "reptile", "maml", "hfmaml")

def _transformer(dim: int, heads: int) -> List[str]:
    """fairseq's own ``transformer``, 3+3 layers, model width ``dim``, ffn 4 * dim."""
    return ["--arch", "transformer", "--encoder-layers", "3", "--decoder-layers", "3",
            "--encoder-embed-dim", str(dim), "--decoder-embed-dim", str(dim),
            "--encoder-ffn-embed-dim", str(4 * dim), "--decoder-ffn-embed-dim", str(4 * dim),
            "--encoder-attention-heads", str(heads), "--decoder-attention-heads", str(heads)]


MODELS = {
    # 3+3 layers, d=256, ffn 1024: the plugin's ULR model and fairseq's own transformer
    "ulr_small": ["--arch", "ulr_transformer_small"],
    "transformer_small": _transformer(256, 4),
    # the other two widths of issue 5's measurements (fairseq transformer, 3+3 layers)
    "transformer_d64": _transformer(64, 4),
    "transformer_d512": _transformer(512, 8),
    # d=64, 2+2 layers, ffn 128
    "ulr_tiny": ["--arch", "ulr_transformer_tiny"],
}

PRESETS = {
    # name: models, repeats, tokens per batch, sweeps?, batch-size sweep
    "full": dict(models=["ulr_small", "transformer_small", "ulr_tiny"], repeats=7, tokens=1000,
                 sweeps=True, sizes=[500, 1000, 2000]),
    "short": dict(models=["ulr_small", "transformer_small"], repeats=5, tokens=1000,
                  sweeps=True, sizes=[1000, 4000]),
    "smoke": dict(models=["ulr_tiny"], repeats=2, tokens=300, sweeps=True, sizes=[300]),
}


AMP_SCALE = 2.0 ** 7  # the loss scale of the fp16 --amp rows (gradients come back scaled by it)


@contextlib.contextmanager
def tf32(enabled: bool = True):
    """TF32 matrix products and convolutions (what ``TORCH_ALLOW_TF32_CUBLAS_OVERRIDE=1`` or
    ``torch.backends.cuda.matmul.allow_tf32 = True`` give a fairseq run), restored afterwards."""
    saved = torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = enabled
    try:
        yield
    finally:
        torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32 = saved


class BackwardOnly:
    """The part of fairseq's optimizer interface that ``train_step`` uses."""

    def backward(self, loss):
        loss.backward()


def amp_optimizer(init_scale: float):
    """What ``train_step`` sees of fairseq's ``--amp`` optimizer: an ``AMPOptimizer`` (so the task
    and FairseqTask switch autocast on) with a grad scaler; its backward scales the loss."""
    from fairseq.optim.amp_optimizer import AMPOptimizer

    class AmpBackward(AMPOptimizer):
        def __init__(self):  # no fairseq optimizer underneath: only backward is used
            self._grad_scaler = torch.amp.GradScaler("cuda", init_scale=init_scale)

        def backward(self, loss):
            self._grad_scaler.scale(loss).backward()

    return AmpBackward()


# -- setup ---------------------------------------------------------------------------------------
def prepare_data(cache: Path) -> Path:
    from fairseq_maml.cli.prepare import prepare

    bin_dir = cache / "bin"
    if not (bin_dir / "train.de-en.de.bin").exists():
        prepare(str(RAW), str(cache), "de-en", raw_subdir="meta", splits="train", quiet=True)
    return bin_dir


def build(data: Path, model_args: List[str], tokens: int, device: str, extra=()):
    parser = options.get_training_parser()
    args = options.parse_args_and_arch(parser, [
        str(data), "--user-dir", PLUGIN, "--task", "meta_translation", "--lang-pairs", "de-en",
        "--criterion", "meta_label_smoothed_cross_entropy", "--label-smoothing", "0.1",
        "--dropout", "0.1", "--max-tokens", str(tokens), "--seed", "1",
        "--meta-mode", "maml", "--inner-lr", "0.1", "--adaptation-log-interval", "0",
        *model_args, *extra,
    ])
    cfg = convert_namespace_to_omegaconf(args)
    task = tasks.setup_task(cfg.task)
    model = task.build_model(cfg.model).to(device)
    criterion = task.build_criterion(cfg.criterion).to(device)
    task.load_dataset("train")
    return cfg, task, model, criterion


def episode(task, tokens: int, device: str, index: int = 0):
    """One episode of ~``tokens`` tokens per batch (distinct support and query batches), on ``device``."""
    from fairseq import utils

    task._episodes = None
    itr = task.get_batch_iterator(task.dataset("train"), max_tokens=tokens,
                                  max_positions=(1024, 1024), seed=1)
    it = itr.next_epoch_itr(shuffle=False)
    for _ in range(index + 1):
        sample = next(it)
    if device != "cpu":
        sample = utils.move_to_cuda(sample)
    return sample


def timed_episode(sample, support: str):
    """The episode to time: ``support="query"`` makes the query batch the support batch too (the
    same shapes, so the same work per pass); ``"episode"`` keeps the distinct support batch."""
    if support == "query":
        return dict(sample, support=sample["query"])
    return sample


def sync(device):
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def tensor_peak_cpu(fn) -> int:
    """Peak of live CPU tensor bytes during ``fn()`` (allocated minus freed, in time order).

    Uses the profiler's low-level entry points: ``torch.profiler.profile`` would also build its
    Python event tree, which takes minutes for a second-order step with 4 inner steps."""
    from torch.autograd.profiler import (ProfilerConfig, ProfilerState, _disable_profiler,
                                         _enable_profiler, _ExperimentalConfig, _prepare_profiler)
    from torch.profiler import ProfilerActivity

    config = ProfilerConfig(ProfilerState.KINETO, False, True, False, False, False,
                            _ExperimentalConfig())
    activities = {ProfilerActivity.CPU}
    _prepare_profiler(config, activities)
    _enable_profiler(config, activities)
    try:
        fn()
    finally:
        result = _disable_profiler()
    cpu = torch.autograd.DeviceType.CPU
    events = sorted((e.start_ns(), e.nbytes()) for e in result.events()
                    if e.name() == "[memory]" and e.device_type() == cpu)
    live = peak = 0
    for _, nbytes in events:
        live += nbytes
        peak = max(peak, live)
    return int(peak)


def rss_peak_growth(fn) -> int:
    """Peak growth of the process RSS during ``fn()``, sampled every ~1 ms (after malloc_trim)."""
    page = os.sysconf("SC_PAGE_SIZE")

    def rss():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * page

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:
        pass
    base = rss()
    peak = [base]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], rss())
            time.sleep(0.001)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    try:
        fn()
    finally:
        done.set()
        t.join()
    peak[0] = max(peak[0], rss())
    return peak[0] - base


def count_flops(fn) -> int:
    """Floating-point operations of ``fn()`` in matrix products (``mm``, ``addmm``, ``bmm``,
    attention, ...), forward and every backward, as ``torch.utils.flop_counter`` counts them.

    Its registry knows the CUDA attention kernels but not the fused CPU one, which the plugin's
    query pass uses (only the support pass needs the math kernel): counted here with the same
    formulas, or the plugin would be credited with the query's attention products for free."""
    from torch.utils.flop_counter import FlopCounterMode, sdpa_backward_flop_count, sdpa_flop_count

    def forward(query, key, value, *args, out_shape=None, **kwargs):  # shapes, as for the CUDA kernels
        return sdpa_flop_count(query, key, value)

    def backward(grad_out, query, key, value, *args, out_shape=None, **kwargs):
        return sdpa_backward_flop_count(grad_out, query, key, value)

    aten = torch.ops.aten
    cpu_flash = {}
    if hasattr(aten, "_scaled_dot_product_flash_attention_for_cpu"):
        cpu_flash = {aten._scaled_dot_product_flash_attention_for_cpu: forward,
                     aten._scaled_dot_product_flash_attention_for_cpu_backward: backward}
    with FlopCounterMode(display=False, custom_mapping=cpu_flash) as counter:
        fn()
    return int(counter.get_total_flops())


# ATen operators that only make a new view or alias of a tensor's data: no kernel runs
METADATA_OPS = frozenset({"alias", "as_strided", "chunk", "detach", "expand", "permute", "select", "slice",
                          "split", "squeeze", "t", "transpose", "unbind", "unsqueeze", "view",
                          "_reshape_alias", "_unsafe_view"})


def count_kernels(fn) -> int:
    """ATen operators of ``fn()`` that run a kernel (every one but views and other metadata-only
    ops), forward and every backward. On a GPU each is one kernel launch or more (a foreach call:
    one per few dozen tensors); where launches, not arithmetic, set the time (the small models of
    docs/reports/performance.md's GPU section), this is the cost model, as long as the ops compared are
    issued alike (ops issued from Python cost more to launch than autograd's own: the reverted
    LayerNorm change recorded in docs/reports/performance.md issued fewer and ran slower). A fixed count per
    update: no timing, the same on CPU as on CUDA."""
    from torch.utils._python_dispatch import TorchDispatchMode

    class Counter(TorchDispatchMode):
        count = 0

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            if not func.is_view and func._schema.name.split("::")[-1] not in METADATA_OPS:
                Counter.count += 1
            return func(*args, **(kwargs or {}))

    with Counter():
        fn()
    return Counter.count


def cuda_peak(fn, device) -> int:
    sync(device)
    before = torch.cuda.memory_allocated(device)
    torch.cuda.reset_peak_memory_stats(device)
    fn()
    sync(device)
    return torch.cuda.max_memory_allocated(device) - before


class Config:
    """One thing to time: a name, the update as a closure, and the tokens it processes."""

    def __init__(self, group, name, fn, tokens, baseline=None, meta=None):
        self.group, self.name, self.fn, self.tokens = group, name, fn, tokens
        self.baseline = baseline  # name of the config in the same group to divide by
        self.meta = meta or {}
        self.times: List[float] = []
        self.memory: Dict[str, int] = {}
        self.flops = 0
        self.kernels = 0


def make_step(task, model, criterion, sample, mode, *, steps=1, params="all", log_interval=0,
              peer=None, amp=None, attention=None, radius=None):
    """A closure that runs one update (zero grads, forward, backward) of ``mode``.

    ``amp``: None (float32), "tf32" (float32 weights and activations, TF32 matrix products),
    "bf16" (autocast to bfloat16: the task's --bf16-autocast for the meta modes) or "fp16" (fairseq
    --amp: float16 autocast and a loss scale).
    ``attention="math"`` forces the math SDPA kernel for the whole step.
    """
    meta = mode not in ("plain", "peer")
    opt = BackwardOnly()
    if amp == "fp16":
        opt = amp_optimizer(AMP_SCALE)
    elif amp == "bf16" and not meta:
        opt = amp_optimizer(1.0)  # FairseqTask.train_step autocasts (to the outer bf16) only for AMP
    # the meta modes get bf16 through the task's own flag (--bf16-autocast), as fairseq-train does
    dtype = {"bf16": None if meta else torch.bfloat16, "fp16": torch.float16}.get(amp)

    def autocast():
        stack = contextlib.ExitStack()
        if dtype is not None:
            stack.enter_context(torch.autocast(next(model.parameters()).device.type, dtype=dtype))
        if amp == "tf32":
            stack.enter_context(tf32())
        if attention == "math":
            stack.enter_context(double_backward_attention())
        return stack

    def set_cfg():
        task.cfg.meta_mode = "maml" if mode in ("plain", "peer") else mode
        task.cfg.inner_steps = steps
        task.cfg.inner_params = params
        task.cfg.adaptation_log_interval = log_interval
        task.cfg.bf16_autocast = amp == "bf16"
        if radius is not None:
            task.cfg.hfmaml_radius = radius

    if mode == "plain":
        query = for_model(sample["query"], model)

        def run():
            set_cfg()
            model.zero_grad(set_to_none=True)
            with autocast():
                FairseqTask.train_step(task, query, model, criterion, opt, 1)
        return run
    if mode == "peer":
        src = sample["query"]["net_input"]["src_lang"]
        ids = {id(p) for p in inner_parameters(model, params, src)}
        names = [n for n, p in model.named_parameters() if id(p) in ids]
        step_fn = peer_step_higher if peer == "higher" else peer_step_func
        sample = for_model(sample, model)

        def run():
            model.zero_grad(set_to_none=True)
            model.train()
            with autocast(), double_backward_attention():
                step_fn(model, criterion, sample, names, task.cfg.inner_lr, steps)
        return run

    def run():
        set_cfg()
        model.zero_grad(set_to_none=True)
        with autocast():
            task.train_step(sample, model, criterion, opt, update_num=1)
    return run


def grads(model) -> Dict[str, torch.Tensor]:
    return {n: p.grad.detach().clone() for n, p in model.named_parameters() if p.grad is not None}


def relative_error(a: Dict[str, torch.Tensor], b: Dict[str, torch.Tensor]) -> float:
    keys = set(a) | set(b)
    num = den = 0.0
    for k in keys:
        x = a.get(k)
        y = b.get(k)
        x = torch.zeros_like(y) if x is None else x
        y = torch.zeros_like(x) if y is None else y
        num += float((x.double() - y.double()).norm() ** 2)
        den += float(y.double().norm() ** 2)
    return (num / max(den, 1e-300)) ** 0.5


@contextlib.contextmanager
def dropout_off(model):
    """Dropout probabilities set to 0 (train_step calls model.train(), so eval() is not enough),
    restored afterwards: every step compared sees the same function."""
    saved = {m: m.p for m in model.modules() if isinstance(getattr(m, "p", None), float)}
    for m in saved:
        m.p = 0.0
    try:
        yield
    finally:
        for m, p in saved.items():
            m.p = p


def check_peer(task, model, criterion, sample, peer, params="all", steps=1, seed=0) -> float:
    """Relative L2 error between the plugin's and the peer's meta-gradient (dropout off)."""
    model.eval()
    with dropout_off(model):
        torch.manual_seed(seed)
        make_step(task, model, criterion, sample, "maml", steps=steps, params=params)()
        ours = grads(model)
        torch.manual_seed(seed)
        make_step(task, model, criterion, sample, "peer", steps=steps, params=params, peer=peer)()
        theirs = grads(model)
        torch.manual_seed(seed)
        make_step(task, model, criterion, sample, "fomaml", steps=steps, params=params)()
        first_order = grads(model)
    return relative_error(theirs, ours), relative_error(first_order, ours)


def check_hfmaml(task, model, criterion, sample, radii, params="all", amp=None) -> Dict[float, float]:
    """Relative L2 error of the hfmaml meta-gradient (in precision ``amp``: None, "tf32" or "bf16";
    the task refuses "fp16", fairseq's --amp) against float32 maml's (dropout off), per radius r
    of the finite difference; inf where a gradient is NaN/Inf. The task's radius is restored."""
    saved = task.cfg.hfmaml_radius
    out = {}
    with dropout_off(model):
        make_step(task, model, criterion, sample, "maml", params=params)()
        ref = grads(model)
        for r in radii:
            make_step(task, model, criterion, sample, "hfmaml", params=params, radius=r, amp=amp)()
            g = grads(model)
            finite = all(bool(torch.isfinite(v).all()) for v in g.values())
            out[r] = relative_error(g, ref) if finite else float("inf")
    task.cfg.hfmaml_radius = saved
    return out


def check_precisions(task, model, criterion, sample, precisions=("tf32", "bf16", "fp16")) -> Dict[str, float]:
    """Relative L2 error of the maml meta-gradient under TF32, bf16 autocast and fp16 --amp
    (unscaled) against float32 on the same model and episode (dropout off); inf where any
    gradient is NaN/Inf. Tells whether a mixed-precision mode keeps the second-order term."""
    out = {}
    with dropout_off(model):
        make_step(task, model, criterion, sample, "maml")()
        ref = grads(model)
        for amp in precisions:
            make_step(task, model, criterion, sample, "maml", amp=amp)()
            g = grads(model)
            if amp == "fp16":
                g = {k: v / AMP_SCALE for k, v in g.items()}
            finite = all(bool(torch.isfinite(v).all()) for v in g.values())
            out[amp] = relative_error(g, ref) if finite else float("inf")
    return out


def check_device_gradient(data, device: str, dtype: torch.dtype) -> float:
    """Relative L2 error between the maml meta-gradient on ``device`` and on CPU, in ``dtype``,
    on the tiny ULR model (dropout off, same episode, same initial weights)."""
    from fairseq import utils

    cfg, task, model, criterion = build(data, MODELS["ulr_tiny"], 300, "cpu")
    model.to(dtype)
    sample = episode(task, 300, "cpu")

    def float_to(s):
        return utils.apply_to_sample(lambda t: t.to(dtype) if t.is_floating_point() else t, s)

    sample = float_to(sample)
    with dropout_off(model):
        make_step(task, model, criterion, sample, "maml")()
        cpu = grads(model)
        model.to(device)
        make_step(task, model, criterion, utils.move_to_cuda(sample), "maml")()
        dev = {k: v.cpu() for k, v in grads(model).items()}
    return relative_error(dev, cpu)


def tokens_of(sample, mode) -> int:
    q = int(sample["query"]["ntokens"])
    if mode == "plain":
        return q
    return q + int(sample["support"]["ntokens"])


# -- the run -------------------------------------------------------------------------------------
def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--device", default="cpu", help="cpu or cuda")
    p.add_argument("--preset", default="full", choices=sorted(PRESETS))
    p.add_argument("--models", default=None, help="comma-separated subset of " + ",".join(MODELS))
    p.add_argument("--repeats", type=int, default=None, help="timed repeats per configuration")
    p.add_argument("--tokens", type=int, default=None, help="tokens per batch (support and query each)")
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (CPU)")
    p.add_argument("--peer", default="auto", choices=["auto", "higher", "func"])
    p.add_argument("--no-sweeps", action="store_true")
    p.add_argument("--sizes", default=None, help="comma-separated tokens per batch for the batch-size sweep")
    p.add_argument("--support", default="query", choices=["query", "episode"],
                   help="timed support batch: the query batch itself (same shapes: the default) or the "
                        "episode's own distinct support batch")
    p.add_argument("--amp", action="store_true",
                   help="also time plain, fomaml and maml in mixed precision: on CUDA TF32, bf16 "
                        "autocast (--bf16-autocast) and fairseq --amp (fp16 autocast, loss scale); on "
                        "CPU bf16 autocast; and check each one's maml meta-gradient against float32 "
                        "(first model)")
    p.add_argument("--activation-fn", default=None,
                   help="every model's activation (fairseq's --activation-fn; default: the model's own, "
                        "relu). hfmaml is timed and checked only with a smooth one, e.g. gelu")
    p.add_argument("--hfmaml-radii", default="0.001,0.01,0.1",
                   help="radii r of hfmaml's finite difference whose meta-gradient is checked against "
                        "maml's on every model ('' skips the check); the timed rows use the task's default")
    p.add_argument("--data", default=None, help="prepared data folder (default: a cache under the temp dir)")
    p.add_argument("--out", default=None, help="write the results as JSON here")
    p.add_argument("--profile", default=None, metavar="CONFIGURATION",
                   help="run nothing else: torch-profile one update of this configuration of the first "
                        "model (e.g. maml, plain, 'peer (func)') and print its operators by self time")
    p.add_argument("--markdown", default=None, metavar="FILE.json",
                   help="run nothing: print the tables of an earlier run's JSON as markdown (docs)")
    a = p.parse_args(argv)
    if a.markdown:
        report = json.loads(Path(a.markdown).read_text())
        print(markdown_tables(report))
        return report

    preset = dict(PRESETS[a.preset])
    models = a.models.split(",") if a.models else preset["models"]
    if a.profile:  # one update of one configuration of the first model: no checks, no sweeps
        models, a.no_sweeps = models[:1], True
    repeats = a.repeats or preset["repeats"]
    radii = [float(x) for x in a.hfmaml_radii.split(",") if x]
    tokens = a.tokens or preset["tokens"]
    if a.sizes:
        preset["sizes"] = [int(x) for x in a.sizes.split(",")]
    device = a.device
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise SystemExit("--device cuda: CUDA is not available (torch.cuda.is_available() is False)")
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    random.seed(1)
    peer_notes: Dict[str, str] = {}
    cache = Path(a.data) if a.data else Path(tempfile.gettempdir()) / "fairseq_maml_bench_data"
    data = prepare_data(cache)

    configs: List[Config] = []
    checks: Dict[str, float] = {}
    if device.startswith("cuda"):
        for dt in (torch.float64, torch.float32):
            err = check_device_gradient(data, device, dt)
            checks[f"maml meta-gradient {device} vs cpu, {str(dt).split('.')[-1]}, relative L2 error"] = err
            print(f"# check: meta-gradient {device} vs cpu in {dt}: relative error {err:.2e}", flush=True)
    models_built = {}
    for mi, mname in enumerate(models):
        act = ["--activation-fn", a.activation_fn] if a.activation_fn else []
        cfg, task, model, criterion = build(data, MODELS[mname] + act, tokens, device)
        models_built[mname] = (task, model, criterion)
        smooth = not kinked_activation(model)
        if not smooth:
            print(f"# {mname}: relu, so no hfmaml rows (--activation-fn gelu adds them)", flush=True)
        try:
            peers, why = peers_for(a.peer, model)
        except ValueError as e:
            raise SystemExit(str(e))
        if why:
            peer_notes[mname] = why
            print(f"# {mname}: peer torch.func only ({why})", flush=True)
        nparams = sum(p.numel() for p in model.parameters())
        checked = episode(task, tokens, device)  # distinct support and query: the checks
        sample = timed_episode(checked, a.support)
        g = f"{mname}"
        meta = dict(model=mname, params_total=nparams, tokens_query=int(sample["query"]["ntokens"]),
                    tokens_support=int(sample["support"]["ntokens"]))
        for mode in MODES if smooth else [m for m in MODES if m != "hfmaml"]:
            configs.append(Config(g, mode, make_step(task, model, criterion, sample, mode),
                                  tokens_of(sample, mode), "plain", dict(meta, mode=mode)))
        for peer in peers:
            configs.append(Config(g, f"peer ({peer})", make_step(task, model, criterion, sample, "peer", peer=peer),
                                  tokens_of(sample, "maml"), "plain", dict(meta, mode="peer", peer=peer)))
            if not a.profile:
                err, fo = check_peer(task, model, criterion, checked, peer)
                checks[f"{mname}: peer ({peer}) vs plugin meta-gradient, relative L2 error"] = err
                checks[f"{mname}: (sensitivity) first-order vs plugin, relative L2 difference"] = fo
        if not a.profile and radii and smooth:
            for setting in ("all", "embeddings_encoder") if hasattr(model, "parameter_group") else ("all",):
                for r, err in check_hfmaml(task, model, criterion, checked, radii, params=setting).items():
                    key = f"{mname}: hfmaml (r={r:g}) vs maml meta-gradient, adapt {setting}, relative L2 error"
                    checks[key] = err
                    print(f"# check: {key}: {err:.2e}", flush=True)
        if mi == 0:
            configs.append(Config(g, "maml + adaptation log", make_step(
                task, model, criterion, sample, "maml", log_interval=1), tokens_of(sample, "maml"),
                "plain", dict(meta, mode="maml", log_interval=1)))
        if a.amp:
            # TF32 and float16 autocast exist on CUDA only
            precisions = ("tf32", "bf16", "fp16") if device.startswith("cuda") else ("bf16",)
            if mi == 0 and not a.profile:
                for amp, err in check_precisions(task, model, criterion, checked, precisions).items():
                    checks[f"{mname}: maml meta-gradient, {amp} vs float32, relative L2 error"] = err
                    print(f"# check: {mname} maml meta-gradient {amp} vs float32: relative error {err:.2e}",
                          flush=True)
                if smooth and radii:
                    # what the task refuses hfmaml with --tf32 and --bf16-autocast for, measured here
                    # past the check (which runs at setup); --amp it refuses at the first update
                    for amp in [x for x in precisions if x != "fp16"]:
                        for r, err in check_hfmaml(task, model, criterion, checked, radii, amp=amp).items():
                            key = f"{mname}: hfmaml (r={r:g}) under {amp} vs float32 maml meta-gradient, relative L2 error"
                            checks[key] = err
                            print(f"# check: {key}: {err:.2e}", flush=True)
            for amp in precisions:
                label = {"tf32": "tf32", "bf16": "bf16 autocast", "fp16": "fp16 --amp"}[amp]
                for mode in ("plain", "fomaml", "maml"):
                    configs.append(Config(g, f"{mode}, {label}", make_step(
                        task, model, criterion, sample, mode, amp=amp), tokens_of(sample, mode),
                        f"plain, {label}", dict(meta, mode=mode, amp=amp)))
        if device.startswith("cuda") and mi == 0:
            for mode in ("plain", "fomaml"):
                configs.append(Config(g, f"{mode}, math SDPA", make_step(
                    task, model, criterion, sample, mode, attention="math"), tokens_of(sample, mode),
                    "plain", dict(meta, mode=mode, attention="math")))
        if mi == 0 and preset["sweeps"] and not a.no_sweeps:
            for steps in (2, 4):
                for mode, peer in [("maml", None)] + [("peer", q) for q in peers]:
                    name = f"{mode if mode == 'maml' else 'peer (' + peer + ')'}, {steps} inner steps"
                    configs.append(Config(f"{g} inner steps", name, make_step(
                        task, model, criterion, sample, mode, steps=steps, peer=peer),
                        tokens_of(sample, "maml"), None, dict(meta, mode=mode, peer=peer, inner_steps=steps)))
            if hasattr(model, "parameter_group"):
                for params in ("embeddings_encoder", "embeddings"):
                    for mode, peer in [("fomaml", None), ("maml", None)] + [("hfmaml", None)] * smooth + [("peer", q) for q in peers]:
                        name = f"{mode if mode != 'peer' else 'peer (' + peer + ')'}, adapt {params}"
                        configs.append(Config(f"{g} adapted params", name, make_step(
                            task, model, criterion, sample, mode, params=params, peer=peer),
                            tokens_of(sample, "maml"), None, dict(meta, mode=mode, peer=peer, inner_params=params)))
                for peer in peers:
                    checks[f"{mname}: peer ({peer}) vs plugin meta-gradient, adapt embeddings_encoder"] = check_peer(
                        task, model, criterion, checked, peer, params="embeddings_encoder")[0]
            for size in preset["sizes"]:
                if size == tokens:
                    continue
                s = timed_episode(episode(task, size, device), a.support)
                gs = f"{g} {size} tokens/batch"
                m2 = dict(meta, tokens_query=int(s["query"]["ntokens"]),
                          tokens_support=int(s["support"]["ntokens"]))
                for mode, peer in [("plain", None), ("fomaml", None), ("maml", None)] + [("hfmaml", None)] * smooth + [("peer", q) for q in peers]:
                    name = mode if mode != "peer" else f"peer ({peer})"
                    configs.append(Config(gs, name, make_step(task, model, criterion, s, mode, peer=peer),
                                          tokens_of(s, mode if mode != "peer" else "maml"), "plain",
                                          dict(m2, mode=mode, peer=peer)))
        del sample, checked

    # cross-group baselines: the sweeps divide by the main group's plain
    by_key = {(c.group, c.name): c for c in configs}
    for c in configs:
        if c.baseline is None:
            c.baseline_cfg = by_key[(c.group.split(" ")[0], "plain")]
        elif (c.group, c.baseline) in by_key:
            c.baseline_cfg = by_key[(c.group, c.baseline)]
        else:
            c.baseline_cfg = by_key.get((c.group, "plain"))

    if a.profile:
        profile_one(configs, models[0], a.profile, device)
        return None
    print(f"# {len(configs)} configurations, {repeats} timed repeats each, interleaved; device {device}",
          flush=True)
    for c in configs:  # warm-up, work and memory of one update
        c.fn()
        sync(device)
        c.flops = count_flops(c.fn)
        c.kernels = count_kernels(c.fn)
        if device.startswith("cuda"):
            c.memory["cuda_peak_bytes"] = cuda_peak(c.fn, device)
        else:
            c.memory["tensor_peak_bytes"] = tensor_peak_cpu(c.fn)
            c.memory["rss_peak_growth_bytes"] = rss_peak_growth(c.fn)
    order = list(range(len(configs)))
    for r in range(repeats):
        random.shuffle(order)
        for i in order:
            c = configs[i]
            sync(device)
            t0 = time.perf_counter()
            c.fn()
            sync(device)
            c.times.append(time.perf_counter() - t0)
        print(f"# repeat {r + 1}/{repeats} done", flush=True)
        if a.out:  # a run cut short (a device lease's time limit) still leaves its repeats so far
            write_report(a, argv, device, repeats, tokens, peer_notes, checks, configs)
    report = write_report(a, argv, device, repeats, tokens, peer_notes, checks, configs)
    print_table(report)
    if a.out:
        print(f"# wrote {a.out}")
    return report


def profile_one(configs, group, name, device) -> None:
    """Where one update's time goes: torch profiler over one update (after two warm-ups), operators
    by self time, with their call counts."""
    from torch.profiler import ProfilerActivity, profile

    found = [c for c in configs if c.group == group and c.name == name]
    if not found:
        names = ", ".join(repr(c.name) for c in configs if c.group == group)
        raise SystemExit(f"--profile {name!r}: no such configuration of {group}; choose one of {names}")
    c = found[0]
    c.fn(), c.fn()
    sync(device)
    activities = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if device.startswith("cuda") else [])
    with profile(activities=activities) as prof:
        c.fn()
        sync(device)
    key = "self_cuda_time_total" if device.startswith("cuda") else "self_cpu_time_total"
    print(f"# {group}, {name}: one update, operators by self time")
    print(prof.key_averages().table(sort_by=key, row_limit=25))


def write_report(a, argv, device, repeats, tokens, peer_notes, checks, configs):
    """The report of the repeats run so far (written to ``--out`` when given)."""
    results = []
    for c in configs:
        med = statistics.median(c.times)
        base = statistics.median(c.baseline_cfg.times) if c.baseline_cfg else float("nan")
        base_flops = c.baseline_cfg.flops if c.baseline_cfg and c.baseline_cfg.flops else float("nan")
        base_kernels = c.baseline_cfg.kernels if c.baseline_cfg and c.baseline_cfg.kernels else float("nan")
        results.append(dict(
            group=c.group, name=c.name, **c.meta, median_s=med, min_s=min(c.times), max_s=max(c.times),
            times_s=c.times, tokens=c.tokens, tokens_per_s=c.tokens / med, ratio_to_plain=med / base,
            flops=c.flops, flops_ratio_to_plain=c.flops / base_flops,
            kernels=c.kernels, kernels_ratio_to_plain=c.kernels / base_kernels, **c.memory,
        ))
    pair_with_plugin(results)
    report = dict(
        date=datetime.date.today().isoformat(), device=device, torch=torch.__version__,
        threads=torch.get_num_threads(), repeats=repeats, tokens_per_batch=tokens, peer=a.peer,
        support=a.support, activation_fn=a.activation_fn,
        # glibc's allocator settings, when the environment sets them (docs/reports/performance.md, "The allocator")
        malloc_env={k: v for k, v in sorted(os.environ.items()) if k.startswith("MALLOC_")},
        peer_notes=peer_notes,
        cpu=cpu_model(), gpu=torch.cuda.get_device_name(0) if device.startswith("cuda") else None,
        load_average=os.getloadavg(), python=platform.python_version(), checks=checks, results=results,
        command=" ".join([Path(sys.argv[0]).name] + (argv if argv is not None else sys.argv[1:])),
        repeats_done=min(len(c.times) for c in configs),
    )
    if a.out:
        Path(a.out).parent.mkdir(parents=True, exist_ok=True)
        Path(a.out).write_text(json.dumps(report, indent=1))
    return report


def pair_with_plugin(results) -> None:
    """Each peer row gets its paired ratio to the plugin's maml row of the same group and setting
    ("peer (higher), 2 inner steps" with "maml, 2 inner steps"): peer time / plugin time per
    repeat (both ran in the same shuffled round, so a slow spell of the machine hits both), its
    median, min and max, and in how many repeats the plugin was faster."""
    by_key = {(r["group"], r["name"]): r for r in results}
    for r in results:
        if not r["name"].startswith("peer ("):
            continue
        rest = r["name"][r["name"].index(")") + 1:]
        ours = by_key.get((r["group"], "maml" + rest))
        if ours is None:
            continue
        paired = [t / u for t, u in zip(r["times_s"], ours["times_s"])]
        r["peer_over_plugin"] = statistics.median(paired)
        r["peer_over_plugin_min"], r["peer_over_plugin_max"] = min(paired), max(paired)
        r["plugin_faster_repeats"] = sum(x > 1 for x in paired)
        r["peer_memory_over_plugin"] = {k: r[k] / ours[k] for k in ("tensor_peak_bytes", "cuda_peak_bytes")
                                        if r.get(k) and ours.get(k)}
        if r.get("flops") and ours.get("flops"):
            r["peer_flops_over_plugin"] = r["flops"] / ours["flops"]


def paired_cells(r, mem_key):
    """A peer row's paired comparison with the plugin, as text: median peer/plugin time, min..max,
    in how many repeats the plugin was faster, peer/plugin peak memory, peer/plugin FLOPs."""
    mem = r["peer_memory_over_plugin"].get(mem_key, float("nan"))
    flops = f"{r['peer_flops_over_plugin']:.4f}" if "peer_flops_over_plugin" in r else "-"
    return (f"{r['peer_over_plugin']:.3f}", f"{r['peer_over_plugin_min']:.2f}..{r['peer_over_plugin_max']:.2f}",
            f"{r['plugin_faster_repeats']} of {len(r['times_s'])}", f"{mem:.3f}", flops)


def markdown_tables(report) -> str:
    """The run's results as the markdown tables of docs/reports/performance.md: a summary (each mode as a
    multiple of plain, one row per model and batch size), one full table per group, the paired
    comparison of the plugin with each peer, and the meta-gradient checks."""
    mem_key = "cuda_peak_bytes" if report["device"].startswith("cuda") else "tensor_peak_bytes"
    mem_name = "CUDA max allocated MiB" if mem_key == "cuda_peak_bytes" else "peak tensor MiB"
    # summary: one row per group that has a plain row, each mode as a multiple of it
    by_key = {(r["group"], r["name"]): r for r in report["results"]}
    groups = list(dict.fromkeys(r["group"] for r in report["results"] if r["name"] == "plain"))
    cols = [n for n in ("multitask", "fomaml", "reptile", "maml", "hfmaml", "peer (higher)", "peer (func)")
            if any((g, n) in by_key for g in groups)]
    mems = [n for n in ("maml", "hfmaml", "peer (higher)", "peer (func)") if n in cols]
    works = [n for n in ("fomaml", "maml", "hfmaml") if n in cols and any(by_key[(g, n)].get("flops") for g in groups
                                                                if (g, n) in by_key)]
    launches = [n for n in works if any(by_key[(g, n)].get("kernels") for g in groups if (g, n) in by_key)]
    out = ["| group (query/support tokens) | plain ms | " + " | ".join(f"{n} x plain" for n in cols)
           + "".join(f" | {n} FLOP x plain" for n in works)
           + "".join(f" | {n} kernels x plain" for n in launches)
           + f" | {mem_name}: " + " / ".join(mems) + " |", "|---" * (len(cols) + len(works) + len(launches) + 3) + "|"]
    for g in groups:
        plain = by_key[(g, "plain")]
        cell = lambda n, k="ratio_to_plain": f"{by_key[(g, n)][k]:.2f}" if by_key.get((g, n), {}).get(k) else "-"
        mem = " / ".join(f"{by_key[(g, n)][mem_key] / 2**20:.0f}" if (g, n) in by_key else "-" for n in mems)
        out.append(f"| {g} ({plain['tokens_query']}/{plain['tokens_support']}) | {1000 * plain['median_s']:.0f} | "
                   + " | ".join(cell(n) for n in cols) + "".join(f" | {cell(n, 'flops_ratio_to_plain')}" for n in works)
                   + "".join(f" | {cell(n, 'kernels_ratio_to_plain')}" for n in launches)
                   + f" | {mem} |")
    group = None
    for r in report["results"]:
        if r["group"] != group:
            group = r["group"]
            sizes = f"query {r['tokens_query']} / support {r['tokens_support']} tokens"
            out += ["", f"**{group}** ({sizes})", "",
                    f"| configuration | ms/update (median) | min..max | tokens/s | x plain | GFLOP | FLOP x plain "
                    f"| kernels | {mem_name} |", "|---|---|---|---|---|---|---|---|---|"]
        gflop = f"{r['flops'] / 1e9:.2f}" if r.get("flops") else "-"
        fratio = f"{r['flops_ratio_to_plain']:.2f}" if r.get("flops") else "-"
        out.append(f"| {r['name']} | {1000 * r['median_s']:.0f} | {1000 * r['min_s']:.0f}..{1000 * r['max_s']:.0f} "
                   f"| {r['tokens_per_s']:.0f} | {r['ratio_to_plain']:.2f} | {gflop} | {fratio} "
                   f"| {r.get('kernels') or '-'} | {r[mem_key] / 2**20:.1f} |")
    paired = [r for r in report["results"] if "peer_over_plugin" in r]
    if paired:
        out += ["", "| group | peer | peer / plugin time (median of repeats) | min..max | plugin faster in "
                "| peer / plugin peak memory | peer / plugin FLOP |", "|---|---|---|---|---|---|---|"]
        out += ["| " + " | ".join((r["group"], r["name"], *paired_cells(r, mem_key))) + " |" for r in paired]
    if report.get("checks"):
        out += ["", "| check | value |", "|---|---|"]
        out += [f"| {k} | {v:.2e} |" for k, v in report["checks"].items()]
    return "\n".join(out).lstrip("\n")


def cpu_model() -> str:
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def print_table(report):
    mem_key = "cuda_peak_bytes" if report["device"].startswith("cuda") else "tensor_peak_bytes"
    print(f"\n# {report['device']} ({report['gpu'] or report['cpu']}), torch {report['torch']}, "
          f"{report['threads']} threads, load average {tuple(round(x, 2) for x in report['load_average'])}"
          + "".join(f", {k}={v}" for k, v in report.get("malloc_env", {}).items()))
    header = (f"{'group':<34} {'configuration':<40} {'ms/update':>10} {'min..max':>15} {'tok/s':>8} {'x plain':>8} "
              f"{'GFLOP':>8} {'FLOP x':>7} {'kernels':>8} {'peak MiB':>9}")
    if mem_key == "tensor_peak_bytes":
        header += f" {'RSS+ MiB':>9}"
    print(header)
    for r in report["results"]:
        line = (f"{r['group']:<34} {r['name']:<40} {1000 * r['median_s']:>10.1f} "
                f"{1000 * r['min_s']:>7.0f}..{1000 * r['max_s']:<7.0f} {r['tokens_per_s']:>8.0f} "
                f"{r['ratio_to_plain']:>8.2f} {r['flops'] / 1e9:>8.2f} {r['flops_ratio_to_plain']:>7.2f} "
                f"{r.get('kernels', 0):>8} {r[mem_key] / 2**20:>9.1f}")
        if mem_key == "tensor_peak_bytes":
            line += f" {r['rss_peak_growth_bytes'] / 2**20:>9.1f}"
        print(line)
    paired = [r for r in report["results"] if "peer_over_plugin" in r]
    if paired:
        print(f"\n{'plugin maml vs peer (paired per repeat)':<76} {'peer/plugin time':>16} "
              f"{'min..max':>11} {'plugin faster':>14} {'peer/plugin memory':>19} {'peer/plugin FLOP':>17}")
        for r in paired:
            cells = (f"{c:>{w}}" for c, w in zip(paired_cells(r, mem_key), (16, 11, 14, 19, 17)))
            print(f"{r['group']:<34} {r['name']:<41} " + " ".join(cells))
    for k, v in report["checks"].items():
        print(f"# check: {k}: {v:.2e}")


if __name__ == "__main__":
    main()
