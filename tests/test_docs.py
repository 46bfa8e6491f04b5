"""The examples in the docs run and say what the code does."""

import doctest
import re
import subprocess
import sys
from pathlib import Path

import marsad
import marsad.pipeline

REPO = Path(__file__).resolve().parent.parent


def test_docstring_examples_run():
    for module in (marsad, marsad.pipeline):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__


def test_readme_worked_example_matches_the_output():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("| cut -d, -f3,6,8,11,19,25\n", 1)[1].split("\n\n", 1)[0]
    expected = [line.strip() for line in block.splitlines()]
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "marsad",
            "extract",
            str(REPO / "examples" / "baghuz.txt"),
            "--published",
            "2019-03-04",
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    got = [
        ",".join(
            re.split(r",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", line)[i] for i in (2, 5, 7, 10, 18, 24)
        )
        for line in out.splitlines()
    ]
    assert got == expected
