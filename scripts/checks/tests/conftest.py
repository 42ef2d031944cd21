"""Each check is run on small repositories built in tmp_path: a clean one passes, a broken one
fails with a message naming the problem."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import CheckFailed  # noqa: E402


def write(root: Path, files: dict) -> Path:
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def fails(check, root, *needles):
    with pytest.raises(CheckFailed) as e:
        check(root)
    for n in needles:
        assert n in str(e.value), str(e.value)
    return str(e.value)
