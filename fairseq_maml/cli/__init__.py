"""The command-line tools: ``fairseq-maml-prepare`` (:mod:`.prepare`) and ``fairseq-maml-vectors``
(:mod:`.vectors`). Each is also ``python -m fairseq_maml.cli.prepare`` / ``python -m
fairseq_maml.cli.vectors``; the algorithms they run live outside this folder."""
