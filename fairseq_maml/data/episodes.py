"""Episodes: one language pair, a support batch and a disjoint query batch from that pair.

fairseq's epoch iterator shards and resumes *batches*; here one "batch" is one episode. The
batch sampler (``EpisodeDataset.plan``) is a pure function of (seed, epoch): for episode ``i``
it draws a pair, a support batch and a query batch, and writes the choice into the index
itself, ``(pair_id, support_batch_id, query_batch_id)``. So

- every ``--update-freq`` micro-batch and every distributed worker gets its own episode (the
  iterator shards the episode list across workers, like any batch list);
- resuming from a checkpoint replays the same episode sequence (the iterator state is just
  (epoch, position), and the plan is recomputed from the seed).

Support and query batches are built once per pair over the pair's length-sorted sentences,
each with its own token budget (padded tokens, like fairseq's ``--max-tokens``). Both are runs of consecutive
positions in the same sorted order, so a query batch overlaps the support batch exactly when
their position ranges intersect: the query batch is drawn uniformly among the others.
"""

import logging
from typing import Dict, List, Sequence, Tuple

import numpy as np
from fairseq.data import FairseqDataset, data_utils

logger = logging.getLogger(__name__)

SAMPLING = ("uniform", "proportional", "temperature")


def pair_weights(sizes: Sequence[int], method: str, temperature: float = 1.0) -> np.ndarray:
    """Probability of sampling each pair: uniform, proportional to size, or size^(1/T)."""
    sizes = np.asarray(sizes, dtype=np.float64)
    if method == "uniform":
        w = np.ones_like(sizes)
    elif method == "proportional":
        w = sizes.copy()
    elif method == "temperature":
        if temperature <= 0:
            raise ValueError(f"--pair-sampling-temperature must be > 0, got {temperature}")
        w = sizes ** (1.0 / temperature)
    else:
        raise ValueError(f"unknown --pair-sampling {method!r}: choose one of {SAMPLING}")
    return w / w.sum()


class _Batches:
    """Batches of one pair as runs [start, end) of positions in one sorted order."""

    def __init__(self, order: np.ndarray, batches: List[np.ndarray]):
        lengths = np.array([len(b) for b in batches], dtype=np.int64)
        self.ends = np.cumsum(lengths)
        self.starts = self.ends - lengths
        self.order = order

    def __len__(self):
        return len(self.ends)

    def indices(self, b: int) -> np.ndarray:
        return self.order[self.starts[b] : self.ends[b]]

    def overlapping(self, start: int, end: int) -> Tuple[int, int]:
        """Batch ids [lo, hi) whose positions intersect [start, end)."""
        lo = int(np.searchsorted(self.ends, start, side="right"))
        hi = int(np.searchsorted(self.starts, end, side="left"))
        return lo, hi


class EpisodeDataset(FairseqDataset):
    """Items are episodes; ``collater`` returns ``{"lang_pair", "support", "query"}``.

    The two batches are always collated apart, each padded to its own longest sentence: support
    batches and query batches come from different stretches of the length-sorted order, so one
    merged batch would pad the shorter one to the longer's length (multitask trains on both,
    ``fairseq_maml.training.episode``).
    """

    def __init__(
        self,
        pairs: Dict[str, FairseqDataset],
        src_langs: Dict[str, str],
        *,
        support_max_tokens: int,
        query_max_tokens: int,
        max_positions,
        sampling: str = "temperature",
        temperature: float = 1.0,
        episodes_per_epoch: int = 0,
        seed: int = 1,
        required_batch_size_multiple: int = 1,
        new_language_fraction: float = 0.0,
    ):
        super().__init__()
        self.new_language_fraction = new_language_fraction
        self.names = list(pairs)
        self.datasets = [pairs[n] for n in self.names]
        self.src_langs = [src_langs[n] for n in self.names]
        self.seed = seed
        self.support: List[_Batches] = []
        self.query: List[_Batches] = []
        for name, ds in zip(self.names, self.datasets):
            with data_utils.numpy_seed(seed):
                order = ds.ordered_indices()
            order, dropped = ds.filter_indices_by_size(order, max_positions)
            if len(dropped):
                logger.warning(f"{name}: skipping {len(dropped)} sentences longer than {max_positions}")
            longest = max((int(ds.num_tokens(int(i))) for i in order), default=0)
            for flag, budget in (("--support-max-tokens", support_max_tokens), ("--query-max-tokens", query_max_tokens)):
                if longest > budget:
                    raise ValueError(
                        f"language pair {name} has a sentence of {longest} tokens but {flag} (or "
                        f"--max-tokens) is {budget}: raise the budget to at least {longest}, or lower "
                        f"--max-source-positions/--max-target-positions to drop long sentences"
                    )
            self.support.append(self._batch(ds, order, support_max_tokens, required_batch_size_multiple))
            self.query.append(self._batch(ds, order, query_max_tokens, required_batch_size_multiple))
            if len(order) < 2:
                raise ValueError(
                    f"language pair {name} has {len(order)} usable sentences: too few for a support "
                    f"batch and a disjoint query batch. Add data for {name} or lower "
                    f"--support-max-tokens/--query-max-tokens (now {support_max_tokens}/{query_max_tokens})."
                )
        sizes = [len(ds) for ds in self.datasets]
        self.weights = pair_weights(sizes, sampling, temperature)
        default = sum(len(s) for s in self.support)
        self.episodes_per_epoch = episodes_per_epoch if episodes_per_epoch > 0 else max(1, default)
        logger.info(
            "episodes: %d per epoch over %d pairs; pair probabilities %s",
            self.episodes_per_epoch,
            len(self.names),
            ", ".join(f"{n}={w:.3f}" for n, w in zip(self.names, self.weights)),
        )

    @staticmethod
    def _batch(ds, order, max_tokens, multiple) -> _Batches:
        """Cut ``order`` into runs whose padded size (longest x count) fits ``max_tokens``; a
        sentence longer than the budget gets a run of its own. (``--required-batch-size-multiple``
        is not applied: an episode's batches are never split across devices.)"""
        sizes = np.array([ds.num_tokens(int(i)) for i in order], dtype=np.int64)
        batches, start, longest = [], 0, 0
        for pos, n in enumerate(sizes):
            longest_if_added = max(longest, int(n))
            count = pos - start + 1
            if count > 1 and longest_if_added * count > max_tokens:
                batches.append(order[start:pos])
                start, longest = pos, int(n)
            else:
                longest = longest_if_added
        batches.append(order[start:])
        return _Batches(order, batches)

    # -- the plan: one list per episode, holding the episode's key -------------------------
    def plan(self, epoch: int) -> List[List[Tuple[int, int, int, int]]]:
        """Key of episode i: (pair, support batch, query batch, new-language flag). The flags come
        from their own generator, so the pairs and batches do not depend on the fraction."""
        rng = np.random.default_rng([self.seed, epoch])
        episodes = []
        pair_ids = rng.choice(len(self.names), size=self.episodes_per_epoch, p=self.weights)
        for p in pair_ids:
            sup, qry = self.support[p], self.query[p]
            s = int(rng.integers(len(sup)))
            lo, hi = qry.overlapping(int(sup.starts[s]), int(sup.ends[s]))
            free = len(qry) - (hi - lo)
            if free <= 0:  # the support batch covers every query batch: split it instead
                q = -1
            else:
                q = int(rng.integers(free))
                q = q if q < lo else q + (hi - lo)
            episodes.append((int(p), s, q))
        new = np.random.default_rng([self.seed, epoch, 1]).random(len(episodes)) < self.new_language_fraction
        return [[(p, s, q, int(n))] for (p, s, q), n in zip(episodes, new)]

    def batch_sampler(self, dataset, epoch):
        """Callable batch sampler for fairseq's EpochBatchIterator."""
        return self.plan(epoch)

    def episode_indices(self, key: Tuple[int, ...]) -> Tuple[np.ndarray, np.ndarray]:
        p, s, q = key[:3]
        support = self.support[p].indices(s)
        if q < 0:  # rare: one support batch holds all the pair's sentences
            half = len(support) // 2
            return support[:half], support[half:]
        return support, self.query[p].indices(q)

    def __getitem__(self, key):
        p = key[0]
        support, query = self.episode_indices(key)
        ds = self.datasets[p]
        return p, [ds[int(i)] for i in support], [ds[int(i)] for i in query], bool(key[3])

    def __len__(self):
        return self.episodes_per_epoch

    def collater(self, samples):
        if len(samples) == 0:  # padding shard of an uneven split: fairseq's dummy batch
            return {}
        assert len(samples) == 1, "one episode per batch"
        p, support, query, new = samples[0]
        ds, lang = self.datasets[p], self.src_langs[p]

        def collate(items):
            batch = ds.collater(items)
            batch["net_input"]["src_lang"] = lang
            return batch

        return {"lang_pair": self.names[p], "support": collate(support), "query": collate(query),
                "new_language": new}

    def num_tokens(self, index):
        return 0

    def size(self, index):
        return 0

    @property
    def supports_prefetch(self):
        return False


class TaggedPairDataset(FairseqDataset):
    """Several pairs side by side for validation: a batch never mixes pairs and says which
    pair it holds (``sample["lang_pair"]``, ``net_input["src_lang"]``)."""

    def __init__(self, pairs: Dict[str, FairseqDataset], src_langs: Dict[str, str]):
        super().__init__()
        self.names = list(pairs)
        self.datasets = [pairs[n] for n in self.names]
        self.src_langs = [src_langs[n] for n in self.names]
        self.offsets = np.cumsum([0] + [len(d) for d in self.datasets])
        self.sizes = np.concatenate([d.sizes for d in self.datasets]) if self.datasets else None

    def _locate(self, index: int) -> Tuple[int, int]:
        p = int(np.searchsorted(self.offsets, index, side="right")) - 1
        return p, int(index - self.offsets[p])

    def __getitem__(self, index):
        p, i = self._locate(index)
        return p, self.datasets[p][i]

    def __len__(self):
        return int(self.offsets[-1])

    def collater(self, samples):
        if len(samples) == 0:
            return {}
        p = samples[0][0]
        assert all(s[0] == p for s in samples), "a batch must hold one language pair"
        batch = self.datasets[p].collater([s[1] for s in samples])
        batch["net_input"]["src_lang"] = self.src_langs[p]
        batch["lang_pair"] = self.names[p]
        return batch

    def num_tokens(self, index):
        p, i = self._locate(index)
        return self.datasets[p].num_tokens(i)

    def size(self, index):
        p, i = self._locate(index)
        return self.datasets[p].size(i)

    def ordered_indices(self):
        return np.arange(len(self))

    def batches(self, max_tokens, max_sentences, max_positions, multiple=1) -> List[np.ndarray]:
        """Per-pair batches (length-sorted within each pair), never crossing pairs."""
        out = []
        for p, ds in enumerate(self.datasets):
            order = ds.ordered_indices()
            order, _ = ds.filter_indices_by_size(order, max_positions)
            for b in data_utils.batch_by_size(
                order, ds.num_tokens, max_tokens=max_tokens, max_sentences=max_sentences,
                required_batch_size_multiple=multiple,
            ):
                out.append(np.asarray(b, dtype=np.int64) + self.offsets[p])
        return out

    @property
    def supports_prefetch(self):
        return False
