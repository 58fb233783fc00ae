"""The benchmark scripts that are not run elsewhere in the tests: they must keep working."""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import copies_scaling  # noqa: E402


def test_copies_scaling_finds_the_copies_it_plants(capsys):
    assert copies_scaling.main(["--n", "2000", "--n", "1000", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert [r["n"] for r in results] == [1000, 2000]           # smallest first
    for r in results:
        assert 0.03 < r["reused"] / r["n"] < 0.07              # the default 5 %
        assert r["links"] >= 0.8 * r["reused"]                  # nearly every planted copy linked
        assert set(r["kinds"]) == {"exact", "near", "partial"}
        assert r["us_per_passage"] > 0 and r["peak_rss_mb"] > 0
    assert results[0]["growth"] is None and results[1]["growth"] > 0
