"""Where the bundled sample articles live, in a wheel or in a source checkout."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def sample_path() -> Path:
    """The folder of sample articles opened when no path is given.

    A wheel ships them inside the package; an editable install reads the checkout's
    ``seeds/`` folder, so the sample exists once in the repository.
    """
    packaged = Path(str(files("newsreader"))) / "seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "seeds"
