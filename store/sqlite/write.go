package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
)

type actorID = actorgraph.ActorID

// wtx is one write transaction and the derived state it must bring up to
// date before it commits.
type wtx struct {
	s   *Store
	ctx context.Context
	c   *dbConn

	edits []editRec // the log, as this transaction leaves it

	newGroups map[actorID]bool
	dirty     map[string]bool  // norms whose set of groups changed
	touched   map[actorID]bool // actors whose name or type may change

	pend pending // aggregates of the documents stored so far, not yet written

	lastEnt int64 // largest doc_entities id so far in this transaction; 0: not read yet

	// documents to add to the full-text index, last thing before the
	// transaction commits: FTS5 writes what it holds in memory to disk
	// whenever a later statement opens a statement journal, so indexing
	// each document as it comes would write one small segment a document
	// (and merge them again and again); indexed together, a batch makes one
	fts []ftsDoc
}

type ftsDoc struct {
	id          int64
	title, text string
}

// pending holds what the documents stored in a transaction add to the
// busiest derived rows (actors and their names), summed over the
// documents and written once, before anything reads those rows and before
// the transaction commits: a batch of documents that all name the same
// actor updates its row once instead of once a document.
type pending struct {
	actors map[actorID]*actorDelta
	names  map[anKey]*anRow
	order  []anKey // names in first-seen order
	stale  bool    // some document was not the newest (reindex)
	// group_names rows whose count changed; the counts are in the cache
	groupNames map[gnKey]bool
	// edges with what the transaction adds to them, and the relations
	// waiting for their ids
	edges     map[edgeKey]*edgeAgg
	edgeOrder []edgeKey
	rels      []pendRel
}

type edgeKey struct {
	src, dst actorID
	typ      actorgraph.RelationType
	neg      bool
}

// edgeAgg is what some relations add to an edge.
type edgeAgg struct {
	count, docs, na, nr, np int
	first, last             string // dates, '' when undated
	id                      int64  // once written
}

// pendRel is a relation to insert: its columns but the edge's id.
type pendRel struct {
	edge *edgeAgg // nil: no edge (an actor's relation to itself)
	args [12]any
}

type anKey struct {
	a    actorID
	norm string
}

type anRow struct {
	name         string
	n, cnt, prim int
	first        int64 // document that gave name
}

// testHookBeforeCommit, when set, runs before every write commits; an
// error aborts the transaction (tests use it to simulate a crash).
var testHookBeforeCommit func(op string) error

// write runs fn in one IMMEDIATE transaction on the writer connection.
func (s *Store) write(ctx context.Context, op string, fn func(w *wtx) error) error {
	return s.writeFK(ctx, op, true, fn)
}

// writeFK is write, with the foreign-key checks off when fk is false:
// for transactions that only insert rows whose parents they just wrote
// or read (storing new documents), where the checks cost a lookup a row
// and can never fail.
func (s *Store) writeFK(ctx context.Context, op string, fk bool, fn func(w *wtx) error) error {
	if err := s.check(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check(); err != nil {
		return err
	}
	c := s.wc
	if s.shared {
		var err error
		if c, err = s.acquire(ctx); err != nil {
			return mapErr(op, err)
		}
		defer s.release(c)
	}
	if !fk {
		// a pragma, so outside the transaction; restored whatever happens
		if _, err := c.c.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return mapErr(op, err)
		}
		defer c.c.ExecContext(context.Background(), "PRAGMA foreign_keys = ON")
	}
	if err := begin(ctx, c, "IMMEDIATE"); err != nil {
		rollback(c) // in case BEGIN ran and only its report failed
		return mapErr(op, err)
	}
	w := &wtx{s: s, ctx: ctx, c: c, newGroups: map[actorID]bool{},
		dirty: map[string]bool{}, touched: map[actorID]bool{}}
	dv, err := w.loadCache()
	if err == nil {
		err = fn(w)
	}
	if err == nil {
		err = w.finish()
	}
	if err == nil && testHookBeforeCommit != nil {
		err = testHookBeforeCommit(op)
	}
	if err == nil {
		_, err = c.c.ExecContext(ctx, "COMMIT")
	}
	if err != nil {
		rollback(c)
		s.cache.valid = false // groups may have changed in memory
		return mapErr(op, err)
	}
	s.cache.edits, s.cache.dv = w.edits, dv
	return nil
}

// writeCache keeps the edit log and every group between writes. PRAGMA
// data_version on the writer connection changes only when another
// connection commits, so the cache is valid while it stays the same; a
// failed transaction drops it.
type writeCache struct {
	valid  bool
	dv     int64
	edits  []editRec
	groups map[string]*groupInfo // by key
	byID   map[actorID]*groupInfo
	// group_names, indexed both ways
	names   map[gnKey]int        // entities of the group that use the name
	byNorm  map[string][]actorID // groups using each name
	byGroup map[actorID][]string // names of each group
}

type gnKey struct {
	norm string
	g    actorID
}

// addGroupName changes how many entities of group g use name n, and
// reports whether the group started or stopped using it.
func (c *writeCache) addGroupName(n string, g actorID, delta int) (changed bool) {
	k := gnKey{n, g}
	old := c.names[k]
	now := old + delta
	switch {
	case old <= 0 && now > 0:
		c.names[k] = now
		c.byNorm[n] = append(c.byNorm[n], g)
		c.byGroup[g] = append(c.byGroup[g], n)
		return true
	case old > 0 && now <= 0:
		delete(c.names, k)
		c.byNorm[n] = without(c.byNorm[n], g)
		if len(c.byNorm[n]) == 0 {
			delete(c.byNorm, n)
		}
		c.byGroup[g] = without(c.byGroup[g], n)
		if len(c.byGroup[g]) == 0 {
			delete(c.byGroup, g)
		}
		return true
	case now > 0:
		c.names[k] = now
	}
	return false
}

func without[T comparable](list []T, v T) []T {
	for i, x := range list {
		if x == v {
			list[i] = list[len(list)-1]
			return list[:len(list)-1]
		}
	}
	return list
}

func (w *wtx) loadCache() (int64, error) {
	var dv int64
	if err := w.row(`PRAGMA data_version`).Scan(&dv); err != nil {
		return 0, err
	}
	c := &w.s.cache
	if c.valid && c.dv == dv {
		w.edits = append([]editRec(nil), c.edits...)
		return dv, nil
	}
	c.valid = false
	rows, err := w.query(`SELECT id, kind, actor, other, value, norm, undone FROM edits ORDER BY id`)
	if err != nil {
		return 0, err
	}
	var list []editRec
	for rows.Next() {
		var e editRec
		if err := rows.Scan(&e.id, &e.kind, &e.a, &e.b, &e.value, &e.norm, &e.undone); err != nil {
			rows.Close()
			return 0, err
		}
		list = append(list, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	groups, byID := map[string]*groupInfo{}, map[actorID]*groupInfo{}
	rows, err = w.query(`SELECT ` + groupCols + `, key FROM actors`)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		g := &groupInfo{}
		if err := rows.Scan(&g.id, &g.kind, &g.norm, &g.class, &g.kbID, &g.kbName, &g.root, &g.key); err != nil {
			rows.Close()
			return 0, err
		}
		groups[g.key], byID[g.id] = g, g
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	*c = writeCache{valid: true, dv: dv, edits: list, groups: groups, byID: byID,
		names: map[gnKey]int{}, byNorm: map[string][]actorID{}, byGroup: map[actorID][]string{}}
	rows, err = w.query(`SELECT norm, group_id, n FROM group_names`)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var n string
		var g actorID
		var cnt int
		if err := rows.Scan(&n, &g, &cnt); err != nil {
			rows.Close()
			return 0, err
		}
		c.addGroupName(n, g, cnt)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	w.edits = append([]editRec(nil), list...)
	return dv, nil
}

func (w *wtx) stmt(q string) (*sql.Stmt, error) { return w.c.stmt(w.ctx, q) }

func (w *wtx) exec(q string, args ...any) error {
	st, err := w.stmt(q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(w.ctx, args...)
	return err
}

func (w *wtx) query(q string, args ...any) (*sql.Rows, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(w.ctx, args...)
}

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

type scanner interface{ Scan(...any) error }

func (w *wtx) row(q string, args ...any) scanner {
	st, err := w.stmt(q)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(w.ctx, args...)
}

// ---------------------------------------------------------------------------
// Validation

func validateDocument(doc *actorgraph.Document) error {
	if strings.TrimSpace(doc.Text) == "" {
		return invalid("document text is empty")
	}
	for _, f := range []struct{ what, v string }{{"text", doc.Text}, {"title", doc.Title}, {"url", doc.URL},
		{"publisher", doc.Publisher}, {"id", doc.ID}} {
		if !utf8.ValidString(f.v) {
			return invalid("document %s is not valid UTF-8", f.what)
		}
	}
	return checkDate("document published date", doc.Published)
}

func validateSpan(text string, sp actorgraph.Span, what string) error {
	if sp.Start < 0 || sp.End < sp.Start || sp.End > len(text) {
		return invalid("%s span [%d,%d) is outside the document text (%d bytes)", what, sp.Start, sp.End, len(text))
	}
	return nil
}

func validateExtraction(text string, x *actorgraph.Extraction) error {
	ids := map[string]bool{}
	for i := range x.Entities {
		e := &x.Entities[i]
		if e.ID == "" {
			return invalid("entity %d has no id", i)
		}
		if ids[e.ID] {
			return invalid("entity id %q is used twice", e.ID)
		}
		ids[e.ID] = true
		if norm(e.Name) == "" {
			return invalid("entity %q has no usable name (%q)", e.ID, e.Name)
		}
		if !e.Type.Valid() {
			return invalid("entity %q has unknown type %q", e.ID, e.Type)
		}
		for _, s := range append([]string{e.Name, e.KBID, e.KBName}, e.Aliases...) {
			if !utf8.ValidString(s) {
				return invalid("entity %q has a name that is not valid UTF-8", e.ID)
			}
		}
		for _, m := range e.Mentions {
			if err := validateSpan(text, m, "mention of entity "+e.ID); err != nil {
				return err
			}
		}
	}
	for i := range x.Relations {
		r := &x.Relations[i]
		if !ids[r.Source] || !ids[r.Target] {
			return invalid("relation %d (%s) names an unknown entity (%q → %q)", i, r.Type, r.Source, r.Target)
		}
		if !r.Type.Valid() {
			return invalid("relation %d has unknown type %q", i, r.Type)
		}
		if r.Modality != "" && r.Modality.Strength() == 0 {
			return invalid("relation %d has unknown modality %q (want asserted, reported or possible)", i, r.Modality)
		}
		if err := validateSpan(text, r.Evidence.Span, "evidence of relation "+string(r.Type)); err != nil {
			return err
		}
		if !utf8.ValidString(r.Evidence.Text) || !utf8.ValidString(r.Evidence.Trigger) {
			return invalid("relation %d has evidence that is not valid UTF-8", i)
		}
	}
	return nil
}

// ---------------------------------------------------------------------------
// Documents

// PutDocument stores a document and its extraction in one transaction.
func (s *Store) PutDocument(ctx context.Context, doc actorgraph.Document, x actorgraph.Extraction) (actorgraph.PutResult, error) {
	res, err := s.PutDocuments(ctx, []DocInput{{doc, x}})
	if err != nil {
		return actorgraph.PutResult{}, err
	}
	return res[0], nil
}

// DocInput is one document and its extraction, for PutDocuments.
type DocInput struct {
	Doc        actorgraph.Document
	Extraction actorgraph.Extraction
}

// PutDocuments stores many documents in one transaction: all of them or
// none. It is PutDocument for bulk imports, several times faster per
// document since the commit and the pages every document touches (busy
// actors, edges, indexes) are written once per batch. A text given twice
// is stored once.
func (s *Store) PutDocuments(ctx context.Context, docs []DocInput) ([]actorgraph.PutResult, error) {
	ps := make([]*Prepared, len(docs))
	for i := range docs {
		ps[i] = Prepare(docs[i].Doc, docs[i].Extraction)
		if ps[i].err != nil {
			return nil, withIndex(ps[i].err, i, len(docs))
		}
	}
	return s.putValid(ctx, ps)
}

// putValid stores prepared, valid documents in one transaction.
func (s *Store) putValid(ctx context.Context, ps []*Prepared) ([]actorgraph.PutResult, error) {
	res := make([]actorgraph.PutResult, len(ps))
	// new rows only, each referring to rows this transaction wrote or
	// read: the foreign-key checks could not fail
	err := s.writeFK(ctx, "put document", false, func(w *wtx) error {
		for i, p := range ps {
			var err error
			if res[i], err = w.put(p); err != nil {
				return withIndex(err, i, len(ps))
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// PutBatch stores documents several to a transaction, for bulk
// ingestion: each document with its extraction is stored whole or not at
// all, and one that cannot be stored (errs[i] says why) keeps none of the
// others out. A run killed during PutBatch leaves every document either
// fully stored or absent. (Prepare and PutPrepared split the work between
// goroutines.)
func (s *Store) PutBatch(ctx context.Context, docs []actorgraph.Document, xs []actorgraph.Extraction) ([]actorgraph.PutResult, []error) {
	if len(xs) != len(docs) {
		errs := make([]error, len(docs))
		for i := range errs {
			errs[i] = invalid("store: %d documents but %d extractions", len(docs), len(xs))
		}
		return make([]actorgraph.PutResult, len(docs)), errs
	}
	ps := make([]*Prepared, len(docs))
	for i := range docs {
		ps[i] = Prepare(docs[i], xs[i])
	}
	return s.putBatch(ctx, ps)
}

// withIndex says which document of a batch an error is about.
func withIndex(err error, i, n int) error {
	if n == 1 {
		return err
	}
	return actorgraph.Errorf(actorgraph.ErrorCode(err), "document %d of %d: %v", i+1, n, err)
}

func (w *wtx) put(p *Prepared) (actorgraph.PutResult, error) {
	doc, hash := &p.doc, p.hash
	var id int64
	switch err := w.row(`SELECT id FROM documents WHERE hash = ?`, hash).Scan(&id); {
	case err == nil:
		return actorgraph.PutResult{DocID: actorgraph.DocID(id), New: false}, nil
	case err != sql.ErrNoRows:
		return actorgraph.PutResult{}, err
	}
	now := w.s.Now().UTC()
	eff := doc.Published
	if eff == "" {
		eff = now.Format("2006-01-02")
	}
	err := w.row(`INSERT INTO documents(hash, ext_id, title, url, publisher, published, text, ingested, eff)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		hash, doc.ID, doc.Title, doc.URL, doc.Publisher, doc.Published, doc.Text,
		now.Format(timeFormat), eff).Scan(&id)
	if err != nil {
		return actorgraph.PutResult{}, err
	}
	w.fts = append(w.fts, ftsDoc{id, doc.Title, doc.Text})
	// the derived names and types are brought up to date once, when the
	// transaction ends (write calls finish)
	if err := w.storeExtraction(id, doc.Published, doc.Text, &p.x, &p.rows, true); err != nil {
		return actorgraph.PutResult{}, err
	}
	return actorgraph.PutResult{DocID: actorgraph.DocID(id), New: true}, nil
}

const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

// ReplaceExtraction swaps a stored document's extraction, keeping edits.
func (s *Store) ReplaceExtraction(ctx context.Context, id actorgraph.DocID, x actorgraph.Extraction) error {
	if id <= 0 {
		return notFound("document %d not found", id)
	}
	return s.write(ctx, "replace extraction", func(w *wtx) error {
		var text, published string
		switch err := w.row(`SELECT text, published FROM documents WHERE id = ?`, id).Scan(&text, &published); {
		case err == sql.ErrNoRows:
			return notFound("document %d not found", id)
		case err != nil:
			return err
		}
		if err := validateExtraction(text, &x); err != nil {
			return err
		}
		rows, err := encodeExtraction(text, &x)
		if err != nil {
			return err
		}
		if err := w.removeExtraction(int64(id)); err != nil {
			return err
		}
		if err := w.storeExtraction(int64(id), published, text, &x, &rows, false); err != nil {
			return err
		}
		return w.finish()
	})
}

// entState is a document entity as the merge machinery sees it.
type entState struct {
	id, doc int64
	group   actorID
	actor   actorID // 0: not assigned
	prim    string  // normalised own name
	typ     string
	nMent   int
	names   []nameIn // loaded lazily
	loaded  bool
}

type nameIn struct {
	norm, name string
	cnt        int
	prim       bool
}

// entityNames lists the names of e (own name first, then aliases, then the
// knowledge base's name), one per normalised form, with the mentions under
// each.
func entityNames(text string, e *actorgraph.Entity) []nameIn {
	var out []nameIn
	at := map[string]int{}
	add := func(s string, prim bool) {
		s = strings.Join(strings.Fields(strings.Map(noControl, s)), " ")
		n := norm(s)
		if n == "" {
			return
		}
		if _, ok := at[n]; ok {
			return
		}
		at[n] = len(out)
		out = append(out, nameIn{norm: n, name: s, prim: prim})
	}
	add(e.Name, true)
	for _, a := range e.Aliases {
		add(a, false)
	}
	add(e.KBName, false)
	for _, m := range e.Mentions {
		if i, ok := at[norm(text[m.Start:m.End])]; ok {
			out[i].cnt++
		}
	}
	return out
}

// noControl maps control characters to spaces (names column, names.go).
func noControl(r rune) rune {
	if r < 0x20 || r == 0x7f {
		return ' '
	}
	return r
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}

// actorDelta is what storing one extraction adds to an actor.
type actorDelta struct {
	entities, mentions, docs, evidence, edges int
	types                                     map[string]int
}

// batch runs "prefix VALUES (...), (...) suffix" over rows of k
// arguments each, in chunks of 64, 16, 4 or 1 rows (few distinct
// statements to prepare), calling scan for every row a RETURNING clause
// gives.
func (w *wtx) batch(prefix string, k int, suffix string, args []any, scan func(*sql.Rows) error) error {
	n := len(args) / k
	for i := 0; i < n; {
		size := 1
		for _, c := range []int{64, 16, 4} {
			if n-i >= c {
				size = c
				break
			}
		}
		q := prefix + valuesList(k, size) + suffix
		a := args[i*k : (i+size)*k]
		i += size
		if scan == nil {
			if err := w.exec(q, a...); err != nil {
				return err
			}
			continue
		}
		rows, err := w.query(q, a...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

var valuesCache sync.Map // [2]int → string

// valuesList returns "(?, ?), (?, ?)" for n rows of k columns.
func valuesList(k, n int) string {
	if v, ok := valuesCache.Load([2]int{k, n}); ok {
		return v.(string)
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", k), ", ") + ")"
	v := strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
	valuesCache.Store([2]int{k, n}, v)
	return v
}

// storeExtraction inserts the entities and relations of x for document
// doc, which has none: it resolves every entity to its actor first, so the
// rows go in already assigned, in a few multi-row statements, and each
// actor's counts change once. fresh says doc was just added: it is the newest
// document and has no judgments or commitments yet.
func (w *wtx) storeExtraction(doc int64, published, text string, x *actorgraph.Extraction, rows *extractionRows, fresh bool) error {
	type entIn struct {
		names  []nameIn
		g      *groupInfo
		target actorID
		id     int64
	}
	ins := make([]entIn, len(x.Entities))
	type gn struct {
		norm string
		g    actorID
	}
	groupNames := map[gn]int{}
	var gnOrder []gn
	for i := range x.Entities {
		e := &x.Entities[i]
		in := &ins[i]
		in.names = rows.ents[i].names
		g, err := w.ensureGroup(e, in.names[0].norm)
		if err != nil {
			return err
		}
		in.g = g
		for _, n := range in.names {
			k := gn{n.norm, g.id}
			if groupNames[k] == 0 {
				gnOrder = append(gnOrder, k)
			}
			groupNames[k]++
		}
	}
	for _, k := range gnOrder {
		w.addGroupName(k.norm, k.g, groupNames[k])
	}
	var args []any
	regrouped, err := w.recomputeGroups()
	if err != nil {
		return err
	}

	deltas := map[actorID]*actorDelta{}
	local := map[string]int{}
	args = args[:0]
	for i := range x.Entities {
		e, in := &x.Entities[i], &ins[i]
		in.target, _ = replay(in.g.rootID(), in.g.id, in.names[0].norm, w.edits)
		args = append(args, doc, i, e.ID, e.Name, in.names[0].norm, string(e.Type), e.KBID, e.KBName,
			rows.ents[i].aliases, rows.ents[i].mentionsJS, len(e.Mentions), in.g.id, in.target, rows.ents[i].enc)
		d := deltas[in.target]
		if d == nil {
			d = &actorDelta{docs: 1, types: map[string]int{}}
			deltas[in.target] = d
		}
		d.entities++
		d.mentions += len(e.Mentions)
		d.types[string(e.Type)]++
		local[e.ID] = i
	}
	// the ids SQLite would choose (one past the largest), given here so
	// that the rows need not come back
	if w.lastEnt == 0 {
		if err := w.row(`SELECT coalesce(max(id), 0) FROM doc_entities`).Scan(&w.lastEnt); err != nil {
			return err
		}
	}
	withIDs := make([]any, 0, len(args)+len(ins))
	for i := range ins {
		w.lastEnt++
		ins[i].id = w.lastEnt
		withIDs = append(withIDs, w.lastEnt)
		withIDs = append(withIDs, args[14*i:14*i+14]...)
	}
	if err := w.batch(`INSERT INTO doc_entities(id, doc_id, ord, local_id, name, norm, type, kb_id, kb_name, aliases, mentions, n_mentions, group_id, actor_id, names) VALUES `,
		15, ``, withIDs, nil); err != nil {
		return err
	}
	p := &w.pend
	if p.names == nil {
		p.names, p.actors = map[anKey]*anRow{}, map[actorID]*actorDelta{}
	}
	for i := range ins {
		in := &ins[i]
		for _, n := range in.names {
			k := anKey{in.target, n.norm}
			r := p.names[k]
			if r == nil {
				r = &anRow{name: n.name, first: doc}
				p.names[k] = r
				p.order = append(p.order, k)
			} else if doc < r.first {
				r.name, r.first = n.name, doc
			}
			r.n++
			r.cnt += n.cnt
			r.prim += b2i(n.prim)
		}
	}

	// relations: edges aggregated per key, then over the transaction;
	// the edges and the relations (which need the edges' ids) are written
	// when it flushes
	edges := map[edgeKey]*edgeAgg{}
	var edgeOrder []edgeKey
	relKey := make([]*edgeAgg, len(x.Relations))
	for i := range x.Relations {
		r := &x.Relations[i]
		src, dst := ins[local[r.Source]].target, ins[local[r.Target]].target
		if src == dst {
			continue // an actor's relation to itself is no edge
		}
		if r.Type.Symmetric() && src > dst {
			src, dst = dst, src
		}
		k := edgeKey{src, dst, r.Type, r.Negated}
		a := edges[k]
		if a == nil {
			a = &edgeAgg{}
			edges[k] = a
			edgeOrder = append(edgeOrder, k)
		}
		a.count++
		na, nr, np := modalityCounts(string(r.Modality))
		a.na, a.nr, a.np = a.na+na, a.nr+nr, a.np+np
		relKey[i] = a
		deltas[src].evidence++
		deltas[dst].evidence++
	}
	if p.edges == nil {
		p.edges = map[edgeKey]*edgeAgg{}
	}
	for _, k := range edgeOrder {
		a := edges[k]
		q := p.edges[k]
		if q == nil {
			q = &edgeAgg{first: published, last: published}
			p.edges[k] = q
			p.edgeOrder = append(p.edgeOrder, k)
		}
		q.count += a.count
		q.docs++
		q.na, q.nr, q.np = q.na+a.na, q.nr+a.nr, q.np+a.np
		if published != "" && (q.first == "" || published < q.first) {
			q.first = published
		}
		if published > q.last {
			q.last = published
		}
		for i := range relKey {
			if relKey[i] == a {
				relKey[i] = q
			}
		}
	}
	for i := range x.Relations {
		r := &x.Relations[i]
		mod := r.Modality
		if mod == "" {
			mod = actorgraph.Asserted
		}
		sentence := r.Evidence.Text
		if sentence == "" {
			sentence = text[r.Evidence.Span.Start:r.Evidence.Span.End]
		}
		p.rels = append(p.rels, pendRel{edge: relKey[i], args: [12]any{doc, i, ins[local[r.Source]].id, ins[local[r.Target]].id,
			string(r.Type), r.Negated, string(mod), sentence, r.Evidence.Span.Start, r.Evidence.Span.End, r.Evidence.Trigger, published}})
	}
	entIDs := make([]int64, len(ins))
	for i := range ins {
		entIDs[i] = ins[i].id
	}
	if err := w.storeAnalysis(doc, text, x, rows.judgments, entIDs, !fresh); err != nil { // analysis.go
		return err
	}

	// actors: counts and types, written with the rest of the transaction
	for id, d := range deltas {
		q := p.actors[id]
		if q == nil {
			p.actors[id] = d
			continue
		}
		q.entities += d.entities
		q.mentions += d.mentions
		q.docs += d.docs
		q.evidence += d.evidence
		q.edges += d.edges
		for t, n := range d.types {
			q.types[t] += n
		}
	}
	p.stale = p.stale || !fresh
	all, moves := map[int64]*entState{}, map[int64]actorID{}
	if err := w.regroup(regrouped, all, moves); err != nil {
		return err
	}
	if len(moves) > 0 {
		// moving entities reads and rewrites relations, edges and actor
		// names
		if err := w.flush(); err != nil {
			return err
		}
	}
	return w.moveEntities(all, moves)
}

// flush writes the pending aggregates: the names of actors, then the
// counts of actors, whose derived name and type it brings up to date.
func (w *wtx) flush() error {
	p := &w.pend
	if len(p.groupNames) > 0 {
		keys := make([]gnKey, 0, len(p.groupNames))
		for k := range p.groupNames {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if keys[i].norm != keys[j].norm {
				return keys[i].norm < keys[j].norm
			}
			return keys[i].g < keys[j].g
		})
		var set, del []any
		for _, k := range keys {
			if n := w.s.cache.names[k]; n > 0 {
				set = append(set, k.norm, k.g, n)
			} else {
				del = append(del, k.norm, k.g)
			}
		}
		if err := w.batch(`INSERT INTO group_names(norm, group_id, n) VALUES `, 3,
			` ON CONFLICT(norm, group_id) DO UPDATE SET n = excluded.n`, set, nil); err != nil {
			return err
		}
		for i := 0; i < len(del); i += 2 {
			if err := w.exec(`DELETE FROM group_names WHERE norm = ? AND group_id = ?`, del[i], del[i+1]); err != nil {
				return err
			}
		}
		p.groupNames = nil
	}
	if len(p.edgeOrder) > 0 {
		if p.actors == nil {
			p.actors = map[actorID]*actorDelta{}
		}
		// in key order: the upserts walk edges_key from one end to the
		// other instead of at random
		sort.Slice(p.edgeOrder, func(i, j int) bool {
			a, b := p.edgeOrder[i], p.edgeOrder[j]
			if a.src != b.src {
				return a.src < b.src
			}
			if a.typ != b.typ {
				return a.typ < b.typ
			}
			if a.dst != b.dst {
				return a.dst < b.dst
			}
			return !a.neg && b.neg
		})
		args := make([]any, 0, 11*len(p.edgeOrder))
		for _, k := range p.edgeOrder {
			a := p.edges[k]
			args = append(args, k.src, string(k.typ), k.dst, k.neg, a.count, a.docs, a.na, a.nr, a.np, a.first, a.last)
		}
		if err := w.batch(`INSERT INTO edges(src, type, dst, negated, count, documents, n_asserted, n_reported, n_possible, first_seen, last_seen) VALUES `,
			11, edgeUpsertTail+` RETURNING id, src, type, dst, negated, count`, args, func(rows *sql.Rows) error {
				var id int64
				var k edgeKey
				var count int
				if err := rows.Scan(&id, &k.src, &k.typ, &k.dst, &k.neg, &count); err != nil {
					return err
				}
				if a := p.edges[k]; a != nil {
					a.id = id
					if count == a.count { // the edge was not visible before
						for _, x := range []actorID{k.src, k.dst} {
							if p.actors[x] == nil {
								p.actors[x] = &actorDelta{types: map[string]int{}}
							}
							p.actors[x].edges++
						}
					}
				}
				return nil
			}); err != nil {
			return err
		}
		p.edges, p.edgeOrder = nil, nil
	}
	if len(p.rels) > 0 {
		args := make([]any, 0, 13*len(p.rels))
		for _, r := range p.rels {
			var edge any
			if r.edge != nil {
				edge = r.edge.id
			}
			args = append(args, r.args[:]...)
			args = append(args, edge)
		}
		if err := w.batch(`INSERT INTO relations(doc_id, ord, src_ent, dst_ent, type, negated, modality, sentence, span_start, span_end, trigger, published, edge_id) VALUES `,
			13, ``, args, nil); err != nil {
			return err
		}
		p.rels = nil
	}
	if len(p.actors) == 0 && len(p.order) == 0 {
		return nil
	}
	// in key order: the rows of one actor (and its neighbours) sit on
	// the same pages of actor_names
	sort.Slice(p.order, func(i, j int) bool {
		if p.order[i].a != p.order[j].a {
			return p.order[i].a < p.order[j].a
		}
		return p.order[i].norm < p.order[j].norm
	})
	args := make([]any, 0, 7*len(p.order))
	for _, k := range p.order {
		r := p.names[k]
		args = append(args, k.a, k.norm, r.name, r.n, r.cnt, r.prim, r.first)
	}
	if err := w.batch(`INSERT INTO actor_names(actor_id, norm, name, n, cnt, prim, first_doc) VALUES `, 7,
		` ON CONFLICT(actor_id, norm) DO UPDATE SET n = n + excluded.n, cnt = cnt + excluded.cnt, prim = prim + excluded.prim,
			name = CASE WHEN excluded.first_doc < first_doc THEN excluded.name ELSE name END,
			first_doc = MIN(first_doc, excluded.first_doc)`, args, nil); err != nil {
		return err
	}
	ids := make([]actorID, 0, len(p.actors))
	for id := range p.actors {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	args = args[:0]
	for _, id := range ids {
		d := p.actors[id]
		args = append(args, id, d.entities, d.mentions, d.docs, d.evidence, d.edges)
		for _, tc := range typeCols {
			args = append(args, d.types[string(tc.t)])
		}
	}
	type after struct {
		m         actorMeta
		name, typ string
	}
	var afters []after
	if err := w.batch(`UPDATE actors SET entities = entities + v.column2, mentions = mentions + v.column3,
			documents = documents + v.column4, evidence = evidence + v.column5, n_edges = n_edges + v.column6,
			n_person = n_person + v.column7, n_armed_group = n_armed_group + v.column8, n_org = n_org + v.column9,
			n_country = n_country + v.column10, n_location = n_location + v.column11
		FROM (VALUES `, 11, `) AS v WHERE actors.id = v.column1 RETURNING actors.id, kind, norm, kb_id, kb_name, name, type`, args,
		func(rows *sql.Rows) error {
			var a after
			if err := rows.Scan(&a.m.id, &a.m.kind, &a.m.norm, &a.m.kbID, &a.m.kbName, &a.name, &a.typ); err != nil {
				return err
			}
			afters = append(afters, a)
			return nil
		}); err != nil {
		return err
	}
	actors, stale := p.actors, p.stale
	p.actors, p.names, p.order, p.stale = nil, nil, nil, false
	for _, a := range afters {
		if err := w.refresh(a.m, a.name, a.typ, actors[a.m.id].types, !stale); err != nil {
			return err
		}
	}
	return nil
}

const edgeUpsertTail = `
	ON CONFLICT(src, type, dst, negated) DO UPDATE SET count = count + excluded.count, documents = documents + excluded.documents,
		n_asserted = n_asserted + excluded.n_asserted, n_reported = n_reported + excluded.n_reported,
		n_possible = n_possible + excluded.n_possible,
		first_seen = CASE WHEN excluded.first_seen != '' AND (first_seen = '' OR excluded.first_seen < first_seen)
			THEN excluded.first_seen ELSE first_seen END,
		last_seen = CASE WHEN excluded.last_seen > last_seen THEN excluded.last_seen ELSE last_seen END`

const edgeUpsert = `INSERT INTO edges(src, type, dst, negated, count, documents, n_asserted, n_reported, n_possible, first_seen, last_seen)
	VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)` + edgeUpsertTail + ` RETURNING id, count`

// regroup adds to moves the stored entities of groups whose automatic
// merge target changed.
func (w *wtx) regroup(groups []actorID, all map[int64]*entState, moves map[int64]actorID) error {
	for _, g := range groups {
		// the group's entities at its own actor, and the others (the
		// partial index doc_entities_group)
		ents, err := w.entities(groupEntities, g)
		if err != nil {
			return err
		}
		if err := w.retarget(ents, all, moves); err != nil {
			return err
		}
	}
	return nil
}

const groupEntities = `SELECT id, doc_id, group_id, actor_id, norm, type, n_mentions FROM doc_entities
	WHERE actor_id = ?1 AND group_id = ?1
	UNION ALL
	SELECT id, doc_id, group_id, actor_id, norm, type, n_mentions FROM doc_entities
	WHERE group_id = ?1 AND actor_id IS NOT group_id`

// retarget replays the edit log for ents and records those that move.
func (w *wtx) retarget(ents []*entState, all map[int64]*entState, moves map[int64]actorID) error {
	for _, e := range ents {
		if _, ok := all[e.id]; ok {
			continue
		}
		t, err := w.target(e)
		if err != nil {
			return err
		}
		if t != e.actor {
			all[e.id] = e
			moves[e.id] = t
		}
	}
	return nil
}

func (w *wtx) entities(q string, args ...any) ([]*entState, error) {
	rows, err := w.query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*entState
	for rows.Next() {
		e := &entState{}
		var actor sql.NullInt64
		if err := rows.Scan(&e.id, &e.doc, &e.group, &actor, &e.prim, &e.typ, &e.nMent); err != nil {
			return nil, err
		}
		e.actor = actorID(actor.Int64)
		out = append(out, e)
	}
	return out, rows.Err()
}

// target is where entity e belongs: its group's automatic target, then
// every analyst edit in order.
func (w *wtx) target(e *entState) (actorID, error) {
	g, err := w.group(e.group)
	if err != nil {
		return 0, err
	}
	cur, _ := replay(g.rootID(), g.id, e.prim, w.edits)
	return cur, nil
}

// removeExtraction detaches and deletes the entities and relations of doc.
func (w *wtx) removeExtraction(doc int64) error {
	rels, err := w.relations(doc)
	if err != nil {
		return err
	}
	for _, r := range rels {
		if err := w.detachRelation(r); err != nil {
			return err
		}
	}
	ents, err := w.entities(`SELECT id, doc_id, group_id, actor_id, norm, type, n_mentions FROM doc_entities WHERE doc_id = ?`, doc)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if e.actor != 0 {
			if err := w.detachEntity(e); err != nil {
				return err
			}
		}
		if err := w.loadNames(e); err != nil {
			return err
		}
		for _, n := range e.names {
			w.addGroupName(n.norm, e.group, -1)
		}
	}
	if err := w.exec(`DELETE FROM relations WHERE doc_id = ?`, doc); err != nil {
		return err
	}
	return w.exec(`DELETE FROM doc_entities WHERE doc_id = ?`, doc)
}

// ---------------------------------------------------------------------------
// Groups: automatic merging

type groupInfo struct {
	id                actorID
	kind, norm, class string
	kbID, kbName      string
	root              actorID // 0: itself
	key               string
}

func (g *groupInfo) rootID() actorID {
	if g.root == 0 {
		return g.id
	}
	return g.root
}

func kindRank(k string) int {
	switch k {
	case "kb":
		return 2
	case "name":
		return 1
	}
	return 0
}

// rankAbove orders groups for automatic merging: knowledge-base groups
// first, then longer names, then alphabetical order.
func rankAbove(h, g *groupInfo) bool {
	if kh, kg := kindRank(h.kind), kindRank(g.kind); kh != kg {
		return kh > kg
	}
	if len(h.norm) != len(g.norm) {
		return len(h.norm) > len(g.norm)
	}
	if h.norm != g.norm {
		return h.norm < g.norm
	}
	if h.class != g.class {
		return h.class < g.class
	}
	return h.id < g.id
}

var classes = []string{"person", "group", "place", "other"}

const groupCols = `id, kind, norm, class, kb_id, kb_name, auto_root`

func (w *wtx) group(id actorID) (*groupInfo, error) {
	if g := w.s.cache.byID[id]; g != nil {
		return g, nil
	}
	return nil, actorgraph.Errorf(actorgraph.EInternal, "store: actor %d is missing from the group cache", id)
}

// groupByKey returns the group with the given key, or nil.
func (w *wtx) groupByKey(key string) (*groupInfo, error) {
	return w.s.cache.groups[key], nil
}

func nameKey(class, n string) string { return "name:" + class + ":" + n }

// ensureGroup returns the group of entity e, creating it when new.
func (w *wtx) ensureGroup(e *actorgraph.Entity, prim string) (*groupInfo, error) {
	class := classOf(e.Type)
	key, kind, n := nameKey(class, prim), "name", prim
	if e.KBID != "" {
		key, kind, n = "kb:"+e.KBID, "kb", ""
	}
	g, err := w.groupByKey(key)
	if err != nil {
		return nil, err
	}
	if g != nil {
		if kind == "kb" && g.kbName == "" && e.KBName != "" {
			g.kbName = e.KBName
			w.touched[g.id] = true
			if err := w.exec(`UPDATE actors SET kb_name = ? WHERE id = ?`, e.KBName, g.id); err != nil {
				return nil, err
			}
		}
		return g, nil
	}
	g = &groupInfo{kind: kind, norm: n, class: class, kbID: e.KBID, kbName: e.KBName, key: key}
	if err := w.row(`INSERT INTO actors(key, kind, norm, class, kb_id, kb_name, type) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		key, kind, n, class, e.KBID, e.KBName, string(e.Type)).Scan(&g.id); err != nil {
		return nil, err
	}
	w.s.cache.groups[key], w.s.cache.byID[g.id] = g, g
	w.newGroups[g.id] = true
	return g, nil
}

// autoRoot computes the automatic merge target of g: the one actor that
// every higher-ranked group of g's class that uses g's name belongs to,
// or g itself.
func (w *wtx) autoRoot(g *groupInfo) (actorID, error) {
	if g.kind != "name" {
		return g.id, nil
	}
	roots := map[actorID]bool{}
	for _, id := range w.s.cache.byNorm[g.norm] {
		if id == g.id {
			continue
		}
		h, err := w.group(id)
		if err != nil {
			return 0, err
		}
		if h.class != g.class || !rankAbove(h, g) {
			continue
		}
		roots[h.rootID()] = true
	}
	if len(roots) == 1 {
		for r := range roots {
			return r, nil
		}
	}
	return g.id, nil
}

// recomputeGroups brings the automatic merge targets up to date after
// names were added or removed, highest-ranked groups first, and returns
// the groups whose target changed.
func (w *wtx) recomputeGroups() ([]actorID, error) {
	queue := map[actorID]*groupInfo{}
	for id := range w.newGroups {
		g, err := w.group(id)
		if err != nil {
			return nil, err
		}
		if g.kind == "name" {
			queue[id] = g
		}
	}
	norms := make([]string, 0, len(w.dirty))
	for n := range w.dirty {
		norms = append(norms, n)
	}
	sort.Strings(norms)
	for _, n := range norms {
		for _, c := range classes {
			g, err := w.groupByKey(nameKey(c, n))
			if err != nil {
				return nil, err
			}
			if g != nil {
				queue[g.id] = g
			}
		}
	}
	clear(w.newGroups)
	clear(w.dirty)
	done := map[actorID]bool{}
	var changed []actorID
	for len(queue) > 0 {
		var g *groupInfo
		for _, c := range queue {
			if g == nil || rankAbove(c, g) {
				g = c
			}
		}
		delete(queue, g.id)
		done[g.id] = true
		root, err := w.autoRoot(g)
		if err != nil {
			return nil, err
		}
		if root == g.rootID() {
			continue
		}
		g.root = root
		if root == g.id {
			g.root = 0
		}
		if err := w.exec(`UPDATE actors SET auto_root = ? WHERE id = ?`, g.root, g.id); err != nil {
			return nil, err
		}
		changed = append(changed, g.id)
		// groups that may have g as a candidate: those named by one of
		// g's names, of g's class, ranked below g
		for _, n := range w.s.cache.byGroup[g.id] {
			k, err := w.groupByKey(nameKey(g.class, n))
			if err != nil {
				return nil, err
			}
			if k != nil && k.id != g.id && !done[k.id] && rankAbove(g, k) {
				queue[k.id] = k
			}
		}
	}
	return changed, nil
}

// ---------------------------------------------------------------------------
// Moving entities between actors, with every aggregate kept exact

type relState struct {
	id, doc, src, dst int64
	typ               actorgraph.RelationType
	neg               bool
	mod               string
	pub               string
	edge              int64
}

func (w *wtx) relations(doc int64) ([]*relState, error) {
	rows, err := w.query(`SELECT id, src_ent, dst_ent, type, negated, modality, published, COALESCE(edge_id, 0)
		FROM relations WHERE doc_id = ? ORDER BY ord`, doc)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*relState
	for rows.Next() {
		r := &relState{doc: doc}
		if err := rows.Scan(&r.id, &r.src, &r.dst, &r.typ, &r.neg, &r.mod, &r.pub, &r.edge); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// moveEntities assigns each entity in moves to its new actor: the
// relations touching them leave their edges, the entities leave their old
// actors and join the new ones, and the relations join their new edges.
func (w *wtx) moveEntities(ents map[int64]*entState, moves map[int64]actorID) error {
	if len(moves) == 0 {
		return nil
	}
	docSet := map[int64]bool{}
	for id := range moves {
		docSet[ents[id].doc] = true
	}
	docs := make([]int64, 0, len(docSet))
	for d := range docSet {
		docs = append(docs, d)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i] < docs[j] })
	var rels []*relState
	for _, d := range docs {
		rs, err := w.relations(d)
		if err != nil {
			return err
		}
		for _, r := range rs {
			_, a := moves[r.src]
			_, b := moves[r.dst]
			if a || b {
				rels = append(rels, r)
			}
		}
	}
	for _, r := range rels {
		if err := w.detachRelation(r); err != nil {
			return err
		}
	}
	ids := make([]int64, 0, len(moves))
	for id := range moves {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		e, to := ents[id], moves[id]
		if e.actor == to {
			continue
		}
		if e.actor != 0 {
			if err := w.detachEntity(e); err != nil {
				return err
			}
		}
		if to != 0 {
			if err := w.attachEntity(e, to); err != nil {
				return err
			}
		}
	}
	if len(rels) == 0 {
		return nil
	}
	// actors of every entity the relations touch
	actorOf := map[int64]actorID{}
	for _, d := range docs {
		rows, err := w.query(`SELECT id, COALESCE(actor_id, 0) FROM doc_entities WHERE doc_id = ?`, d)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var a actorID
			if err := rows.Scan(&id, &a); err != nil {
				rows.Close()
				return err
			}
			actorOf[id] = a
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for _, r := range rels {
		if err := w.attachRelation(r, actorOf[r.src], actorOf[r.dst]); err != nil {
			return err
		}
	}
	return nil
}

func (w *wtx) loadNames(e *entState) error {
	if e.loaded {
		return nil
	}
	var names string
	if err := w.row(`SELECT names FROM doc_entities WHERE id = ?`, e.id).Scan(&names); err != nil {
		return err
	}
	e.names, e.loaded = decodeNames(names), true
	return nil
}

func (w *wtx) exists(q string, args ...any) (bool, error) {
	var one int
	err := w.row(q, args...).Scan(&one)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil, err
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (w *wtx) detachEntity(e *entState) error {
	x := e.actor
	if err := w.loadNames(e); err != nil {
		return err
	}
	if err := w.exec(`UPDATE doc_entities SET actor_id = NULL WHERE id = ?`, e.id); err != nil {
		return err
	}
	other, err := w.exists(`SELECT 1 FROM doc_entities WHERE actor_id = ? AND doc_id = ? LIMIT 1`, x, e.doc)
	if err != nil {
		return err
	}
	tc := typeCol(e.typ)
	if err := w.exec(`UPDATE actors SET entities = entities - 1, mentions = mentions - ?, documents = documents - ?, `+
		tc+` = `+tc+` - 1 WHERE id = ?`, e.nMent, 1-b2i(other), x); err != nil {
		return err
	}
	for _, n := range e.names {
		var left, first int64
		if err := w.row(`UPDATE actor_names SET n = n - 1, cnt = cnt - ?, prim = prim - ? WHERE actor_id = ? AND norm = ? RETURNING n, first_doc`,
			n.cnt, b2i(n.prim), x, n.norm).Scan(&left, &first); err != nil {
			return err
		}
		if left <= 0 {
			if err := w.exec(`DELETE FROM actor_names WHERE actor_id = ? AND norm = ?`, x, n.norm); err != nil {
				return err
			}
			continue
		}
		if first == e.doc {
			// the next document of the actor's that uses the name
			var doc int64
			var names string
			if err := w.row(`SELECT doc_id, names FROM doc_entities WHERE actor_id = ? AND instr(names, ?) > 0 ORDER BY doc_id LIMIT 1`,
				x, nameNeedle(n.norm)).Scan(&doc, &names); err != nil {
				return err
			}
			name, _ := nameOf(names, n.norm)
			if err := w.exec(`UPDATE actor_names SET first_doc = ?, name = ? WHERE actor_id = ? AND norm = ?`, doc, name, x, n.norm); err != nil {
				return err
			}
		}
	}
	w.touched[x] = true
	e.actor = 0
	return nil
}

func (w *wtx) attachEntity(e *entState, x actorID) error {
	if err := w.loadNames(e); err != nil {
		return err
	}
	other, err := w.exists(`SELECT 1 FROM doc_entities WHERE actor_id = ? AND doc_id = ? LIMIT 1`, x, e.doc)
	if err != nil {
		return err
	}
	if err := w.exec(`UPDATE doc_entities SET actor_id = ? WHERE id = ?`, x, e.id); err != nil {
		return err
	}
	tc := typeCol(e.typ)
	if err := w.exec(`UPDATE actors SET entities = entities + 1, mentions = mentions + ?, documents = documents + ?, `+
		tc+` = `+tc+` + 1 WHERE id = ?`, e.nMent, 1-b2i(other), x); err != nil {
		return err
	}
	for _, n := range e.names {
		if err := w.exec(`INSERT INTO actor_names(actor_id, norm, name, n, cnt, prim, first_doc) VALUES (?, ?, ?, 1, ?, ?, ?)
			ON CONFLICT(actor_id, norm) DO UPDATE SET n = n + 1, cnt = cnt + excluded.cnt, prim = prim + excluded.prim,
				name = CASE WHEN excluded.first_doc < first_doc THEN excluded.name ELSE name END,
				first_doc = MIN(first_doc, excluded.first_doc)`,
			x, n.norm, n.name, n.cnt, b2i(n.prim), e.doc); err != nil {
			return err
		}
	}
	w.touched[x] = true
	e.actor = x
	return nil
}

func modalityCounts(m string) (a, r, p int) {
	switch actorgraph.Modality(m) {
	case actorgraph.Reported:
		return 0, 1, 0
	case actorgraph.Possible:
		return 0, 0, 1
	}
	return 1, 0, 0
}

func (w *wtx) detachRelation(r *relState) error {
	if r.edge == 0 {
		return nil
	}
	e := r.edge
	if err := w.exec(`UPDATE relations SET edge_id = NULL WHERE id = ?`, r.id); err != nil {
		return err
	}
	other, err := w.exists(`SELECT 1 FROM relations WHERE edge_id = ? AND published = ? AND doc_id = ? LIMIT 1`, e, r.pub, r.doc)
	if err != nil {
		return err
	}
	na, nr, np := modalityCounts(r.mod)
	var src, dst actorID
	var first, last string
	var count int
	if err := w.row(`UPDATE edges SET count = count - 1, documents = documents - ?,
			n_asserted = n_asserted - ?, n_reported = n_reported - ?, n_possible = n_possible - ?
		WHERE id = ? RETURNING src, dst, first_seen, last_seen, count`,
		1-b2i(other), na, nr, np, e).Scan(&src, &dst, &first, &last, &count); err != nil {
		return err
	}
	if r.pub != "" && (r.pub == first || r.pub == last) {
		var lo, hi sql.NullString
		if err := w.row(`SELECT MIN(published) FROM relations WHERE edge_id = ? AND published > ''`, e).Scan(&lo); err != nil {
			return err
		}
		if err := w.row(`SELECT MAX(published) FROM relations WHERE edge_id = ? AND published > ''`, e).Scan(&hi); err != nil {
			return err
		}
		if err := w.exec(`UPDATE edges SET first_seen = ?, last_seen = ? WHERE id = ?`, lo.String, hi.String, e); err != nil {
			return err
		}
	}
	if err := w.exec(`UPDATE actors SET evidence = evidence - 1, n_edges = n_edges - ? WHERE id IN (?, ?)`,
		b2i(count == 0), src, dst); err != nil {
		return err
	}
	r.edge = 0
	return nil
}

func (w *wtx) attachRelation(r *relState, src, dst actorID) error {
	if src == 0 || dst == 0 || src == dst {
		return nil // an actor's relation to itself is no edge
	}
	if r.typ.Symmetric() && src > dst {
		src, dst = dst, src
	}
	na, nr, np := modalityCounts(r.mod)
	var e int64
	var count int
	if err := w.row(edgeUpsert, src, string(r.typ), dst, r.neg, 0, na, nr, np, r.pub, r.pub).Scan(&e, &count); err != nil {
		return err
	}
	other, err := w.exists(`SELECT 1 FROM relations WHERE edge_id = ? AND published = ? AND doc_id = ? LIMIT 1`, e, r.pub, r.doc)
	if err != nil {
		return err
	}
	if !other {
		if err := w.exec(`UPDATE edges SET documents = documents + 1 WHERE id = ?`, e); err != nil {
			return err
		}
	}
	if err := w.exec(`UPDATE relations SET edge_id = ? WHERE id = ?`, e, r.id); err != nil {
		return err
	}
	if err := w.exec(`UPDATE actors SET evidence = evidence + 1, n_edges = n_edges + ? WHERE id IN (?, ?)`,
		b2i(count == 1), src, dst); err != nil {
		return err
	}
	r.edge = e
	return nil
}

// finish recomputes the derived name and type of every touched actor.
func (w *wtx) finish() error {
	if err := w.flush(); err != nil {
		return err
	}
	ids := make([]actorID, 0, len(w.touched))
	for id := range w.touched {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		m := actorMeta{id: id}
		var name, typ string
		if err := w.row(`SELECT kind, norm, kb_id, kb_name, name, type FROM actors WHERE id = ?`, id).Scan(
			&m.kind, &m.norm, &m.kbID, &m.kbName, &name, &typ); err != nil {
			return err
		}
		if err := w.refresh(m, name, typ, nil, false); err != nil {
			return err
		}
	}
	clear(w.touched)
	for _, d := range w.fts {
		if err := w.exec(`INSERT INTO documents_fts(rowid, title, text) VALUES (?, ?, ?)`, d.id, d.title, d.text); err != nil {
			return err
		}
	}
	w.fts = w.fts[:0]
	return nil
}

// refresh brings an actor's derived name and type up to date. added, when
// not nil, says that the only change was entities of these types joining,
// which cannot change the type if they all have the current one.
func (w *wtx) refresh(m actorMeta, name, typ string, added map[string]int, fresh bool) error {
	ov := overridesOf(w.edits, m.id)
	nn := ov.name
	if nn == "" && m.kind == "kb" && m.kbName != "" {
		nn = m.kbName
	}
	if nn == "" && m.kind == "name" && fresh && norm(name) == m.norm {
		// named after its own key already; a newer document cannot change
		// the form its first document used
		nn = name
	}
	if nn == "" && m.kind == "name" {
		switch err := w.row(`SELECT name FROM actor_names WHERE actor_id = ? AND norm = ?`, m.id, m.norm).Scan(&nn); {
		case err == sql.ErrNoRows:
		case err != nil:
			return err
		}
	}
	if nn == "" {
		names, err := scanNames(w.query(`SELECT norm, name, cnt, prim, first_doc FROM actor_names WHERE actor_id = ?`, m.id))
		if err != nil {
			return err
		}
		nn = pickName(m, "", names)
	}
	if nn == "" {
		nn = name // an empty actor keeps its last name
	}
	nt := ov.typ
	if nt == "" && added != nil && typ != "" && len(added) == 1 && added[typ] > 0 {
		nt = actorgraph.EntityType(typ)
	}
	if nt == "" {
		var n [5]int
		if err := w.row(`SELECT n_person, n_armed_group, n_org, n_country, n_location FROM actors WHERE id = ?`, m.id).Scan(
			&n[0], &n[1], &n[2], &n[3], &n[4]); err != nil {
			return err
		}
		var types []typeStat
		for i, tc := range typeCols {
			types = append(types, typeStat{tc.t, n[i]})
		}
		if nt = pickType("", types); nt == "" {
			nt = actorgraph.EntityType(typ) // an empty actor keeps its last type
		}
	}
	if nn != name || string(nt) != typ {
		return w.exec(`UPDATE actors SET name = ?, type = ? WHERE id = ?`, nn, string(nt), m.id)
	}
	return nil
}

// typeCols are the actors columns that count entities by type, in the
// order the statements above list them.
var typeCols = []struct {
	t   actorgraph.EntityType
	col string
}{{actorgraph.Person, "n_person"}, {actorgraph.ArmedGroup, "n_armed_group"}, {actorgraph.Org, "n_org"},
	{actorgraph.Country, "n_country"}, {actorgraph.Location, "n_location"}}

// typeCol is the actors column that counts entities of type t.
func typeCol(t string) string {
	for _, tc := range typeCols {
		if string(tc.t) == t {
			return tc.col
		}
	}
	return "n_location" // unreachable: types are validated
}

// addGroupName records that delta more (or fewer) entities of group g use
// name n: in the cache now, in group_names when the transaction flushes.
func (w *wtx) addGroupName(n string, g actorID, delta int) {
	if w.s.cache.addGroupName(n, g, delta) {
		w.dirty[n] = true
	}
	if w.pend.groupNames == nil {
		w.pend.groupNames = map[gnKey]bool{}
	}
	w.pend.groupNames[gnKey{n, g}] = true
}
