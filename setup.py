from setuptools import find_packages, setup

setup(
    name="fairseq_maml",
    version="0.1.0",
    description="Meta-learning (MAML + Universal Lexical Representation) for low-resource NMT, as a fairseq plugin",
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    python_requires=">=3.11",
    packages=find_packages(include=["fairseq_maml", "fairseq_maml.*"]),
    install_requires=[
        # upstream fairseq main, prebuilt for Python 3.11/3.12 (fairseq==0.12.2 does not build there)
        "ve-fairseq==0.12.3",
        "torch>=2.6",
        "sentencepiece>=0.1.99",
        "sacrebleu>=2.3",
        "numpy",
    ],
    extras_require={
        # tests run the experiment script (plots), check the benchmark peer (higher) and read
        # TensorBoard event files
        "test": ["pytest", "pytest-xdist", "matplotlib", "higher==0.2.1", "tensorboardX"],
        "experiment": ["matplotlib"],
        # fairseq's --tensorboard-logdir writes through tensorboardX (or torch.utils.tensorboard,
        # which needs the much larger tensorboard package); view with `tensorboard --logdir DIR`
        "tensorboard": ["tensorboardX"],
    },
    entry_points={
        "console_scripts": [
            "fairseq-maml-prepare=fairseq_maml.cli.prepare:cli_main",
            "fairseq-maml-vectors=fairseq_maml.cli.vectors:cli_main",
            "fairseq-maml-flags=fairseq_maml.cli.flags:cli_main",
        ]
    },
)
