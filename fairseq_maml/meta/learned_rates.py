"""Inner learning rates learned in the outer loop: MAML++'s "LSLR" (Antoniou, Edwards, Storkey,
"How to train your MAML", ICLR 2019, Sec. 4): one rate per adapted parameter tensor and inner
step instead of one ``alpha`` for all, each a parameter of the meta-objective trained by the outer
optimizer like the weights.

With rates ``alpha_{p,j}`` the inner step j is ``p_{j+1} = p_j - alpha_{p,j} grad_p L_s(theta_j)``,
so ``d F / d alpha_{p,j} = -<grad_p L_s(theta_j), d F / d p_{j+1}>``: autograd takes it through
the same inner loop (``inner_loop`` with ``lr=rates.rate``), in second order and first order
alike (first order drops only the inner gradients' dependence on theta, not on the rates).
"""

from typing import Iterable

import torch
from torch import nn

__all__ = ["InnerLearningRates"]


class InnerLearningRates(nn.Module):
    """``steps`` learnable rates per named parameter, all starting at ``init``.

    Names are the model's parameter names (``encoder.layers.0.fc1.weight``); the rates are stored
    under the same names with ``.`` as ``__`` (what ``nn.ParameterDict`` keys allow).
    """

    def __init__(self, names: Iterable[str], steps: int, init: float):
        super().__init__()
        if steps < 1:
            raise ValueError(f"learned inner rates need steps >= 1 (--inner-steps), got {steps}")
        self.steps = steps
        self.rates = nn.ParameterDict({_key(n): nn.Parameter(torch.full((steps,), float(init))) for n in names})

    def rate(self, name: str, step: int) -> torch.Tensor:
        """The rate of parameter ``name`` at inner step ``step`` (0-based), a 0-dim tensor that
        requires grad."""
        if not 0 <= step < self.steps:
            raise ValueError(f"inner step {step} outside the {self.steps} learned steps (--inner-steps)")
        if _key(name) not in self.rates:
            raise KeyError(f"no learned inner rate for parameter {name!r}: the rates were made for the "
                           "model's parameters when it was built")
        return self.rates[_key(name)][step]

    def summary(self) -> torch.Tensor:
        """Every rate, flattened (for logging their mean and range)."""
        return torch.cat([r.detach().flatten() for r in self.rates.values()]) if len(self.rates) else torch.zeros(0)


def _key(name: str) -> str:
    return name.replace(".", "__")
