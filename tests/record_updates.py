"""``fairseq-train`` that also saves this worker's parameters after every update.

    python tests/record_updates.py OUT_DIR [fairseq-train arguments]

writes OUT_DIR/rank<R>-update<N>.pt (the unwrapped model's state dict) on every worker, rank 1
included, which fairseq's checkpoints never do. Used by tests/test_distributed.py.
"""

import sys
from pathlib import Path

import torch
from fairseq.trainer import Trainer
from fairseq_cli.train import cli_main


def main():
    out = Path(sys.argv.pop(1))
    out.mkdir(parents=True, exist_ok=True)
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
