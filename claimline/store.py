"""The ledger: one SQLite file, and this module is the only code that writes to it.

Schema changes are migrations, numbered and recorded in the file itself (`migrations` table), so
an old ledger is upgraded in place and a ledger from a newer claimline is refused rather than
damaged. Documents are identified by the sha256 of their content; `sources` maps each input
(path, or path:line for a JSON Lines row) to the content it last had, which is what makes a
re-run incremental. Every row derived from text keeps the document id and character offsets.
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from .errors import LedgerError
from .models import Document

MIGRATIONS: list[tuple[str, str]] = [
    ("initial schema", """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        arguments TEXT,
        read INTEGER DEFAULT 0,
        unchanged INTEGER DEFAULT 0,
        failed INTEGER DEFAULT 0,
        figures INTEGER DEFAULT 0
    );
    CREATE TABLE run_log (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        source TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        logged_at TEXT NOT NULL
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        source TEXT NOT NULL,
        content_type TEXT NOT NULL,
        encoding TEXT,
        url TEXT,
        title TEXT,
        title_start INTEGER,
        title_end INTEGER,
        authors TEXT NOT NULL DEFAULT '[]',
        published TEXT,
        published_inferred TEXT,
        published_inferred_from TEXT,
        outlet TEXT,
        grouping TEXT,
        text TEXT NOT NULL,
        html TEXT,
        run_id INTEGER REFERENCES runs(id)
    );
    CREATE TABLE sources (
        source TEXT PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        run_id INTEGER REFERENCES runs(id)
    );
    CREATE INDEX sources_document ON sources(document_id);
    CREATE TABLE passages (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX passages_document ON passages(document_id);
    CREATE TABLE figures (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        value REAL,
        low REAL,
        high REAL,
        approx TEXT NOT NULL,
        unit TEXT,
        subject TEXT,
        place TEXT,
        place_start INTEGER,
        place_end INTEGER,
        evidence TEXT NOT NULL,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        claimant TEXT,
        claimant_start INTEGER,
        claimant_end INTEGER,
        claimant_role TEXT,
        cue TEXT,
        basis TEXT,
        modality TEXT NOT NULL,
        stated_expr TEXT,
        stated_start INTEGER,
        stated_end INTEGER,
        stated_on TEXT,
        stated_from TEXT,
        stated_to TEXT,
        stated_how TEXT
    );
    CREATE INDEX figures_document ON figures(document_id);
    CREATE INDEX figures_value ON figures(value, low, high);
    CREATE TABLE line_counts (
        line TEXT PRIMARY KEY,
        documents INTEGER NOT NULL
    );
    """),
    ("claims, series, copies and entities", """
    ALTER TABLE figures ADD COLUMN passage_id INTEGER;
    ALTER TABLE figures ADD COLUMN claimant_key TEXT;
    ALTER TABLE figures ADD COLUMN place_key TEXT;
    ALTER TABLE figures ADD COLUMN claim_id INTEGER;
    ALTER TABLE figures ADD COLUMN series_id INTEGER;
    ALTER TABLE figures ADD COLUMN copy_of INTEGER;
    ALTER TABLE passages ADD COLUMN signature BLOB;
    CREATE INDEX figures_claim ON figures(claim_id);
    CREATE INDEX figures_series ON figures(series_id);
    CREATE TABLE copies (
        id INTEGER PRIMARY KEY,
        passage_a INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
        passage_b INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
        similarity REAL NOT NULL,
        kind TEXT NOT NULL,
        UNIQUE (passage_a, passage_b)
    );
    CREATE INDEX copies_b ON copies(passage_b);
    CREATE TABLE entities (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        parent TEXT
    );
    CREATE TABLE aliases (
        alias TEXT NOT NULL,
        entity_key TEXT NOT NULL REFERENCES entities(key) ON DELETE CASCADE,
        PRIMARY KEY (alias, entity_key)
    );
    CREATE TABLE series (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        measure TEXT,
        qualifier TEXT,
        place_key TEXT,
        place TEXT,
        modality_class TEXT NOT NULL,
        claims INTEGER NOT NULL,
        reports INTEGER NOT NULL
    );
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        series_id INTEGER REFERENCES series(id),
        claimant_key TEXT,
        claimant TEXT,
        role TEXT,
        value REAL,
        low REAL,
        high REAL,
        approx TEXT NOT NULL,
        text TEXT NOT NULL,
        stated_on TEXT,
        stated_from TEXT,
        stated_to TEXT,
        modality TEXT NOT NULL,
        basis TEXT,
        reports INTEGER NOT NULL,
        independent INTEGER NOT NULL
    );
    """),
    ("fetched pages cache", """
    CREATE TABLE fetched (
        url TEXT PRIMARY KEY,
        final_url TEXT NOT NULL,
        status INTEGER NOT NULL,
        content_type TEXT,
        body BLOB NOT NULL,
        fetched_at TEXT NOT NULL
    );
    """),
]


SHORT_LINE = 100

# temporary tables of `Ledger.undated_claim_candidates`
_CANDIDATE_TABLES = ("undated_figures", "undated_claimant_keys", "undated_keys", "dated_figures",
                     "dated_claimant_keys", "affected_documents", "claim_matches")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Ledger:
    """Open (creating or upgrading) a ledger file. Use as a context manager."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path)
            self.db.execute("PRAGMA foreign_keys = ON")
            # WAL: readers (export, datasette) never block the writer, and a killed run leaves
            # the last committed batch intact.
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            # A 32 MiB page cache instead of SQLite's 2 MB. Each batch inserts at random places in
            # indexes that grow with the corpus (documents.content_hash, figures_value, the
            # line_counts key: ~100 MB at 100k pages): with 2 MB a batch's transaction overflows the
            # cache before its commit (dirty pages spilled to the WAL, then written again) and every
            # index page is read back with a pread of its own. Measured on the writes of pages
            # 90k-100k (with the checkpoint setting below): preads per 10k pages 633k -> 200k, CPU
            # of the writes -15 to -25 %; 16 MiB saves almost as much, 64 MiB barely more (preads
            # 260k and 169k) for another 32 MiB of RSS. SQLite allocates the cache as pages are
            # read, so RSS grows by at most this much (and by as much again while a sort runs:
            # SQLite lets a sort use cache_size bytes), then stays flat in N.
            self.db.execute("PRAGMA cache_size = -32768")
            # Checkpoint (copy the WAL into the database file) every 10,000 pages (~40 MB) rather
            # than every 1,000: one batch's transaction is already ~1,000 pages on a small ledger
            # and several thousand at 100k pages (the index pages it touches), so the default
            # checkpointed after every commit, copying the same hot index pages each time.
            # Durability is unchanged (a commit is in the WAL either way).
            self.db.execute("PRAGMA wal_autocheckpoint = 10000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise LedgerError(self.path, f"not a usable SQLite ledger ({exc})") from exc
        self.db.row_factory = sqlite3.Row

    # -- schema ---------------------------------------------------------------------------

    def _migrate(self) -> None:
        self.db.execute("""CREATE TABLE IF NOT EXISTS migrations (
            version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)""")
        done = {row[0] for row in self.db.execute("SELECT version FROM migrations")}
        if done and max(done) > len(MIGRATIONS):
            raise LedgerError(self.path, f"schema version {max(done)} is newer than this claimline "
                              f"understands ({len(MIGRATIONS)}); upgrade claimline")
        for version, (name, sql) in enumerate(MIGRATIONS, 1):
            if version in done:
                continue
            with self.db:
                for statement in sql.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute("INSERT INTO migrations VALUES (?, ?, ?)", (version, name, _now()))

    @property
    def schema_version(self) -> int:
        return self.db.execute("SELECT max(version) FROM migrations").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- runs -----------------------------------------------------------------------------

    def start_run(self, arguments: list[str]) -> int:
        with self.db:
            cur = self.db.execute("INSERT INTO runs (started_at, arguments) VALUES (?, ?)",
                                  (_now(), json.dumps(arguments)))
        return cur.lastrowid

    def finish_run(self, run_id: int, *, read: int, unchanged: int, failed: int, figures: int) -> None:
        with self.db:
            self.db.execute("UPDATE runs SET finished_at=?, read=?, unchanged=?, failed=?, figures=? WHERE id=?",
                            (_now(), read, unchanged, failed, figures, run_id))

    def log_error(self, run_id: int, source: str, code: str, message: str) -> None:
        with self.db:
            self.db.execute("INSERT INTO run_log (run_id, source, code, message, logged_at) VALUES (?,?,?,?,?)",
                            (run_id, source, code, message, _now()))

    def errors(self, run_id: int | None = None) -> list[sqlite3.Row]:
        if run_id is None:
            run_id = self.db.execute("SELECT max(id) FROM runs").fetchone()[0]
        return self.db.execute("SELECT source, code, message FROM run_log WHERE run_id=? ORDER BY id",
                               (run_id,)).fetchall()

    # -- incrementality -------------------------------------------------------------------

    def input_state(self, source: str, content_hash: str) -> tuple[bool, int | None]:
        """(whether `source` points at a stored document with this content already, the id of a
        stored document with this content), in one statement: the run asks both of every input.
        Only indexes are read: comparing document ids instead of reading the hash from the
        document's row saves a random read of the (large) documents table per input, ~100 µs of
        a rerun's time per unchanged page."""
        pointed, stored = self.db.execute(
            "SELECT (SELECT document_id FROM sources WHERE source = ?),"
            " (SELECT id FROM documents WHERE content_hash = ?)", (source, content_hash)).fetchone()
        return stored is not None and pointed == stored, stored

    def document_id(self, content_hash: str) -> int | None:
        row = self.db.execute("SELECT id FROM documents WHERE content_hash = ?", (content_hash,)).fetchone()
        return row[0] if row else None

    def link_source(self, source: str, document_id: int, run_id: int) -> None:
        """Point a source at a document already stored (same content under another name)."""
        with self.db:
            self._set_source(source, document_id, run_id)

    def _set_source(self, source: str, document_id: int, run_id: int) -> None:
        old = self.db.execute("SELECT document_id FROM sources WHERE source=?", (source,)).fetchone()
        self.db.execute("INSERT INTO sources (source, document_id, run_id) VALUES (?,?,?) "
                        "ON CONFLICT(source) DO UPDATE SET document_id=excluded.document_id, run_id=excluded.run_id",
                        (source, document_id, run_id))
        if old and old[0] != document_id:
            self._drop_if_orphan(old[0])

    def _drop_if_orphan(self, document_id: int) -> None:
        """A document no source points at any more (its file changed) is replaced: remove it."""
        if self.db.execute("SELECT 1 FROM sources WHERE document_id=?", (document_id,)).fetchone():
            return
        texts = [r[0] for r in self.db.execute("SELECT text FROM passages WHERE document_id=?", (document_id,))]
        self._count_lines(self._line_keys(texts), -1)
        self.db.execute("DELETE FROM documents WHERE id=?", (document_id,))

    # -- corpus line statistics (template furniture shared by an outlet's pages) ----------

    def common_lines(self, min_documents: int) -> frozenset[str]:
        """Short lines on at least `min_documents` pages, as the ledger stood after its last
        finished run: the pages stored by runs killed since then are left out, so that the run
        that completes their work cleans its pages as the killed run did (and as one
        uninterrupted run would have)."""
        counts = dict(self.db.execute("SELECT line, documents FROM line_counts WHERE documents >= ?",
                                      (min_documents,)))
        killed = [r[0] for r in self.db.execute(
            "SELECT id FROM runs WHERE finished_at IS NULL AND id > coalesce("
            "(SELECT max(id) FROM runs WHERE finished_at IS NOT NULL), 0)")]
        if counts and killed:
            marks = ",".join("?" * len(killed))
            rows = self.db.execute("SELECT p.document_id, p.text FROM passages p JOIN documents d ON d.id = p.document_id"
                                   f" WHERE d.run_id IN ({marks}) ORDER BY p.document_id", killed)
            for _, passages in groupby(rows, key=itemgetter(0)):
                for line in self._line_keys(text for _, text in passages):
                    if line in counts:
                        counts[line] -= 1
        return frozenset(line for line, n in counts.items() if n >= min_documents)

    def _count_lines(self, lines: Iterable[str], delta: int) -> None:
        self._upsert_line_counts(Counter({line: delta for line in lines}))

    def _upsert_line_counts(self, counts: Counter) -> None:
        self.db.executemany(
            "INSERT INTO line_counts (line, documents) VALUES (?, ?) "
            "ON CONFLICT(line) DO UPDATE SET documents = documents + excluded.documents",
            counts.items())

    # -- writing documents ----------------------------------------------------------------

    @staticmethod
    def _line_keys(texts: Iterable[str]) -> set[str]:
        # Only short lines are counted: template furniture (menus, form labels, section heads) is
        # short, and counting every body paragraph would grow the table with the corpus for nothing.
        from .stages.clean import normalise_line
        return {normalise_line(t) for t in texts if len(t) <= SHORT_LINE}

    def write_documents(self, items: Iterable[tuple[Document, list[str]]], run_id: int) -> int:
        """Store processed documents in one transaction. Returns the number of figures written.

        `items` are (document, sources) pairs; a document whose content is already stored only
        gains the new sources."""
        written = 0
        # template lines repeat across the batch's pages: count them here, upsert each line once
        batch_lines: Counter = Counter()
        with self.db:
            for doc, sources in items:
                existing = self._insert_document(doc, run_id, batch_lines)
                if existing is None:  # the same content is stored already
                    existing = self.document_id(doc.content_hash)
                else:
                    written += len(doc.figures)
                for source in sources:
                    self._set_source(source, existing, run_id)
            self._upsert_line_counts(batch_lines)
        return written

    def _insert_document(self, doc: Document, run_id: int, batch_lines: Counter) -> int | None:
        """The new document's id, or None (nothing written) when its content is stored already:
        the unique content hash decides, so no lookup precedes the insert."""
        cur = self.db.execute(
            "INSERT INTO documents (content_hash, name, source, content_type, encoding, url, title, title_start,"
            " title_end, authors, published, outlet, grouping, text, html, run_id)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (content_hash) DO NOTHING",
            (doc.content_hash, doc.name, doc.source, doc.content_type, doc.encoding, doc.url, doc.title,
             doc.title_span[0] if doc.title_span else None, doc.title_span[1] if doc.title_span else None,
             json.dumps(doc.authors, ensure_ascii=False), doc.published, doc.outlet, doc.grouping, doc.text,
             doc.html, run_id))
        if cur.rowcount == 0:
            return None
        doc_id = cur.lastrowid
        passages = doc.passages
        n_passages = len(passages)
        first_passage = None
        if n_passages:
            self.db.executemany(
                'INSERT INTO passages (document_id, idx, kind, start, "end", text) VALUES (?,?,?,?,?,?)',
                [(doc_id, i, p.kind, p.start, p.end, p.text) for i, p in enumerate(passages)])
            # The rows just inserted got consecutive rowids (no explicit id, no AUTOINCREMENT: each
            # is max(rowid) + 1), ending at the connection's last insert rowid: passage i is
            # first_passage + i. Saves a query on passages_document per document.
            first_passage = self.db.execute("SELECT last_insert_rowid()").fetchone()[0] - n_passages + 1
        batch_lines.update(self._line_keys(p.text for p in passages))
        rows = []
        for i, f in enumerate(doc.figures):
            sent = doc.sentences[f.sentence]
            at = sent.passage  # -1 (or any index without a passage): no passage id
            passage_id = first_passage + at if first_passage is not None and 0 <= at < n_passages else None
            rows.append((
                doc_id, passage_id, i, f.span[0], f.span[1], f.text, f.value, f.low, f.high, f.approx, f.unit, f.subject,
                f.where, *(f.where_span or (None, None)), sent.text, sent.start, sent.end,
                f.claimant, *(f.claimant_span or (None, None)), f.claimant_role, f.cue, f.basis, f.modality,
                f.stated_expr, *(f.stated_span or (None, None)), f.stated_on, f.stated_from, f.stated_to,
                f.stated_how))
        self.db.executemany(
            'INSERT INTO figures (document_id, passage_id, idx, start, "end", text, value, low, high, approx, unit, subject,'
            ' place, place_start, place_end, evidence, evidence_start, evidence_end, claimant, claimant_start,'
            ' claimant_end, claimant_role, cue, basis, modality, stated_expr, stated_start, stated_end, stated_on,'
            ' stated_from, stated_to, stated_how)'
            ' VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)', rows)
        return doc_id

    # -- corpus-level date inference ------------------------------------------------------

    def undated_claim_candidates(self, keys_of: Callable[[str], Iterable[str]],
                                 since_run: int | None = None) -> Iterator[tuple]:
        """For each undated document that has a chance of being dated: (document id, its figures
        as (id, value, low, high, claimant, stated_expr, stated_how), {figure id: [(claimant,
        stated_on, document name)]}), the candidates being dated reports (explicit statement date,
        named claimant) of the same value by a claimant sharing a surname key (`keys_of`) with the
        figure's. Each (claimant, day) comes once, named by its first report. The matching is a
        join in SQLite's temporary store, so memory does not grow with the corpus.

        Only documents whose candidates may have changed since the last finished run are given:
        the undated documents stored since then, and older ones that a report stored since then
        may date. The others keep what earlier runs inferred from the same candidates, so a run
        that adds a few pages to a large ledger does not redo the whole corpus. `since_run`: count
        as new the documents of the runs after this one instead (0: every document)."""
        db = self.db
        if since_run is None:  # new: this run's documents, and those of runs killed since the last finished one
            since_run = db.execute("SELECT coalesce(max(id), 0) FROM runs WHERE finished_at IS NOT NULL").fetchone()[0]
        # Rowids only grow, so the last document stored belongs to the latest run that stored any:
        # when that run is not new, no document is, and nothing needs reconsidering (a rerun on
        # unchanged inputs skips the scans of the whole figures table below).
        latest = db.execute("SELECT run_id FROM documents ORDER BY id DESC LIMIT 1").fetchone()
        if latest is None or (latest[0] or 0) <= since_run:
            return
        for table in _CANDIDATE_TABLES:
            db.execute(f"DROP TABLE IF EXISTS temp.{table}")
        # SQLite lets a sort use as much memory as the page cache: keep the sorts of the matching
        # (index builds, DISTINCT and GROUP BY over ~1M rows at 100k pages) to 8 MiB, so that this
        # step does not raise the run's peak memory (measured: no slower than with 32 MiB).
        cache_size = db.execute("PRAGMA cache_size").fetchone()[0]
        db.execute("PRAGMA cache_size = -8192")
        try:
            self._match_claims(keys_of, since_run)
        finally:
            db.execute(f"PRAGMA cache_size = {int(cache_size)}")
        db.commit()
        current, candidates = None, {}
        figure_query = ("SELECT id, value, low, high, claimant, stated_expr, stated_how FROM figures"
                        " WHERE document_id = ? ORDER BY idx")
        # read in pieces: the caller writes inferred dates between documents
        last = (0, 0, 0)
        while True:
            rows = db.execute(
                "SELECT document_id, figure_id, first, claimant, stated_on, name FROM temp.claim_matches"
                " WHERE (document_id, figure_id, first) > (?, ?, ?) ORDER BY document_id, figure_id, first"
                " LIMIT 5000", last).fetchall()
            for doc_id, fid, first, claimant, stated_on, name in rows:
                if doc_id != current:
                    if current is not None:
                        yield current, db.execute(figure_query, (current,)).fetchall(), candidates
                    current, candidates = doc_id, {}
                candidates.setdefault(fid, []).append((claimant, stated_on, name))
            if len(rows) < 5000:
                break
            last = rows[-1][:3]
        if current is not None:
            yield current, db.execute(figure_query, (current,)).fetchall(), candidates
        for table in _CANDIDATE_TABLES:
            db.execute(f"DROP TABLE IF EXISTS temp.{table}")

    def _match_claims(self, keys_of: Callable[[str], Iterable[str]], since: int) -> None:
        """temp.claim_matches: (undated document, undated figure, claimant, stated_on, name of the
        first report, its figure id) for `undated_claim_candidates`; documents of runs after
        `since` are new."""
        db = self.db
        # Keys are computed once per distinct claimant (a few thousand names), not once per figure,
        # and expanded to figures in SQL: at 100k pages that is 1.3M key rows that no longer go
        # through Python, and the dated side is never stored as key rows at all.
        db.execute("CREATE TEMP TABLE undated_figures AS SELECT f.id AS figure_id, f.document_id AS document_id,"
                   " f.value AS value, f.low AS low, f.high AS high, f.claimant AS claimant, d.run_id > ? AS new"
                   " FROM figures f JOIN documents d ON d.id = f.document_id"
                   " WHERE d.published IS NULL AND f.stated_expr IS NOT NULL AND f.claimant IS NOT NULL", (since,))
        self._claimant_keys("undated", keys_of)
        db.execute("CREATE TEMP TABLE undated_keys AS SELECT u.figure_id AS figure_id, u.document_id AS document_id,"
                   " u.value AS value, u.low AS low, u.high AS high, c.skey AS skey"
                   " FROM temp.undated_figures u JOIN temp.undated_claimant_keys c ON c.claimant = u.claimant")
        db.execute("CREATE INDEX temp.undated_keys_value ON undated_keys(value, low, high, skey)")
        # the dated side carries what a match reports (statement day, document name), so the
        # matching below never goes back to the ledger's tables
        db.execute("CREATE TEMP TABLE dated_figures AS SELECT f.id AS figure_id, f.value AS value, f.low AS low,"
                   " f.high AS high, f.claimant AS claimant, f.stated_on AS stated_on, d.name AS name,"
                   " d.run_id > ? AS new"
                   " FROM figures f JOIN documents d ON d.id = f.document_id"
                   " WHERE d.published IS NOT NULL AND f.stated_how = 'text' AND f.stated_from IS NULL"
                   " AND f.claimant IS NOT NULL AND EXISTS (SELECT 1 FROM temp.undated_keys u"
                   " WHERE u.value IS f.value AND u.low IS f.low AND u.high IS f.high)", (since,))
        self._claimant_keys("dated", keys_of)
        db.execute("CREATE UNIQUE INDEX temp.dated_figures_id ON dated_figures(figure_id)")
        # The undated documents to (re)consider: the new ones, and older ones matched by a new
        # dated report. When no undated document is older than the run (a first run), that is
        # all of them, and the second, costly join is skipped.
        db.execute("CREATE TEMP TABLE affected_documents (document_id INTEGER PRIMARY KEY)")
        db.execute("INSERT OR IGNORE INTO temp.affected_documents SELECT document_id FROM temp.undated_figures WHERE new")
        if db.execute("SELECT 1 FROM temp.undated_figures WHERE NOT new LIMIT 1").fetchone():
            db.execute("INSERT OR IGNORE INTO temp.affected_documents SELECT u.document_id"
                       " FROM temp.dated_figures k JOIN temp.dated_claimant_keys c ON c.claimant = k.claimant"
                       " JOIN temp.undated_keys u ON u.value IS k.value AND u.low IS k.low AND u.high IS k.high"
                       " AND u.skey = c.skey WHERE k.new")
            db.execute("DELETE FROM temp.undated_keys WHERE document_id NOT IN"
                       " (SELECT document_id FROM temp.affected_documents)")
        # Two claimants sharing several keys (the same surname shares all of them) pair their
        # figures several times: DISTINCT keeps each (undated figure, dated figure) pair once
        # before the grouping. `name` is the name of the report with the smallest figure id.
        db.execute(
            "CREATE TEMP TABLE claim_matches AS"
            " SELECT m.document_id AS document_id, m.undated_id AS figure_id, k.claimant AS claimant,"
            " k.stated_on AS stated_on, k.name AS name, min(k.figure_id) AS first"
            " FROM (SELECT DISTINCT u.figure_id AS undated_id, u.document_id AS document_id, k.figure_id AS dated_id"
            " FROM temp.dated_figures k JOIN temp.dated_claimant_keys c ON c.claimant = k.claimant"
            " JOIN temp.undated_keys u ON u.value IS k.value AND u.low IS k.low AND u.high IS k.high"
            " AND u.skey = c.skey) m"
            " JOIN temp.dated_figures k ON k.figure_id = m.dated_id"
            " GROUP BY m.undated_id, k.claimant, k.stated_on")
        # `undated_claim_candidates` reads the matches in pages of 5,000 in this order: without
        # the index every page scanned and sorted the whole table, which grew with the square of
        # the corpus (61 pages of 301k rows at 100k bench pages: 2.1 s of CPU for the reads, 0.5 s with it)
        db.execute("CREATE INDEX temp.claim_matches_order ON claim_matches(document_id, figure_id, first)")

    def _claimant_keys(self, side: str, keys_of: Callable[[str], Iterable[str]]) -> None:
        """temp.{side}_claimant_keys: (claimant, key) for each distinct claimant of temp.{side}_figures."""
        self.db.execute(f"CREATE TEMP TABLE {side}_claimant_keys (claimant TEXT, skey TEXT)")
        claimants = self.db.execute(f"SELECT DISTINCT claimant FROM temp.{side}_figures")
        self.db.executemany(f"INSERT INTO temp.{side}_claimant_keys VALUES (?,?)",
                            ((who, k) for (who,) in claimants for k in keys_of(who)))
        self.db.execute(f"CREATE INDEX temp.{side}_claimant_keys_claimant ON {side}_claimant_keys(claimant)")

    def set_inferred_dates(self, document_id: int, published_inferred: str | None, inferred_from: str | None,
                           figure_dates: list[tuple[int, str | None, str | None, str | None, str | None]]) -> None:
        """Record a publication date inferred from other documents, and the statement dates it
        resolves: (figure id, stated_on, stated_from, stated_to, stated_how)."""
        with self.db:
            self.db.execute("UPDATE documents SET published_inferred=?, published_inferred_from=? WHERE id=?",
                            (published_inferred, inferred_from, document_id))
            self.db.executemany("UPDATE figures SET stated_on=?, stated_from=?, stated_to=?, stated_how=? WHERE id=?",
                                [(on, lo, hi, how, fid) for fid, on, lo, hi, how in figure_dates])

    # -- consolidation --------------------------------------------------------------------

    def store_copies(self, links, signatures: dict[int, bytes | None]) -> None:
        """Copy links between passages, and the MinHash signature of each newly seen passage
        (an empty blob for a passage too short to sign, so it is not signed again)."""
        with self.db:
            self.db.executemany("UPDATE passages SET signature = ? WHERE id = ?",
                                ((sig if sig is not None else b"", pid) for pid, sig in signatures.items()))
            # a generator, not a list: at 100k bench articles that list was 6.8 M tuples
            self.db.executemany("INSERT OR IGNORE INTO copies (passage_a, passage_b, similarity, kind)"
                                " VALUES (?,?,?,?)", ((c.a, c.b, c.similarity, c.kind) for c in links))

    def store_entities(self, entities) -> None:
        """The canonical entities and their aliases, rebuilt from the whole corpus."""
        with self.db:
            self.db.execute("DELETE FROM aliases")
            self.db.execute("DELETE FROM entities")
            self.db.executemany("INSERT INTO entities (key, kind, name, parent) VALUES (?,?,?,?)",
                                [(e.key, e.kind, e.name, e.parent) for e in entities])
            self.db.executemany("INSERT OR IGNORE INTO aliases (alias, entity_key) VALUES (?,?)",
                                [(a, e.key) for e in entities for a in sorted(e.aliases)])

    # -- fetched pages (a cache: a URL fetched successfully is not fetched again) -----------

    def cached_fetch(self, url: str) -> sqlite3.Row | None:
        """The stored successful fetch of `url` (url, final_url, status, content_type, body,
        fetched_at), or None. Failed fetches are never stored, so they are tried again."""
        return self.db.execute("SELECT url, final_url, status, content_type, body, fetched_at FROM fetched"
                               " WHERE url = ?", (url,)).fetchone()

    def store_fetch(self, page) -> None:
        """Remember a successful fetch (any object with the FetchedPage fields), replacing an older one."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO fetched (url, final_url, status, content_type, body, fetched_at)"
                            " VALUES (?,?,?,?,?,?)", (page.url, page.final_url, page.status, page.content_type,
                                                     bytes(page.body), page.fetched_at))

    # -- reading --------------------------------------------------------------------------

    def documents(self) -> Iterator[sqlite3.Row]:
        yield from self.db.execute("SELECT * FROM documents ORDER BY name, id")

    def figures(self) -> Iterator[sqlite3.Row]:
        yield from self.db.execute(
            "SELECT f.*, d.name AS doc, d.published AS published, d.outlet AS outlet, d.url AS url,"
            " src.name AS copy_of_name"
            " FROM figures f JOIN documents d ON d.id = f.document_id"
            " LEFT JOIN documents src ON src.id = f.copy_of ORDER BY d.name, d.id, f.idx")

    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "sources", "passages", "figures", "runs", "run_log")}
