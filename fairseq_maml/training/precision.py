"""The precision of a training forward: ``--bf16-autocast``, fairseq's ``--amp``, ``--tf32``.

Which combinations are refused is ``fairseq_maml.validate``'s business; here the chosen one is
applied, and a CPU without fast bfloat16 products is named once (a warning, not an error:
training is correct there, only many times slower; docs/reports/performance.md).
"""

import logging
import time

import torch
from fairseq.optim.amp_optimizer import AMPOptimizer

__all__ = ["Precision", "bf16_matmul_slowdown", "BF16_SLOW"]

logger = logging.getLogger(__name__)

# warn when a bfloat16 product on this CPU is more than this many times slower than float32's:
# CPUs with AVX512-BF16/AMX run it faster than float32, others fall back to a slow reference kernel
BF16_SLOW = 4.0


def bf16_matmul_slowdown(n: int = 192, repeats: int = 3) -> float:
    """Time of an n x n bfloat16 matrix product on this CPU over that of a float32 one (best of
    ``repeats`` each, after one warm-up)."""

    def best(dtype):
        a, b = torch.randn(n, n).to(dtype), torch.randn(n, n).to(dtype)
        a @ b
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            a @ b
            times.append(time.perf_counter() - start)
        return min(times)

    return best(torch.bfloat16) / max(best(torch.float32), 1e-9)


class Precision:
    """``autocast(model, optimizer)``: the context of a training forward under the task's flags."""

    def __init__(self, cfg):
        self.cfg = cfg
        self.cpu_checked = False
        if cfg.tf32:  # a process-wide switch of torch's CUDA backends; no effect on CPU
            torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = True

    def autocast(self, model, optimizer):
        """bfloat16 autocast on the model's device with --bf16-autocast, float16 autocast with
        --amp (fairseq's AMPOptimizer), else none."""
        if not self.cfg.bf16_autocast:
            return torch.autocast("cuda", enabled=isinstance(optimizer, AMPOptimizer))
        device = next(model.parameters()).device.type
        if device == "cpu" and not self.cpu_checked:
            self.cpu_checked = True
            slowdown = bf16_matmul_slowdown()
            if slowdown > BF16_SLOW:
                logger.warning(
                    f"--bf16-autocast on a CPU without fast bfloat16 products (torch reports "
                    f"{torch.backends.cpu.get_cpu_capability()}): a bfloat16 matrix product runs "
                    f"{slowdown:.0f}x slower than a float32 one here, so training will be many times "
                    f"slower than in float32. Drop --bf16-autocast on this machine, or train on a CPU "
                    f"with AVX512-BF16/AMX or on a GPU"
                )
        return torch.autocast(device, dtype=torch.bfloat16)
