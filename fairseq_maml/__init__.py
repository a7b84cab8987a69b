"""fairseq_maml: meta-learning (MAML + Universal Lexical Representation) for low-resource NMT,
as a fairseq plugin: ``fairseq-train --user-dir fairseq_maml --task meta_translation ...``.

Importing the package registers the task ``meta_translation``, the criterion
``meta_label_smoothed_cross_entropy`` and the architectures ``ulr_transformer``,
``ulr_transformer_small`` and ``ulr_transformer_tiny``, and installs the plugin's fairseq/torch
workarounds (``patches.install``: safe loading of its checkpoints among them).
"""

from . import patches

patches.install()

from .criterions import meta_label_smoothed_cross_entropy  # noqa: E402,F401  (registration)
from .models import ulr_transformer  # noqa: E402,F401
from .tasks import meta_translation  # noqa: E402,F401
