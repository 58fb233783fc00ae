"""The eval gate: run the whole pipeline on the real seed pages and score the exports with the
shared scorer. CI fails when a score drops below its pinned floor (tests/eval_floors.json)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimline import Ledger, run
from claimline import export

FLOORS = json.loads((Path(__file__).with_name("eval_floors.json")).read_text(encoding="utf-8"))

# What the project committed to; the pinned floors may only be raised above these.
MINIMUMS = {"figures_f1": 0.95, "full_claim_f1": 0.90, "body_f1": 0.97, "title_accuracy": 1.0,
            "published_accuracy": 1.0, "outlet_accuracy": 1.0, "claims_pair_precision": 0.95,
            "claims_pair_recall": 0.95, "series_pair_precision": 0.95, "series_pair_recall": 0.95}


def test_floors_are_never_below_the_committed_minimums():
    for key, minimum in MINIMUMS.items():
        assert FLOORS[key] >= minimum, f"{key} floor {FLOORS[key]} is below the committed {minimum}"
    assert FLOORS["boilerplate_leaked"] == 0


@pytest.fixture(scope="module")
def scores(shared, scorer, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gate")
    with Ledger(tmp / "ledger.sqlite") as ledger:
        summary = run([shared / "corpus" / "seeds"], ledger)
        assert summary.ok, [str(e) for e in summary.failed]
        figures = [json.loads(json.dumps(r)) for r in export.figure_rows(ledger)]
        documents = list(export.document_rows(ledger))
    gold = shared / "gold"
    fig_scores = scorer.score_figures(scorer.read_jsonl(gold / "seeds.figures.jsonl"), figures)
    groups = json.loads((gold / "seeds.groups.json").read_text(encoding="utf-8"))
    matched = fig_scores.pop("matched")
    fig_scores["claims"] = scorer.score_groups(groups["claims"], matched, "claim")
    fig_scores["series"] = scorer.score_groups(groups["series"], matched, "series")
    doc_scores = scorer.score_documents(json.loads((gold / "seeds.documents.json").read_text(encoding="utf-8")),
                                        documents, shared / "corpus" / "seeds")
    return fig_scores, doc_scores


def test_figures_f1(scores):
    fig, _ = scores
    assert fig["f1"] >= FLOORS["figures_f1"], (fig["misses"], fig["extras"])


def test_full_claim_f1(scores):
    fig, _ = scores
    assert fig["full_f1"] >= FLOORS["full_claim_f1"], fig["wrong_attributes"]


def test_body_f1_and_no_leaks(scores):
    _, doc = scores
    assert doc["body_f1"] >= FLOORS["body_f1"], doc["lost_body_lines"]
    assert doc["boilerplate_leaked"] <= FLOORS["boilerplate_leaked"], doc["leaked_lines"]


@pytest.mark.parametrize("field", ["title", "published", "outlet"])
def test_document_fields(scores, field):
    _, doc = scores
    assert doc["field_accuracy"][field] >= FLOORS[f"{field}_accuracy"]


@pytest.mark.parametrize("grouping", ["claims", "series"])
def test_grouping_pairs(scores, grouping):
    fig, _ = scores
    g = fig[grouping]
    assert g["pair_precision"] >= FLOORS[f"{grouping}_pair_precision"], g["disagreements"]
    assert g["pair_recall"] >= FLOORS[f"{grouping}_pair_recall"], g["disagreements"]
