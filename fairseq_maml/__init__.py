"""fairseq_maml: meta-learning (MAML + Universal Lexical Representation) for low-resource NMT,
as a fairseq plugin: ``fairseq-train --user-dir fairseq_maml --task meta_translation ...``.

Importing the package registers the task ``meta_translation``, the criterion
``meta_label_smoothed_cross_entropy`` and the architectures ``ulr_transformer``,
``ulr_transformer_small`` and ``ulr_transformer_tiny``, and lets torch's safe checkpoint loading
read the checkpoints they write.
"""

from .checkpoint_io import make_checkpoint_copies_atomic
from .safe_loading import allow_fairseq_checkpoints

allow_fairseq_checkpoints()
make_checkpoint_copies_atomic()

from . import criterions, models, tasks  # noqa: E402  (registration)
from .criterions import meta_label_smoothed_cross_entropy  # noqa: E402,F401
from .models import ulr_transformer  # noqa: E402,F401
from .tasks import meta_translation  # noqa: E402,F401
