import sys
from pathlib import Path

# test the checkout, not an installed copy (fairseq refuses two packages named fairseq_maml)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
