package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/store/storetest"
)

var bg = context.Background()

func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "graph.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformanceFile(t *testing.T) {
	storetest.Run(t, func(t *testing.T) actorgraph.Store { return openTemp(t) })
}

func TestConformanceMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("the file store runs the same suite")
	}
	storetest.Run(t, func(t *testing.T) actorgraph.Store {
		s, err := Open(":memory:")
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestOpenPragmas(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	var mode string
	var fk, busy int
	if err := s.wc.c.QueryRowContext(bg, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v", mode, err)
	}
	if err := s.wc.c.QueryRowContext(bg, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d, %v", fk, err)
	}
	if err := s.wc.c.QueryRowContext(bg, `PRAGMA busy_timeout`).Scan(&busy); err != nil || busy < 1000 {
		t.Errorf("busy_timeout = %d, %v", busy, err)
	}
	err := s.read(bg, "pragmas", func(r *rtx) error {
		if err := r.row(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
			t.Errorf("reader foreign_keys = %d, %v", fk, err)
		}
		if err := r.row(`PRAGMA busy_timeout`).Scan(&busy); err != nil || busy < 1000 {
			t.Errorf("reader busy_timeout = %d, %v", busy, err)
		}
		// readers cannot write
		if _, err := r.c.c.ExecContext(bg, `DELETE FROM documents`); err == nil {
			t.Error("a reader connection could write")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := s.Version(bg); err != nil || v != SchemaVersion {
		t.Errorf("Version = %d, %v; want %d", v, err, SchemaVersion)
	}
}

func TestOpenErrors(t *testing.T) {
	for _, p := range []string{"", "  ", "a?b.db"} {
		if _, err := Open(p); actorgraph.ErrorCode(err) != actorgraph.EInvalid {
			t.Errorf("Open(%q): %v", p, err)
		}
	}
	if _, err := Open(filepath.Join(t.TempDir(), "no", "such", "dir", "x.db")); err == nil {
		t.Error("Open in a missing directory succeeded")
	} else if actorgraph.ErrorCode(err) == "" {
		t.Errorf("Open: %v", err)
	}
	// a file that is not a database
	p := filepath.Join(t.TempDir(), "junk.db")
	if err := writeFile(p, strings.Repeat("not a database ", 1000)); err != nil {
		t.Fatal(err)
	}
	_, err := Open(p)
	var e *actorgraph.Error
	if !errors.As(err, &e) {
		t.Errorf("Open(junk) = %v, want an *actorgraph.Error", err)
	}
}

// schemaV1 is version 1 of the schema exactly as it was released: no
// full-text index, no "eff" column. Never edit it; it is what old files
// on disk look like.
const schemaV1 = `
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version VALUES (1);
CREATE TABLE documents (id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, ext_id TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '', publisher TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '', text TEXT NOT NULL, source TEXT NOT NULL DEFAULT '', ingested TEXT NOT NULL);
CREATE TABLE actors (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, norm TEXT NOT NULL DEFAULT '',
	class TEXT NOT NULL DEFAULT '', kb_id TEXT NOT NULL DEFAULT '', kb_name TEXT NOT NULL DEFAULT '',
	auto_root INTEGER NOT NULL DEFAULT 0, name TEXT NOT NULL DEFAULT '', type TEXT NOT NULL DEFAULT '',
	entities INTEGER NOT NULL DEFAULT 0, mentions INTEGER NOT NULL DEFAULT 0, documents INTEGER NOT NULL DEFAULT 0,
	evidence INTEGER NOT NULL DEFAULT 0, n_edges INTEGER NOT NULL DEFAULT 0, n_person INTEGER NOT NULL DEFAULT 0, n_armed_group INTEGER NOT NULL DEFAULT 0,
	n_org INTEGER NOT NULL DEFAULT 0, n_country INTEGER NOT NULL DEFAULT 0, n_location INTEGER NOT NULL DEFAULT 0);
CREATE INDEX actors_by_docs ON actors(documents DESC, id) WHERE entities > 0;
CREATE INDEX actors_by_type ON actors(type, documents DESC, id) WHERE entities > 0;
CREATE TABLE doc_entities (id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	ord INTEGER NOT NULL, local_id TEXT NOT NULL, name TEXT NOT NULL, norm TEXT NOT NULL, type TEXT NOT NULL,
	kb_id TEXT NOT NULL DEFAULT '', kb_name TEXT NOT NULL DEFAULT '', aliases TEXT NOT NULL, mentions TEXT NOT NULL,
	n_mentions INTEGER NOT NULL, group_id INTEGER NOT NULL REFERENCES actors(id), actor_id INTEGER);
CREATE INDEX doc_entities_doc ON doc_entities(doc_id, ord);
CREATE INDEX doc_entities_group ON doc_entities(group_id);
CREATE INDEX doc_entities_actor ON doc_entities(actor_id, doc_id);
CREATE TABLE doc_names (entity_id INTEGER NOT NULL REFERENCES doc_entities(id) ON DELETE CASCADE, norm TEXT NOT NULL,
	name TEXT NOT NULL, cnt INTEGER NOT NULL, prim INTEGER NOT NULL, doc_id INTEGER NOT NULL, actor_id INTEGER,
	PRIMARY KEY (entity_id, norm)) WITHOUT ROWID;
CREATE INDEX doc_names_actor ON doc_names(actor_id, norm, doc_id);
CREATE TABLE group_names (norm TEXT NOT NULL, group_id INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (norm, group_id)) WITHOUT ROWID;
CREATE INDEX group_names_group ON group_names(group_id);
CREATE TABLE actor_names (actor_id INTEGER NOT NULL, norm TEXT NOT NULL, name TEXT NOT NULL, n INTEGER NOT NULL,
	cnt INTEGER NOT NULL, prim INTEGER NOT NULL, first_doc INTEGER NOT NULL, PRIMARY KEY (actor_id, norm)) WITHOUT ROWID;
CREATE INDEX actor_names_norm ON actor_names(norm, actor_id);
CREATE TABLE edges (id INTEGER PRIMARY KEY, src INTEGER NOT NULL, type TEXT NOT NULL, dst INTEGER NOT NULL,
	negated INTEGER NOT NULL, count INTEGER NOT NULL DEFAULT 0, documents INTEGER NOT NULL DEFAULT 0,
	n_asserted INTEGER NOT NULL DEFAULT 0, n_reported INTEGER NOT NULL DEFAULT 0, n_possible INTEGER NOT NULL DEFAULT 0,
	first_seen TEXT NOT NULL DEFAULT '', last_seen TEXT NOT NULL DEFAULT '');
CREATE UNIQUE INDEX edges_key ON edges(src, type, dst, negated);
CREATE INDEX edges_src ON edges(src, count DESC, id) WHERE count > 0;
CREATE INDEX edges_dst ON edges(dst, count DESC, id) WHERE count > 0;
CREATE INDEX edges_by_count ON edges(count DESC, id) WHERE count > 0;
CREATE TABLE relations (id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	ord INTEGER NOT NULL, src_ent INTEGER NOT NULL, dst_ent INTEGER NOT NULL, type TEXT NOT NULL, negated INTEGER NOT NULL,
	modality TEXT NOT NULL, sentence TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
	trigger TEXT NOT NULL DEFAULT '', published TEXT NOT NULL DEFAULT '', edge_id INTEGER REFERENCES edges(id));
CREATE INDEX relations_doc ON relations(doc_id, ord);
CREATE INDEX relations_edge ON relations(edge_id, published, doc_id) WHERE edge_id IS NOT NULL;
CREATE TABLE edits (id INTEGER PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, actor INTEGER NOT NULL,
	other INTEGER NOT NULL DEFAULT 0, value TEXT NOT NULL DEFAULT '', norm TEXT NOT NULL DEFAULT '', undone INTEGER NOT NULL DEFAULT 0);
CREATE INDEX edits_actor ON edits(actor, kind);
CREATE INDEX edits_norm ON edits(norm) WHERE kind = 'rename';

-- one dated and one undated document, as version 1 stored them
INSERT INTO documents(id, hash, title, published, text, ingested) VALUES
	(1, 'h1', 'Old report', '2019-03-04', 'The Haqqani network operates from North Waziristan.', '2020-01-02T03:04:05.000000000Z'),
	(2, 'h2', 'Undated note', '', 'Nothing about Waziristan is simple.', '2021-05-06T07:08:09.000000000Z');
`

func TestMigrateFromV1(t *testing.T) {
	p := filepath.Join(t.TempDir(), "v1.db")
	db, err := sql.Open("sqlite", p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(schemaV1); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(p)
	if err != nil {
		t.Fatalf("Open(v1 database): %v", err)
	}
	defer s.Close()
	if v, err := s.Version(bg); err != nil || v != SchemaVersion {
		t.Fatalf("version after migration = %d, %v; want %d", v, err, SchemaVersion)
	}
	// migration 2 indexed the existing documents
	hits, total, err := s.Search(bg, "Waziristan", actorgraph.AsOf{}, actorgraph.Page{})
	if err != nil || total != 2 || len(hits) != 2 {
		t.Errorf("search after migration: %+v %d %v", hits, total, err)
	}
	// migration 3 dated them: published, else the ingestion day
	for _, tc := range []struct {
		date string
		want int
	}{{"2019-03-03", 0}, {"2019-03-04", 1}, {"2021-05-05", 1}, {"2021-05-06", 2}} {
		if _, total, err := s.Documents(bg, actorgraph.AsOf{Date: tc.date}, actorgraph.Page{}); err != nil || total != tc.want {
			t.Errorf("documents as of %s: %d, %v; want %d", tc.date, total, err, tc.want)
		}
	}
	d, x, err := s.Document(bg, 1)
	if err != nil || d.Title != "Old report" || d.Ingested.Year() != 2020 || len(x.Entities) != 0 {
		t.Errorf("old document: %+v %+v %v", d, x, err)
	}
	// and the migrated store keeps working
	res, err := s.PutDocument(bg, actorgraph.Document{Text: "The Haqqani network attacked Kabul.", Published: "2024-01-01"},
		actorgraph.Extraction{Entities: []actorgraph.Entity{
			{ID: "h", Name: "Haqqani network", Type: actorgraph.ArmedGroup, Mentions: []actorgraph.Span{{Start: 4, End: 19}}},
			{ID: "k", Name: "Kabul", Type: actorgraph.Location, Mentions: []actorgraph.Span{{Start: 29, End: 34}}}},
			Relations: []actorgraph.Relation{{Source: "h", Type: actorgraph.Attacks, Target: "k", Modality: actorgraph.Asserted,
				Evidence: actorgraph.Evidence{Span: actorgraph.Span{Start: 0, End: 35}}}}})
	if err != nil || res.DocID != 3 {
		t.Fatalf("put after migration: %+v %v", res, err)
	}
	if as, err := s.Resolve(bg, "haqqani network"); err != nil || len(as) != 1 || as[0].Evidence != 1 {
		t.Errorf("resolve after migration: %+v %v", as, err)
	}
	s.Close()
	// opening again applies nothing
	s2, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s2.Version(bg); v != SchemaVersion {
		t.Errorf("version on reopen = %d", v)
	}
	s2.Close()
}

func TestNewerSchemaRefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "future.db")
	s, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.write(bg, "test", func(w *wtx) error { return w.exec(`UPDATE schema_version SET version = 99`) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(p); actorgraph.ErrorCode(err) != actorgraph.EConflict {
		t.Errorf("Open(newer schema) = %v, want a conflict", err)
	}
}

// TestPutIsAtomic makes the transaction fail just before commit, as a
// crash would, and checks that nothing of the document remains.
func TestPutIsAtomic(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	doc := actorgraph.Document{Title: "t", Text: "The Taliban host al-Qaeda."}
	x := actorgraph.Extraction{Entities: []actorgraph.Entity{
		{ID: "t", Name: "Taliban", Type: actorgraph.ArmedGroup, KBID: "taliban", Mentions: []actorgraph.Span{{Start: 4, End: 11}}},
		{ID: "a", Name: "al-Qaeda", Type: actorgraph.ArmedGroup, Mentions: []actorgraph.Span{{Start: 17, End: 25}}}},
		Relations: []actorgraph.Relation{{Source: "t", Type: actorgraph.Hosts, Target: "a", Modality: actorgraph.Asserted,
			Evidence: actorgraph.Evidence{Text: doc.Text, Span: actorgraph.Span{Start: 0, End: 26}}}}}
	testHookBeforeCommit = func(op string) error { return errors.New("simulated crash") }
	_, err := s.PutDocument(bg, doc, x)
	testHookBeforeCommit = nil
	if err == nil {
		t.Fatal("PutDocument succeeded through a failing commit")
	}
	for _, table := range []string{"documents", "documents_fts", "doc_entities", "relations", "edges", "actors", "actor_names", "group_names"} {
		var n int
		err := s.read(bg, "count", func(r *rtx) error { return r.row(`SELECT COUNT(*) FROM ` + table).Scan(&n) })
		if err != nil || n != 0 {
			t.Errorf("%s has %d rows after a failed put (%v)", table, n, err)
		}
	}
	res, err := s.PutDocument(bg, doc, x)
	if err != nil || !res.New {
		t.Fatalf("put after the failure: %+v %v", res, err)
	}
}

// TestEdgeIndexesByIdentity keeps the indexes of edges off the columns
// that change when evidence is added (migration 9): an index holding a
// count is rewritten at every commit that touches the edge, and storing a
// batch then rewrites nearly every page of it.
func TestEdgeIndexesByIdentity(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	got := map[string]string{}
	err := s.read(bg, "indexes", func(r *rtx) error {
		rows, err := r.query(`SELECT name, COALESCE(sql, '') FROM sqlite_master WHERE type = 'index' AND tbl_name = 'edges'`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var name, sql string
			if err := rows.Scan(&name, &sql); err != nil {
				return err
			}
			got[name] = sql
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["edges_key"] == "" || got["edges_dst"] == "" {
		t.Errorf("indexes of edges = %v, want edges_key and edges_dst", got)
	}
	for name, sql := range got {
		for _, col := range []string{"count", "documents", "n_asserted", "first_seen", "last_seen"} {
			if strings.Contains(sql, col) {
				t.Errorf("%s holds %s, which changes with every new piece of evidence: %s", name, col, sql)
			}
		}
	}
}

// TestQueryPlans checks that the hot queries use indexes, not scans.
func TestQueryPlans(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	for _, q := range []string{
		`SELECT id FROM actors WHERE id = 1`,
		`SELECT norm FROM actor_names WHERE actor_id = 1`,
		`SELECT DISTINCT b.actor_id FROM actor_names a JOIN actor_names b ON b.norm = a.norm AND b.actor_id != a.actor_id WHERE a.actor_id = 1`,
		`SELECT e.id FROM (` + actorEdgeIDs + `) AS sel CROSS JOIN edges e ON e.id = sel.id
			CROSS JOIN actors sa ON sa.id = e.src CROSS JOIN actors da ON da.id = e.dst WHERE e.count > 0 ORDER BY e.count DESC, e.id`,
		`SELECT COUNT(*) FROM (` + actorEdgeIDs + `) AS sel CROSS JOIN edges e ON e.id = sel.id WHERE e.count > 0`,
		`SELECT 1 FROM edges o INDEXED BY edges_key WHERE o.src = 1 AND o.type = 'ALLY' AND o.dst = 2 AND o.negated = 1 - 0 AND o.count > 0`,
		`SELECT MIN(published) FROM relations WHERE edge_id = 1 AND published > ''`,
		`SELECT 1 FROM relations WHERE edge_id = 1 AND published = '' AND doc_id = 2`,
		`SELECT 1 FROM doc_entities WHERE actor_id = 1 AND doc_id = 2`,
		groupEntities,
		`SELECT COUNT(*) FROM (` + actorEdgeIDs + `) AS sel
			CROSS JOIN relations x ON x.edge_id = sel.id CROSS JOIN documents d ON d.id = x.doc_id WHERE d.eff <= '2020-01-01'`,
		`SELECT doc_id, names FROM doc_entities WHERE actor_id = 1 AND instr(names, 'x') > 0 ORDER BY doc_id LIMIT 1`,
		`SELECT group_id FROM group_names WHERE norm = 'x'`,
		`SELECT id FROM actors WHERE key = 'x'`,
		`SELECT x.edge_id FROM relations x JOIN documents d ON d.id = x.doc_id WHERE x.edge_id = 1`,
		`SELECT id, count FROM edges WHERE src = 1 AND count > 0 ORDER BY count DESC, id LIMIT 50`,
		`SELECT id, count FROM edges WHERE dst = 1 AND count > 0 ORDER BY count DESC, id LIMIT 50`,
		`WITH agg AS (SELECT x.edge_id AS id, COUNT(*) AS cnt FROM (` + actorEdgeIDs + `) AS sel
			CROSS JOIN relations x ON x.edge_id = sel.id CROSS JOIN documents d ON d.id = x.doc_id
			WHERE d.eff <= '2020-01-01' GROUP BY x.edge_id)
		SELECT e.id, EXISTS (SELECT 1 FROM edges o INDEXED BY edges_key CROSS JOIN agg ao ON ao.id = o.id
				WHERE o.src = e.src AND o.type = e.type AND o.dst = e.dst AND o.negated = 1 - e.negated)
		FROM agg CROSS JOIN edges e ON e.id = agg.id`,
		`SELECT e.id, ` + contestedSQL + ` FROM (` + actorEdgeIDs + `) AS sel CROSS JOIN edges e ON e.id = sel.id WHERE e.type = 'ALLY'`,
		`SELECT e.names FROM doc_entities e CROSS JOIN documents d ON d.id = e.doc_id
			WHERE e.actor_id = 1 AND instr(e.names, 'x') > 0 AND d.eff <= '2020-01-01' ORDER BY e.doc_id LIMIT 1`,
	} {
		var plan []string
		err := s.read(bg, "plan", func(r *rtx) error {
			rows, err := r.c.c.QueryContext(bg, `EXPLAIN QUERY PLAN `+strings.ReplaceAll(q, "?", "1"))
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id, parent, notused int
				var detail string
				if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
					return err
				}
				plan = append(plan, detail)
			}
			return rows.Err()
		})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if testing.Verbose() {
			t.Logf("%s\n  %s", q, strings.Join(plan, "\n  "))
		}
		all := strings.Join(plan, "\n  ")
		if strings.Contains(q, "FROM edges WHERE src = ") && !strings.Contains(all, "edges_key (src=?)") ||
			strings.Contains(q, "FROM edges WHERE dst = ") && !strings.Contains(all, "edges_dst (dst=?)") {
			t.Errorf("an actor's edges not found through its endpoint index in %s:\n  %s", q, all)
		}
		for _, p := range plan {
			if strings.HasPrefix(p, "SCAN ") && !strings.Contains(p, "CONSTANT ROW") && !strings.HasPrefix(p, "SCAN sel") && !strings.HasPrefix(p, "SCAN agg") {
				t.Errorf("full scan in %s:\n  %s", q, strings.Join(plan, "\n  "))
			}
		}
	}
}

func TestClosed(t *testing.T) {
	s := openTemp(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := s.PutDocument(bg, actorgraph.Document{Text: "x"}, actorgraph.Extraction{}); actorgraph.ErrorCode(err) == "" {
		t.Error("PutDocument on a closed store succeeded")
	}
	if _, err := s.Actor(bg, 1); actorgraph.ErrorCode(err) == "" {
		t.Error("Actor on a closed store succeeded")
	}
}

func TestNorm(t *testing.T) {
	for in, want := range map[string]string{
		"Al-Qa’ida":             "al qaida",
		"al Qaida":              "al qaida",
		"U.S.":                  "us",
		"Hayʼat Taḥrīr al-Shām": "hayat tahrir al sham",
		"the Taliban":           "taliban",
		"  The   TALIBAN ":      "taliban",
		"Ünïcödé—Straße":        "unicode strasse",
		"İslamic":               "islamic",
		"...":                   "",
		"Tehreek-e-Islami":      "tehreek e islami",
	} {
		if got := norm(in); got != want {
			t.Errorf("norm(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFTSQuery(t *testing.T) {
	for in, want := range map[string]string{
		`drone strike`:     `"drone" "strike"`,
		`"drone strike"`:   `"drone strike"`,
		`Taliban OR Haqq*`: `"Taliban" OR "Haqq"*`,
		`OR drone OR`:      `"drone"`,
		`a"b`:              `"a""b"`,
		`-- ** ""`:         ``,
		`"unbalanced`:      `"unbalanced"`,
	} {
		if got := ftsQuery(in); got != want {
			t.Errorf("ftsQuery(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPutDocuments(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	mk := func(text string) DocInput {
		return DocInput{Doc: actorgraph.Document{Text: text, Published: "2024-01-01"},
			Extraction: actorgraph.Extraction{Entities: []actorgraph.Entity{{ID: "t", Name: "Taliban", Type: actorgraph.ArmedGroup,
				KBID: "taliban", Mentions: []actorgraph.Span{{Start: 0, End: 7}}}}}}
	}
	// one bad document: nothing of the batch is stored
	bad := mk("Taliban two.")
	bad.Extraction.Entities[0].Mentions[0].End = 999
	_, err := s.PutDocuments(bg, []DocInput{mk("Taliban one."), bad, mk("Taliban three.")})
	if actorgraph.ErrorCode(err) != actorgraph.EInvalid || !strings.Contains(err.Error(), "document 2 of 3") {
		t.Fatalf("batch with a bad document: %v", err)
	}
	if _, total, _ := s.Documents(bg, actorgraph.AsOf{}, actorgraph.Page{}); total != 0 {
		t.Fatalf("%d documents stored from a refused batch", total)
	}
	// a text twice in one batch is stored once
	res, err := s.PutDocuments(bg, []DocInput{mk("Taliban one."), mk("Taliban two."), mk("Taliban one.")})
	if err != nil {
		t.Fatal(err)
	}
	if !res[0].New || !res[1].New || res[2].New || res[2].DocID != res[0].DocID {
		t.Errorf("results %+v", res)
	}
	as, err := s.Resolve(bg, "Taliban")
	if err != nil || len(as) != 1 || as[0].Documents != 2 || as[0].Mentions != 2 {
		t.Errorf("Taliban after the batch: %+v %v", as, err)
	}
	if res, err := s.PutDocuments(bg, nil); err != nil || len(res) != 0 {
		t.Errorf("empty batch: %v %v", res, err)
	}
}

// TestCancelledContext checks that a cancelled call fails cleanly and
// leaves the connections usable.
func TestCancelledContext(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	ctx, cancel := context.WithCancel(bg)
	cancel()
	_, err := s.PutDocument(ctx, actorgraph.Document{Text: "Taliban."}, actorgraph.Extraction{})
	if err == nil {
		t.Fatal("put with a cancelled context succeeded")
	}
	var e *actorgraph.Error
	if !errors.As(err, &e) {
		t.Errorf("error %v is not an *actorgraph.Error", err)
	}
	if _, _, err := s.Documents(ctx, actorgraph.AsOf{}, actorgraph.Page{}); err == nil {
		t.Error("read with a cancelled context succeeded")
	}
	// the store still works afterwards
	if _, err := s.PutDocument(bg, actorgraph.Document{Text: "Taliban."}, actorgraph.Extraction{}); err != nil {
		t.Fatal(err)
	}
	if _, total, err := s.Documents(bg, actorgraph.AsOf{}, actorgraph.Page{}); err != nil || total != 1 {
		t.Errorf("after cancellation: %d %v", total, err)
	}
}

// TestMigrateNamesColumn stores documents, turns the file back into schema
// version 6 (a doc_names row a name, no names column) and checks that
// migration 7 gives back the same names and the same answers.
func TestMigrateNamesColumn(t *testing.T) {
	p := filepath.Join(t.TempDir(), "v6.db")
	s, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	put := func(text, published string, ents ...actorgraph.Entity) {
		t.Helper()
		for i := range ents {
			at := strings.Index(text, ents[i].Name)
			ents[i].Mentions = []actorgraph.Span{{Start: at, End: at + len(ents[i].Name)}}
		}
		if _, err := s.PutDocument(bg, actorgraph.Document{Text: text, Published: published}, actorgraph.Extraction{Entities: ents}); err != nil {
			t.Fatal(err)
		}
	}
	put("The Turkistan Islamic Party, formerly ETIM, fights in Idlib.", "2019-01-01",
		actorgraph.Entity{ID: "a", Name: "Turkistan Islamic Party", Aliases: []string{"ETIM"}, Type: actorgraph.ArmedGroup},
		actorgraph.Entity{ID: "b", Name: "Idlib", Type: actorgraph.Location})
	put("ETIM fighters moved to Idlib.", "2021-06-01",
		actorgraph.Entity{ID: "a", Name: "ETIM", Aliases: []string{"East Turkestan Islamic Movement"}, Type: actorgraph.ArmedGroup},
		actorgraph.Entity{ID: "b", Name: "Idlib", Type: actorgraph.Location})
	put("The TIP denied it.", "2023-02-02",
		actorgraph.Entity{ID: "a", Name: "TIP", Aliases: []string{"Turkistan Islamic Party"}, Type: actorgraph.ArmedGroup})
	answers := func(s *Store) []any {
		t.Helper()
		var out []any
		for _, f := range []actorgraph.ActorFilter{{}, {AsOf: actorgraph.AsOf{Date: "2020-01-01"}}, {AsOf: actorgraph.AsOf{Date: "2022-01-01"}},
			{Search: "etim"}, {Search: "east turk", AsOf: actorgraph.AsOf{Date: "2020-01-01"}}, {Search: "east turk", AsOf: actorgraph.AsOf{Date: "2022-01-01"}}} {
			as, n, err := s.Actors(bg, f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, n, as)
		}
		return out
	}
	names := func(db *sql.DB) map[int64][]nameIn {
		t.Helper()
		rows, err := db.Query(`SELECT id, names FROM doc_entities`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[int64][]nameIn{}
		for rows.Next() {
			var id int64
			var n string
			if err := rows.Scan(&id, &n); err != nil {
				t.Fatal(err)
			}
			ns := decodeNames(n)
			sort.Slice(ns, func(i, j int) bool { return ns[i].norm < ns[j].norm })
			out[id] = ns
		}
		return out
	}
	want := answers(s)
	s.Close()

	db, err := sql.Open("sqlite", p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	wantNames := names(db)
	if len(wantNames) != 5 {
		t.Fatalf("%d entities stored, want 5", len(wantNames))
	}
	if _, err := db.Exec(`CREATE TABLE doc_names (entity_id INTEGER NOT NULL REFERENCES doc_entities(id) ON DELETE CASCADE, norm TEXT NOT NULL,
		name TEXT NOT NULL, cnt INTEGER NOT NULL, prim INTEGER NOT NULL, doc_id INTEGER NOT NULL, actor_id INTEGER,
		PRIMARY KEY (entity_id, norm)) WITHOUT ROWID;
		CREATE INDEX doc_names_actor ON doc_names(actor_id, norm, doc_id)`); err != nil {
		t.Fatal(err)
	}
	for id, ns := range wantNames {
		for _, n := range ns {
			if _, err := db.Exec(`INSERT INTO doc_names SELECT ?, ?, ?, ?, ?, doc_id, actor_id FROM doc_entities WHERE id = ?`,
				id, n.norm, n.name, n.cnt, n.prim, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := db.Exec(`ALTER TABLE doc_entities DROP COLUMN names; UPDATE schema_version SET version = 6`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err = Open(p)
	if err != nil {
		t.Fatalf("Open(version 6): %v", err)
	}
	defer s.Close()
	if v, _ := s.Version(bg); v != SchemaVersion {
		t.Errorf("version after migration = %d, want %d", v, SchemaVersion)
	}
	if got := answers(s); !reflect.DeepEqual(got, want) {
		t.Errorf("answers after migration:\n%+v\nwant\n%+v", got, want)
	}
	db2, err := sql.Open("sqlite", p)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if got := names(db2); !reflect.DeepEqual(got, wantNames) {
		t.Errorf("names after migration:\n%+v\nwant\n%+v", got, wantNames)
	}
}

func TestNamesColumn(t *testing.T) {
	ns := []nameIn{{norm: "tip", name: "TIP", cnt: 2, prim: true}, {norm: "etim", name: "E.T.I.M.", cnt: 0}}
	enc := encodeNames(ns)
	if got := decodeNames(enc); !reflect.DeepEqual(got, ns) {
		t.Errorf("decode(encode) = %+v", got)
	}
	if n, ok := nameOf(enc, "etim"); !ok || n != "E.T.I.M." {
		t.Errorf("nameOf etim = %q %v", n, ok)
	}
	if _, ok := nameOf(enc, "ti"); ok {
		t.Error("nameOf found a prefix of a name")
	}
	if got := decodeNames("\x1ebroken\x1e\x1ea\x1fA\x1f1\x1f0"); len(got) != 1 || got[0].norm != "a" {
		t.Errorf("decode of a malformed column = %+v", got)
	}
	// a control character in a name cannot break the column
	got := entityNames("X", &actorgraph.Entity{Name: "Bad\x1eName\x1f"})
	if len(got) != 1 || got[0].name != "Bad Name" {
		t.Errorf("entityNames with control characters = %+v", got)
	}
}

func TestPutPrepared(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	good := s.PrepareDocument(actorgraph.Document{Text: "The Taliban met."}, actorgraph.Extraction{Entities: []actorgraph.Entity{
		{ID: "t", Name: "Taliban", Type: actorgraph.ArmedGroup, Mentions: []actorgraph.Span{{Start: 4, End: 11}}}}})
	empty := s.PrepareDocument(actorgraph.Document{Text: " "}, actorgraph.Extraction{})
	outside := s.PrepareDocument(actorgraph.Document{Text: "Short."}, actorgraph.Extraction{
		Judgments: []actorgraph.Judgment{{Span: actorgraph.Span{Start: 0, End: 99}}}})
	res, errs := s.PutPrepared(bg, []any{good, empty, "not prepared", nil, outside})
	if errs[0] != nil || !res[0].New {
		t.Errorf("good document: %+v %v", res[0], errs[0])
	}
	for i, want := range []string{1: actorgraph.EInvalid, 2: actorgraph.EInternal, 3: actorgraph.EInternal, 4: actorgraph.EInvalid} {
		if i > 0 && actorgraph.ErrorCode(errs[i]) != want {
			t.Errorf("document %d: %v, want %s", i, errs[i], want)
		}
	}
	if as, err := s.Resolve(bg, "taliban"); err != nil || len(as) != 1 || as[0].Documents != 1 {
		t.Errorf("stored: %+v %v", as, err)
	}
}
