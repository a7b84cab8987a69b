"""Torch-only meta-learning algorithm (no fairseq imports)."""
