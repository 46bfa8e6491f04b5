import datetime as dt
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed"


@pytest.fixture(scope="session")
def seed_text() -> str:
    path = SEED / "article.txt"
    if not path.is_file():
        pytest.skip("../shared/seed is not beside this checkout")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_events(seed_text):
    import marsad

    return marsad.extract(seed_text, dt.date(2019, 3, 4), article_id="seed")
