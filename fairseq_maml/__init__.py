"""fairseq_maml: meta-learning for low-resource NMT as a fairseq plugin (``--user-dir fairseq_maml``)."""
