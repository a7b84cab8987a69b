"""``fairseq-train`` that also saves this worker's parameters after every update.

    python tests/record_updates.py OUT_DIR [--cpu-ddp] [fairseq-train arguments]

writes OUT_DIR/rank<R>-update<N>.pt (the unwrapped model's state dict) on every worker, rank 1
included, which fairseq's checkpoints never do. Used by tests/test_distributed.py.

``--cpu-ddp`` lets ``--ddp-backend c10d`` wrap a CPU model: fairseq always passes
``device_ids=[device_id]`` to torch's DistributedDataParallel, which torch refuses for a CPU
module (on a GPU it only names the device). The patch drops those two arguments for CPU modules
and changes nothing else, so torch's reducer (its hooks, bucketing, unused-parameter search) runs
as it does on GPUs.
"""

import sys
from pathlib import Path

import torch
import torch.nn.parallel
from fairseq.models import distributed_fairseq_model
from fairseq.trainer import Trainer
from fairseq_cli.train import cli_main


class CpuDistributedDataParallel(torch.nn.parallel.DistributedDataParallel):
    def __init__(self, module, device_ids=None, output_device=None, **kwargs):
        if next(module.parameters()).device.type == "cpu":
            device_ids = output_device = None
        super().__init__(module, device_ids=device_ids, output_device=output_device, **kwargs)


def main():
    out = Path(sys.argv.pop(1))
    out.mkdir(parents=True, exist_ok=True)
    if "--cpu-ddp" in sys.argv:
        sys.argv.remove("--cpu-ddp")
        distributed_fairseq_model.DistributedDataParallel = CpuDistributedDataParallel
    train_step = Trainer.train_step

    def recording_train_step(self, samples, raise_oom=False):
        result = train_step(self, samples, raise_oom)
        state = {k: v.detach().cpu().clone() for k, v in self.get_model().state_dict().items()}
        torch.save(state, out / f"rank{self.data_parallel_rank}-update{self.get_num_updates()}.pt")
        return result

    Trainer.train_step = recording_train_step
    cli_main()


if __name__ == "__main__":
    main()
