"""Build ``marsad/data/lexicons/common_words.txt`` from a corpus of Arabic news.

An unknown word after a place cue («قرية X») is read as a place name only when it is
not an everyday word of news text. Everyday words are the ones used in at least
``--min-articles`` different articles of the corpus (default: ``../shared/train``),
minus every name the gazetteer already knows. Only the word list is written, never
any sentence of the corpus.

    python scripts/build_common_words.py [CORPUS_DIR] [--min-articles 2]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from marsad.kb.base import default_kb
from marsad.text.normalize import normalize_key

OUT = Path(__file__).resolve().parent.parent / "marsad" / "data" / "lexicons" / "common_words.txt"
_WORD = re.compile(r"[\u0621-\u064a]{2,}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default="../shared/train")
    ap.add_argument("--min-articles", type=int, default=2)
    args = ap.parse_args()
    df: Counter[str] = Counter()
    files = sorted(Path(args.corpus).rglob("*.txt"))
    for f in files:
        words = {normalize_key(w) for w in _WORD.findall(f.read_text(encoding="utf-8"))}
        df.update(words)
    kb = default_kb()
    known = {normalize_key(a) for p in kb.gazetteer.all() for a in p.aliases_ar}
    common = sorted(w for w, n in df.items() if n >= args.min_articles and w not in known)
    header = (
        "# Everyday words of Arabic news (normalised), never read as an unknown place name.\n"
        f"# Built by scripts/build_common_words.py from {len(files)} articles "
        f"(words in >= {args.min_articles} of them, gazetteer names removed).\n"
    )
    OUT.write_text(header + "\n".join(common) + "\n", encoding="utf-8")
    print(f"{len(common)} words -> {OUT}")


if __name__ == "__main__":
    main()
