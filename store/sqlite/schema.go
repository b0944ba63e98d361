package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations are applied in order; migrations[i] brings a database from
// version i to version i+1. A released migration is never edited: a change
// of schema is a new migration at the end.
var migrations = []string{
	// 1: documents, per-document entities and relations, the derived
	// actors, names and edges, and the edit log.
	`
CREATE TABLE documents (
	id        INTEGER PRIMARY KEY,
	hash      TEXT NOT NULL UNIQUE,          -- hex SHA-256 of text
	ext_id    TEXT NOT NULL DEFAULT '',      -- Document.ID as given
	title     TEXT NOT NULL DEFAULT '',
	url       TEXT NOT NULL DEFAULT '',
	publisher TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '',      -- YYYY-MM-DD or ''
	text      TEXT NOT NULL,
	source    TEXT NOT NULL DEFAULT '',
	ingested  TEXT NOT NULL                  -- RFC 3339, UTC
);

-- One row per group key ever seen; never deleted, so ids stay stable.
CREATE TABLE actors (
	id        INTEGER PRIMARY KEY,
	key       TEXT NOT NULL UNIQUE,          -- kb:<id> | name:<class>:<norm> | split:<edit>
	kind      TEXT NOT NULL,                 -- kb | name | split
	norm      TEXT NOT NULL DEFAULT '',      -- normalised name of a name group
	class     TEXT NOT NULL DEFAULT '',      -- person | group | place | other
	kb_id     TEXT NOT NULL DEFAULT '',
	kb_name   TEXT NOT NULL DEFAULT '',
	auto_root INTEGER NOT NULL DEFAULT 0,    -- automatic merge target, 0: itself
	name      TEXT NOT NULL DEFAULT '',      -- derived display name
	type      TEXT NOT NULL DEFAULT '',      -- derived type
	entities  INTEGER NOT NULL DEFAULT 0,    -- document entities assigned (0: invisible)
	mentions  INTEGER NOT NULL DEFAULT 0,
	documents INTEGER NOT NULL DEFAULT 0,
	evidence  INTEGER NOT NULL DEFAULT 0,    -- evidence rows of edges touching it
	n_edges   INTEGER NOT NULL DEFAULT 0,    -- visible edges touching it
	-- entities of each type, for the derived type
	n_person INTEGER NOT NULL DEFAULT 0, n_armed_group INTEGER NOT NULL DEFAULT 0, n_org INTEGER NOT NULL DEFAULT 0,
	n_country INTEGER NOT NULL DEFAULT 0, n_location INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX actors_by_docs ON actors(documents DESC, id) WHERE entities > 0;
CREATE INDEX actors_by_type ON actors(type, documents DESC, id) WHERE entities > 0;

CREATE TABLE doc_entities (
	id         INTEGER PRIMARY KEY,
	doc_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	ord        INTEGER NOT NULL,
	local_id   TEXT NOT NULL,
	name       TEXT NOT NULL,
	norm       TEXT NOT NULL,                -- normalised name
	type       TEXT NOT NULL,
	kb_id      TEXT NOT NULL DEFAULT '',
	kb_name    TEXT NOT NULL DEFAULT '',
	aliases    TEXT NOT NULL,                -- JSON, as given
	mentions   TEXT NOT NULL,                -- JSON spans, as given
	n_mentions INTEGER NOT NULL,
	group_id   INTEGER NOT NULL REFERENCES actors(id),
	actor_id   INTEGER                       -- current actor (NULL while being stored)
);
CREATE INDEX doc_entities_doc ON doc_entities(doc_id, ord);
CREATE INDEX doc_entities_group ON doc_entities(group_id);
CREATE INDEX doc_entities_actor ON doc_entities(actor_id, doc_id);

-- Every name of every document entity, with the mentions under it.
CREATE TABLE doc_names (
	entity_id INTEGER NOT NULL REFERENCES doc_entities(id) ON DELETE CASCADE,
	norm      TEXT NOT NULL,
	name      TEXT NOT NULL,
	cnt       INTEGER NOT NULL,              -- mentions under this name
	prim      INTEGER NOT NULL,              -- 1: the entity's own name
	doc_id    INTEGER NOT NULL,
	actor_id  INTEGER,
	PRIMARY KEY (entity_id, norm)
) WITHOUT ROWID;
CREATE INDEX doc_names_actor ON doc_names(actor_id, norm, doc_id);

-- Names used by the entities of each group (for automatic merging).
CREATE TABLE group_names (
	norm     TEXT NOT NULL,
	group_id INTEGER NOT NULL,
	n        INTEGER NOT NULL,               -- entities of the group with this name
	PRIMARY KEY (norm, group_id)
) WITHOUT ROWID;
CREATE INDEX group_names_group ON group_names(group_id);

-- Names used by the entities of each actor.
CREATE TABLE actor_names (
	actor_id  INTEGER NOT NULL,
	norm      TEXT NOT NULL,
	name      TEXT NOT NULL,                 -- the form the first document used
	n         INTEGER NOT NULL,              -- entities
	cnt       INTEGER NOT NULL,              -- mentions
	prim      INTEGER NOT NULL,              -- entities whose own name it is
	first_doc INTEGER NOT NULL,
	PRIMARY KEY (actor_id, norm)
) WITHOUT ROWID;
CREATE INDEX actor_names_norm ON actor_names(norm, actor_id);


CREATE TABLE edges (
	id         INTEGER PRIMARY KEY,
	src        INTEGER NOT NULL,
	type       TEXT NOT NULL,
	dst        INTEGER NOT NULL,
	negated    INTEGER NOT NULL,
	count      INTEGER NOT NULL DEFAULT 0,
	documents  INTEGER NOT NULL DEFAULT 0,
	n_asserted INTEGER NOT NULL DEFAULT 0,
	n_reported INTEGER NOT NULL DEFAULT 0,
	n_possible INTEGER NOT NULL DEFAULT 0,
	first_seen TEXT NOT NULL DEFAULT '',
	last_seen  TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX edges_key ON edges(src, type, dst, negated);
-- an actor's edges, best attested first, from either end
CREATE INDEX edges_src ON edges(src, count DESC, id) WHERE count > 0;
CREATE INDEX edges_dst ON edges(dst, count DESC, id) WHERE count > 0;
CREATE INDEX edges_by_count ON edges(count DESC, id) WHERE count > 0;

CREATE TABLE relations (
	id         INTEGER PRIMARY KEY,
	doc_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	ord        INTEGER NOT NULL,
	src_ent    INTEGER NOT NULL,
	dst_ent    INTEGER NOT NULL,
	type       TEXT NOT NULL,
	negated    INTEGER NOT NULL,
	modality   TEXT NOT NULL,
	sentence   TEXT NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	trigger    TEXT NOT NULL DEFAULT '',
	published  TEXT NOT NULL DEFAULT '',
	edge_id    INTEGER REFERENCES edges(id)
);
CREATE INDEX relations_doc ON relations(doc_id, ord);
-- evidence of an edge by date; (edge, published, doc) also answers "does
-- this document still support this edge" since a document has one date
CREATE INDEX relations_edge ON relations(edge_id, published, doc_id) WHERE edge_id IS NOT NULL;

CREATE TABLE edits (
	id     INTEGER PRIMARY KEY,
	at     TEXT NOT NULL,
	kind   TEXT NOT NULL,
	actor  INTEGER NOT NULL,
	other  INTEGER NOT NULL DEFAULT 0,
	value  TEXT NOT NULL DEFAULT '',
	norm   TEXT NOT NULL DEFAULT '',
	undone INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX edits_actor ON edits(actor, kind);
CREATE INDEX edits_norm ON edits(norm) WHERE kind = 'rename';
`,
	// 2: full-text search over title and text, ranked with bm25.
	`
CREATE VIRTUAL TABLE documents_fts USING fts5(
	title, text,
	content='documents', content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
`,
	// 3: the date a document counts from for AsOf: published, or the day
	// it was ingested when undated.
	`
ALTER TABLE documents ADD COLUMN eff TEXT NOT NULL DEFAULT '';
UPDATE documents SET eff = CASE WHEN published != '' THEN published ELSE substr(ingested, 1, 10) END;
CREATE INDEX documents_eff ON documents(eff, id);
`,
	// 4: source reliability per publisher, the analyst's assessments of
	// relationships and their log, watchlists, alerts, webhooks and the
	// queue of webhook deliveries.
	`
CREATE TABLE publisher_reliability (
	publisher   TEXT PRIMARY KEY,            -- '' : documents without a publisher
	reliability TEXT NOT NULL,               -- Admiralty A-F
	note        TEXT NOT NULL DEFAULT '',
	at          TEXT NOT NULL
);
-- keyed by edge id: edge rows are never deleted and a reindex recreates
-- the same ids, so assessments survive it
CREATE TABLE edge_assessments (
	edge_id     INTEGER PRIMARY KEY,
	confidence  TEXT NOT NULL DEFAULT '',    -- low | moderate | high | ''
	credibility INTEGER NOT NULL DEFAULT 0,  -- 1-6, 0: derived
	at          TEXT NOT NULL
);
CREATE TABLE assessment_log (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	edge_id   INTEGER NOT NULL DEFAULT 0,
	field     TEXT NOT NULL,
	value     TEXT NOT NULL,
	publisher TEXT NOT NULL DEFAULT '',
	note      TEXT NOT NULL DEFAULT ''
);
CREATE TABLE watches (
	id       INTEGER PRIMARY KEY,
	actor    INTEGER NOT NULL,
	rel_type TEXT NOT NULL DEFAULT '',
	added    TEXT NOT NULL,
	UNIQUE (actor, rel_type)
);
-- what the last check saw of each watched relationship
CREATE TABLE watch_state (
	watch_id  INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
	edge_id   INTEGER NOT NULL,
	count     INTEGER NOT NULL,
	documents INTEGER NOT NULL,
	contested INTEGER NOT NULL,
	PRIMARY KEY (watch_id, edge_id)
) WITHOUT ROWID;
CREATE TABLE alerts (
	id         INTEGER PRIMARY KEY,
	at         TEXT NOT NULL,
	watch_id   INTEGER NOT NULL,
	actor      INTEGER NOT NULL,
	kind       TEXT NOT NULL,
	edge_id    INTEGER NOT NULL,
	prev_docs  INTEGER NOT NULL DEFAULT 0,
	edge_json  TEXT NOT NULL,                -- the edge as it was
	evidence   TEXT NOT NULL                 -- the newest evidence row, JSON
);
CREATE INDEX alerts_at ON alerts(at, id);
CREATE TABLE webhooks (
	id    INTEGER PRIMARY KEY,
	url   TEXT NOT NULL UNIQUE,
	added TEXT NOT NULL
);
CREATE TABLE deliveries (
	alert_id   INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
	webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
	attempts   INTEGER NOT NULL DEFAULT 0,
	last_error TEXT NOT NULL DEFAULT '',
	next_at    TEXT NOT NULL,
	PRIMARY KEY (alert_id, webhook_id)
) WITHOUT ROWID;
CREATE INDEX deliveries_due ON deliveries(next_at);
`,
	// 5: the judgments and commitments of each document (re-derived with
	// its extraction); the actors of a commitment are document entities,
	// so merges and splits apply to them.
	`
CREATE TABLE doc_judgments (
	doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	ord    INTEGER NOT NULL,
	body   TEXT NOT NULL,                    -- the Judgment as JSON
	PRIMARY KEY (doc_id, ord)
) WITHOUT ROWID;
CREATE TABLE doc_commitments (
	id         INTEGER PRIMARY KEY,
	doc_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	ord        INTEGER NOT NULL,
	actor_ent  INTEGER NOT NULL,             -- doc_entities ids
	to_ent     INTEGER NOT NULL DEFAULT 0,   -- 0: not stated
	src_ent    INTEGER NOT NULL,
	dst_ent    INTEGER NOT NULL,
	type       TEXT NOT NULL,
	negated    INTEGER NOT NULL,
	cue        TEXT NOT NULL,
	at_when    TEXT NOT NULL DEFAULT '',
	sentence   TEXT NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL
);
CREATE INDEX doc_commitments_doc ON doc_commitments(doc_id, ord);
`,
	// 6: an actor's edges read from the two endpoint indexes alone: they
	// carry every column of the edge, so listing a hub's thousands of
	// edges (profiles, paths) needs no lookup into the table per edge. The
	// names stay, for the queries that name them (INDEXED BY).
	`
DROP INDEX edges_src;
CREATE INDEX edges_src ON edges(src, count DESC, id, type, dst, negated, documents, first_seen, last_seen,
	n_asserted, n_reported, n_possible) WHERE count > 0;
DROP INDEX edges_dst;
CREATE INDEX edges_dst ON edges(dst, count DESC, id, type, src, negated, documents, first_seen, last_seen,
	n_asserted, n_reported, n_possible) WHERE count > 0;
`,
	// 7: the names of a document entity move into its own row (one
	// column, see names.go) instead of a row each in doc_names with an
	// index of its own: storing a document writes a third fewer rows. The
	// questions doc_names answered (which document first gave an actor a
	// name, an actor's names as of a date) are answered from the actor's
	// entities, which doc_entities_actor lists in document order.
	`
ALTER TABLE doc_entities ADD COLUMN names TEXT NOT NULL DEFAULT '';
UPDATE doc_entities SET names = COALESCE((
	SELECT group_concat(char(30) || norm || char(31) || replace(replace(name, char(30), ' '), char(31), ' ')
		|| char(31) || cnt || char(31) || prim, '' ORDER BY prim DESC, norm)
	FROM doc_names WHERE entity_id = doc_entities.id), '');
DROP TABLE doc_names;
`,
	// 8: the group index holds only the entities that left their group's
	// own actor (merged into a knowledge-base actor or by an analyst), a
	// few in ten thousand; the others are found through
	// doc_entities_actor. One index entry less to write an entity.
	`
DROP INDEX doc_entities_group;
CREATE INDEX doc_entities_group ON doc_entities(group_id) WHERE actor_id IS NOT group_id;
`,
	// 9: the edge indexes name an edge by its ends alone. Ordered by
	// count and carrying every column (migration 6), edges_src, edges_dst
	// and edges_by_count moved on every count that changed: storing a
	// batch of documents rewrote nearly every page of all three, three
	// times the pages of the table itself. Keyed by identity they change
	// only when an edge is created. An actor's outgoing edges are found
	// through edges_key (source first), its incoming ones through
	// edges_dst, each followed by the row; the few readers that want an
	// actor's edges by count sort the actor's own edges, and the list of
	// every edge by count sorts the visible edges.
	`
DROP INDEX IF EXISTS edges_src;
DROP INDEX IF EXISTS edges_dst;
DROP INDEX IF EXISTS edges_by_count;
CREATE INDEX edges_dst ON edges(dst);
`,
}

// SchemaVersion is the schema version this package writes.
var SchemaVersion = len(migrations)

// migrate creates the schema_version table when missing and applies the
// migrations the database has not seen, each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.wc.c.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return mapErr("create schema_version", err)
	}
	for {
		done, err := s.migrateOne(ctx)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
	}
}

func (s *Store) migrateOne(ctx context.Context) (done bool, err error) {
	tx := s.wc.c
	if err := begin(ctx, s.wc, "IMMEDIATE"); err != nil {
		return false, mapErr("migrate", err)
	}
	committed := false
	defer func() {
		if !committed {
			rollback(s.wc)
		}
	}()
	commit := func() error {
		_, err := tx.ExecContext(ctx, "COMMIT")
		committed = err == nil
		return err
	}
	var v int
	switch err := tx.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v); {
	case err == sql.ErrNoRows:
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version(version) VALUES (0)`); err != nil {
			return false, mapErr("migrate", err)
		}
	case err != nil:
		return false, mapErr("read schema version", err)
	}
	if v > len(migrations) {
		return false, conflict("store: the database has schema version %d, newer than this program's %d; use a newer actorgraph", v, len(migrations))
	}
	if v == len(migrations) {
		return true, mapErr("migrate", commit())
	}
	if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
		return false, mapErr(fmt.Sprintf("migrate schema %d to %d", v, v+1), err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE schema_version SET version = ?`, v+1); err != nil {
		return false, mapErr("migrate", err)
	}
	return false, mapErr("migrate", commit())
}

// Version reports the schema version of the open database.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	err := s.read(ctx, "read schema version", func(r *rtx) error {
		return r.row(`SELECT version FROM schema_version`).Scan(&v)
	})
	return v, err
}
