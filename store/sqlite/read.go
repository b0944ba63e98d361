package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/actorgraph/actorgraph"
)

// Snippet markers around the matched words of a SearchHit.Snippet.
const (
	HighlightStart  = "**"
	HighlightEnd    = "**"
	snippetEllipsis = "…"
)

// rtx is one read transaction: every query of one call sees one snapshot.
type rtx struct {
	s   *Store
	ctx context.Context
	c   *dbConn
}

func (s *Store) read(ctx context.Context, op string, fn func(r *rtx) error) error {
	if err := s.check(); err != nil {
		return err
	}
	c, err := s.acquire(ctx)
	if err != nil {
		return mapErr(op, err)
	}
	defer s.release(c)
	if err := begin(ctx, c, ""); err != nil {
		rollback(c) // in case BEGIN ran and only its report failed
		return mapErr(op, err)
	}
	defer rollback(c)
	return mapErr(op, fn(&rtx{s: s, ctx: ctx, c: c}))
}

func (r *rtx) stmt(q string) (*sql.Stmt, error) { return r.c.stmt(r.ctx, q) }

func (r *rtx) query(q string, args ...any) (*sql.Rows, error) {
	st, err := r.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(r.ctx, args...)
}

// querier runs a query in a read (rtx) or write (wtx) transaction.
type querier interface {
	query(q string, args ...any) (*sql.Rows, error)
	row(q string, args ...any) scanner
}

// visibleEdge is nil when id is a visible edge (one with evidence), else
// an ENotFound error or the error reading it.
func visibleEdge(r querier, id actorgraph.EdgeID) error {
	var n int
	if err := r.row(`SELECT count FROM edges WHERE id = ?`, id).Scan(&n); err != nil || n == 0 {
		if err == nil || err == sql.ErrNoRows {
			err = notFound("relationship %d not found", id)
		}
		return err
	}
	return nil
}

// inList is "(?, ?, ...)" for the ids and the ids as its arguments.
func inList[T ~int64](ids []T) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = int64(id)
	}
	return "(?" + strings.Repeat(", ?", len(ids)-1) + ")", args
}

// queryAll runs q and scans every row with scan.
func queryAll[T any](r querier, scan func(scanner) (T, error), q string, args ...any) ([]T, error) {
	rows, err := r.query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func (r *rtx) row(q string, args ...any) scanner {
	st, err := r.stmt(q)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(r.ctx, args...)
}

// ids runs a query of one integer column.
func (r *rtx) ids(q string, args ...any) ([]int64, error) { return queryAll(r, scanID, q, args...) }

func scanID(s scanner) (int64, error) {
	var id int64
	err := s.Scan(&id)
	return id, err
}

func (r *rtx) count(q string, args ...any) (int, error) {
	var n int
	err := r.row(q, args...).Scan(&n)
	return n, err
}

// ---------------------------------------------------------------------------
// Documents

const docCols = `d.id, d.hash, d.ext_id, d.title, d.url, d.publisher, d.published, d.text, d.source, d.ingested,
	(SELECT COUNT(DISTINCT actor_id) FROM doc_entities WHERE doc_id = d.id),
	(SELECT COUNT(*) FROM relations WHERE doc_id = d.id)`

func scanDoc(sc scanner) (actorgraph.StoredDocument, error) {
	var d actorgraph.StoredDocument
	var ingested string
	err := sc.Scan(&d.DocID, &d.Hash, &d.ID, &d.Title, &d.URL, &d.Publisher, &d.Published, &d.Text, &d.Source,
		&ingested, &d.Actors, &d.Edges)
	if err == nil {
		d.Ingested, _ = time.Parse(timeFormat, ingested)
	}
	return d, err
}

// Document returns a stored document and its extraction as stored.
func (s *Store) Document(ctx context.Context, id actorgraph.DocID) (actorgraph.StoredDocument, actorgraph.Extraction, error) {
	var doc actorgraph.StoredDocument
	x := actorgraph.Extraction{Entities: []actorgraph.Entity{}, Relations: []actorgraph.Relation{}}
	err := s.read(ctx, "read document", func(r *rtx) error {
		var err error
		doc, err = scanDoc(r.row(`SELECT `+docCols+` FROM documents d WHERE d.id = ?`, id))
		if err == sql.ErrNoRows {
			return notFound("document %d not found", id)
		}
		if err != nil {
			return err
		}
		rows, err := r.query(`SELECT id, local_id, name, type, kb_id, kb_name, aliases, mentions
			FROM doc_entities WHERE doc_id = ? ORDER BY ord`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		local := map[int64]string{}
		for rows.Next() {
			var e actorgraph.Entity
			var rid int64
			var aliases, mentions string
			if err := rows.Scan(&rid, &e.ID, &e.Name, &e.Type, &e.KBID, &e.KBName, &aliases, &mentions); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(aliases), &e.Aliases); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(mentions), &e.Mentions); err != nil {
				return err
			}
			local[rid] = e.ID
			x.Entities = append(x.Entities, e)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		rrows, err := r.query(`SELECT src_ent, dst_ent, type, negated, modality, sentence, span_start, span_end, trigger
			FROM relations WHERE doc_id = ? ORDER BY ord`, id)
		if err != nil {
			return err
		}
		defer rrows.Close()
		for rrows.Next() {
			var rel actorgraph.Relation
			var src, dst int64
			if err := rrows.Scan(&src, &dst, &rel.Type, &rel.Negated, &rel.Modality, &rel.Evidence.Text,
				&rel.Evidence.Span.Start, &rel.Evidence.Span.End, &rel.Evidence.Trigger); err != nil {
				return err
			}
			rel.Source, rel.Target = local[src], local[dst]
			x.Relations = append(x.Relations, rel)
		}
		return rrows.Err()
	})
	if err != nil {
		return actorgraph.StoredDocument{}, actorgraph.Extraction{}, err
	}
	return doc, x, nil
}

// Documents lists stored documents in the order they were stored.
func (s *Store) Documents(ctx context.Context, asOf actorgraph.AsOf, p actorgraph.Page) ([]actorgraph.StoredDocument, int, error) {
	limit, offset, err := page(p)
	if err != nil {
		return nil, 0, err
	}
	if err := checkDate("as-of date", asOf.Date); err != nil {
		return nil, 0, err
	}
	out := []actorgraph.StoredDocument{}
	var total int
	err = s.read(ctx, "list documents", func(r *rtx) error {
		where, args := "", []any{}
		if asOf.Date != "" {
			where, args = ` WHERE d.eff <= ?`, append(args, asOf.Date)
		}
		var err error
		if total, err = r.count(`SELECT COUNT(*) FROM documents d`+where, args...); err != nil {
			return err
		}
		out, err = queryAll(r, scanDoc, `SELECT `+docCols+` FROM documents d`+where+` ORDER BY d.id LIMIT ? OFFSET ?`,
			append(args, limit, offset)...)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// DocumentIDs lists every stored document id, in order.
func (s *Store) DocumentIDs(ctx context.Context) ([]actorgraph.DocID, error) {
	out := []actorgraph.DocID{}
	err := s.read(ctx, "list document ids", func(r *rtx) error {
		ids, err := r.ids(`SELECT id FROM documents ORDER BY id`)
		for _, id := range ids {
			out = append(out, actorgraph.DocID(id))
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ---------------------------------------------------------------------------
// Actors

// actorsByID loads the actors ids that are visible (as of asOf when set);
// invisible ones are left out.
func (r *rtx) actorsByID(ids []actorID, asOf string) ([]actorgraph.Actor, error) {
	out := make([]actorgraph.Actor, 0, len(ids))
	for _, id := range ids {
		a, ok, err := r.actor(id, asOf)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, a)
		}
	}
	return out, nil
}

// overrides reads the analyst's name and type for actor id.
func (r *rtx) overrides(id actorID) (overrides, error) {
	rows, err := r.query(`SELECT kind, value FROM edits WHERE actor = ? AND kind IN ('rename', 'set_type') AND undone = 0 ORDER BY id`, id)
	if err != nil {
		return overrides{}, err
	}
	defer rows.Close()
	var o overrides
	for rows.Next() {
		var kind, value string
		if err := rows.Scan(&kind, &value); err != nil {
			return o, err
		}
		if actorgraph.EditKind(kind) == actorgraph.EditRename {
			o.name = value
		} else {
			o.typ = actorgraph.EntityType(value)
		}
	}
	return o, rows.Err()
}

func (r *rtx) actor(id actorID, asOf string) (actorgraph.Actor, bool, error) {
	var a actorgraph.Actor
	var m actorMeta
	var entities int
	err := r.row(`SELECT id, kind, norm, kb_id, kb_name, name, type, entities, mentions, documents, evidence
		FROM actors WHERE id = ?`, id).Scan(&a.ID, &m.kind, &m.norm, &m.kbID, &m.kbName, &a.Name, &a.Type,
		&entities, &a.Mentions, &a.Documents, &a.Evidence)
	if err == sql.ErrNoRows || err == nil && entities == 0 {
		return a, false, nil
	}
	if err != nil {
		return a, false, err
	}
	m.id = id
	if m.kind == "kb" {
		a.KBID = m.kbID
	}
	ov, err := r.overrides(id)
	if err != nil {
		return a, false, err
	}
	var names []nameStat
	if asOf == "" {
		names, err = scanNames(r.query(`SELECT norm, name, cnt, prim, first_doc FROM actor_names WHERE actor_id = ? ORDER BY cnt DESC, norm`, id))
		if err != nil {
			return a, false, err
		}
		amb, err := r.ids(`SELECT DISTINCT b.actor_id FROM actor_names a JOIN actor_names b ON b.norm = a.norm AND b.actor_id != a.actor_id
			WHERE a.actor_id = ? ORDER BY 1`, id)
		if err != nil {
			return a, false, err
		}
		for _, b := range amb {
			a.Ambiguous = append(a.Ambiguous, actorID(b))
		}
	} else {
		// one pass over the actor's entities known then (in document
		// order): counts, names and types
		var types []typeStat
		n := 0
		a.Mentions, a.Documents = 0, 0
		err := func() error {
			rows, err := r.query(`SELECT e.names, e.doc_id, e.type, e.n_mentions FROM doc_entities e
				CROSS JOIN documents d ON d.id = e.doc_id WHERE e.actor_id = ? AND d.eff <= ?`, id, asOf)
			if err != nil {
				return err
			}
			defer rows.Close()
			var totals nameTotals
			byType := map[actorgraph.EntityType]int{}
			last := int64(0)
			for rows.Next() {
				var ns string
				var doc int64
				var typ actorgraph.EntityType
				var ment int
				if err := rows.Scan(&ns, &doc, &typ, &ment); err != nil {
					return err
				}
				n++
				a.Mentions += ment
				if doc != last {
					a.Documents++
					last = doc
				}
				totals.add(ns, doc)
				byType[typ]++
			}
			if err := rows.Err(); err != nil {
				return err
			}
			names = totals.list()
			for t, k := range byType {
				types = append(types, typeStat{t, k})
			}
			sort.Slice(types, func(i, j int) bool { return types[i].typ < types[j].typ })
			return nil
		}()
		if err != nil {
			return a, false, err
		}
		if n == 0 {
			return a, false, nil
		}
		a.Name, a.Type = pickName(m, ov.name, names), pickType(ov.typ, types)
		// the actor's edges from the endpoint indexes, then their
		// evidence (an OR of the two ends scanned every relation)
		if a.Evidence, err = r.count(`SELECT COUNT(*) FROM (`+actorEdgeIDs+`) AS sel
			CROSS JOIN relations x ON x.edge_id = sel.id CROSS JOIN documents d ON d.id = x.doc_id
			WHERE d.eff <= ?`, id, id, asOf); err != nil {
			return a, false, err
		}
		seen := map[actorID]bool{}
		for _, nm := range names {
			// the document that first gave b the name settles most; the
			// others are searched among b's entities
			amb, err := r.ids(`SELECT b.actor_id FROM actor_names b WHERE b.norm = ?1 AND b.actor_id != ?2 AND (
				(SELECT eff FROM documents WHERE id = b.first_doc) <= ?4 OR EXISTS (
				SELECT 1 FROM doc_entities e CROSS JOIN documents d ON d.id = e.doc_id
				WHERE e.actor_id = b.actor_id AND instr(e.names, ?3) > 0 AND d.eff <= ?4))`, nm.norm, id, nameNeedle(nm.norm), asOf)
			if err != nil {
				return a, false, err
			}
			for _, b := range amb {
				seen[actorID(b)] = true
			}
		}
		for b := range seen {
			a.Ambiguous = append(a.Ambiguous, b)
		}
		sort.Slice(a.Ambiguous, func(i, j int) bool { return a.Ambiguous[i] < a.Ambiguous[j] })
	}
	kbNorm := ""
	if m.kind == "kb" {
		kbNorm = norm(m.kbName)
	}
	have := map[string]bool{}
	for _, n := range names {
		c := actorgraph.AliasClaim{Name: n.name, DocID: actorgraph.DocID(n.first), Count: n.cnt}
		if n.norm == kbNorm {
			c.DocID = 0
		}
		have[n.norm] = true
		a.Aliases = append(a.Aliases, c)
	}
	if ov.name != "" && !have[norm(ov.name)] {
		a.Aliases = append(a.Aliases, actorgraph.AliasClaim{Name: ov.name})
	}
	return a, true, nil
}

// Actor returns one visible actor.
func (s *Store) Actor(ctx context.Context, id actorgraph.ActorID) (actorgraph.Actor, error) {
	var a actorgraph.Actor
	err := s.read(ctx, "read actor", func(r *rtx) error {
		var ok bool
		var err error
		a, ok, err = r.actor(id, "")
		if err == nil && !ok {
			err = notFound("actor %d not found", id)
		}
		return err
	})
	return a, err
}

// Actors lists actors, most documented first.
func (s *Store) Actors(ctx context.Context, f actorgraph.ActorFilter) ([]actorgraph.Actor, int, error) {
	limit, offset, err := page(f.Page)
	if err != nil {
		return nil, 0, err
	}
	if err := checkDate("as-of date", f.AsOf.Date); err != nil {
		return nil, 0, err
	}
	if f.Type != "" && !f.Type.Valid() {
		return nil, 0, invalid("unknown entity type %q", f.Type)
	}
	out := []actorgraph.Actor{}
	var total int
	err = s.read(ctx, "list actors", func(r *rtx) error {
		search := strings.TrimSpace(f.Search)
		var where []string
		var args []any
		var q, cq string
		if f.AsOf.Date == "" {
			where = append(where, `a.entities > 0`)
			if f.ID != 0 {
				where, args = append(where, `a.id = ?`), append(args, int64(f.ID))
			}
			if f.Type != "" {
				where, args = append(where, `a.type = ?`), append(args, string(f.Type))
			}
			if search != "" {
				where = append(where, `(EXISTS (SELECT 1 FROM actor_names n WHERE n.actor_id = a.id AND n.norm LIKE ? ESCAPE '\')
					OR lower(a.name) LIKE ? ESCAPE '\')`)
				args = append(args, likePattern(norm(search)), likePattern(strings.ToLower(search)))
			}
			w := strings.Join(where, " AND ")
			cq = `SELECT COUNT(*) FROM actors a WHERE ` + w
			q = `SELECT a.id FROM actors a WHERE ` + w + ` ORDER BY a.documents DESC, a.id LIMIT ? OFFSET ?`
		} else {
			ids, err := r.actorsAsOf(f, search)
			if err != nil {
				return err
			}
			total = len(ids)
			ids = ids[min(offset, len(ids)):min(offset+limit, len(ids))]
			as, err := r.actorsByID(ids, f.AsOf.Date)
			out = append(out, as...)
			return err
		}
		var err error
		if total, err = r.count(cq, args...); err != nil {
			return err
		}
		ids, err := r.ids(q, append(args, limit, offset)...)
		if err != nil {
			return err
		}
		list := make([]actorID, len(ids))
		for i, id := range ids {
			list[i] = actorID(id)
		}
		as, err := r.actorsByID(list, f.AsOf.Date)
		out = append(out, as...)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// actorsAsOf lists the actors that documents known on f.AsOf.Date name,
// most documents first, filtered as Actors filters them. The counts come
// from one pass over the entities of those documents (or of the few
// actors a name search or an id picks), summed here: grouping millions
// of rows in SQL took half a minute on 100,000 documents.
func (r *rtx) actorsAsOf(f actorgraph.ActorFilter, search string) ([]actorID, error) {
	date := f.AsOf.Date
	docs := map[actorID]int{}
	var cand []int64 // the actors to count, when picked is set
	picked := f.ID != 0 || search != ""
	var err error
	switch {
	case f.ID != 0:
		cand = []int64{int64(f.ID)}
	case search != "":
		// a name the actor has now, used by one of its entities by then
		cand, err = r.ids(`SELECT DISTINCT an.actor_id FROM actor_names an WHERE an.norm LIKE ? ESCAPE '\'
			AND EXISTS (SELECT 1 FROM doc_entities e CROSS JOIN documents d ON d.id = e.doc_id
				WHERE e.actor_id = an.actor_id AND instr(e.names, char(30) || an.norm || char(31)) > 0 AND d.eff <= ?)
			ORDER BY 1`, likePattern(norm(search)), date)
		if err != nil {
			return nil, err
		}
	}
	if picked {
		for _, id := range cand {
			n, err := r.count(`SELECT COUNT(DISTINCT e.doc_id) FROM doc_entities e CROSS JOIN documents d ON d.id = e.doc_id
				WHERE e.actor_id = ? AND d.eff <= ?`, id, date)
			if err != nil {
				return nil, err
			}
			if n > 0 {
				docs[actorID(id)] = n
			}
		}
	} else {
		// a document's entities come together, so an actor's documents
		// are counted once each by remembering the last one
		rows, err := r.query(`SELECT e.actor_id, e.doc_id FROM documents d INDEXED BY documents_eff
			CROSS JOIN doc_entities e ON e.doc_id = d.id WHERE d.eff <= ? AND e.actor_id IS NOT NULL`, date)
		if err != nil {
			return nil, err
		}
		last := map[actorID]int64{}
		for rows.Next() {
			var a actorID
			var doc int64
			if err := rows.Scan(&a, &doc); err != nil {
				rows.Close()
				return nil, err
			}
			if last[a] != doc {
				last[a] = doc
				docs[a]++
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	if f.Type != "" {
		typed, err := r.ids(`SELECT id FROM actors WHERE type = ? AND entities > 0`, string(f.Type))
		if err != nil {
			return nil, err
		}
		keep := make(map[actorID]int, len(typed))
		for _, id := range typed {
			if n := docs[actorID(id)]; n > 0 {
				keep[actorID(id)] = n
			}
		}
		docs = keep
	}
	return mostFirst(docs), nil
}

// mostFirst returns the keys of counts, largest count first (ties in key
// order).
func mostFirst[K cmp.Ordered](counts map[K]int) []K {
	out := make([]K, 0, len(counts))
	for k := range counts {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if counts[out[i]] != counts[out[j]] {
			return counts[out[i]] > counts[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// Resolve finds the actors called name.
func (s *Store) Resolve(ctx context.Context, name string) ([]actorgraph.Actor, error) {
	n := norm(name)
	if n == "" {
		return nil, invalid("cannot resolve %q: a name needs letters or digits", name)
	}
	var out []actorgraph.Actor
	err := s.read(ctx, "resolve name", func(r *rtx) error {
		ids, err := r.ids(`SELECT DISTINCT actor_id FROM actor_names WHERE norm = ?`, n)
		if err != nil {
			return err
		}
		renamed, err := r.ids(`SELECT DISTINCT actor FROM edits WHERE kind = 'rename' AND undone = 0 AND norm = ?`, n)
		if err != nil {
			return err
		}
		set := map[actorID]bool{}
		for _, id := range ids {
			set[actorID(id)] = true
		}
		for _, id := range renamed {
			ov, err := r.overrides(actorID(id))
			if err != nil {
				return err
			}
			if norm(ov.name) == n {
				set[actorID(id)] = true
			}
		}
		list := make([]actorID, 0, len(set))
		for id := range set {
			list = append(list, id)
		}
		sort.Slice(list, func(i, j int) bool { return list[i] < list[j] })
		out, err = r.actorsByID(list, "")
		if err != nil {
			return err
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Documents > out[j].Documents })
		if len(out) == 0 {
			return notFound("no actor is called %q", name)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ---------------------------------------------------------------------------
// Edges

func modalities(na, nr, np int) []actorgraph.Modality {
	out := []actorgraph.Modality{}
	if na > 0 {
		out = append(out, actorgraph.Asserted)
	}
	if nr > 0 {
		out = append(out, actorgraph.Reported)
	}
	if np > 0 {
		out = append(out, actorgraph.Possible)
	}
	return out
}

const contestedSQL = `EXISTS (SELECT 1 FROM edges o INDEXED BY edges_key WHERE o.src = e.src AND o.type = e.type AND o.dst = e.dst
	AND o.negated = 1 - e.negated AND o.count > 0)`

const edgeCols = `e.id, e.src, sa.name, e.type, e.dst, da.name, e.negated, e.count, e.documents, e.first_seen, e.last_seen,
	e.n_asserted, e.n_reported, e.n_possible, ` + contestedSQL

func scanEdge(sc scanner) (actorgraph.Edge, error) {
	var e actorgraph.Edge
	var na, nr, np int
	err := sc.Scan(&e.ID, &e.Source, &e.SourceName, &e.Type, &e.Target, &e.TargetName, &e.Negated, &e.Count, &e.Documents,
		&e.FirstSeen, &e.LastSeen, &na, &nr, &np, &e.Contested)
	e.Modalities = modalities(na, nr, np)
	return e, err
}

// Edge returns one aggregated relationship.
func (s *Store) Edge(ctx context.Context, id actorgraph.EdgeID) (actorgraph.Edge, error) {
	var e actorgraph.Edge
	err := s.read(ctx, "read edge", func(r *rtx) error {
		var err error
		e, err = scanEdge(r.row(`SELECT `+edgeCols+` FROM edges e JOIN actors sa ON sa.id = e.src JOIN actors da ON da.id = e.dst
			WHERE e.id = ? AND e.count > 0`, id))
		if err == sql.ErrNoRows {
			return notFound("relationship %d not found", id)
		}
		return err
	})
	return e, err
}

// Edges lists relationships, best attested first.
func (s *Store) Edges(ctx context.Context, f actorgraph.EdgeFilter) ([]actorgraph.Edge, int, error) {
	limit, offset, err := page(f.Page)
	if err != nil {
		return nil, 0, err
	}
	for _, d := range []struct{ what, v string }{{"as-of date", f.AsOf.Date}, {"since date", f.Since}, {"until date", f.Until}} {
		if err := checkDate(d.what, d.v); err != nil {
			return nil, 0, err
		}
	}
	if f.Since != "" && f.Until != "" && f.Since > f.Until {
		return nil, 0, invalid("since date %s is after until date %s", f.Since, f.Until)
	}
	if f.Type != "" && !f.Type.Valid() {
		return nil, 0, invalid("unknown relation type %q", f.Type)
	}
	if f.Actor < 0 {
		return nil, 0, notFound("actor %d not found", f.Actor)
	}
	out := []actorgraph.Edge{}
	var total int
	err = s.read(ctx, "list relationships", func(r *rtx) error {
		if f.Actor != 0 {
			var n int
			if err := r.row(`SELECT entities FROM actors WHERE id = ?`, f.Actor).Scan(&n); err != nil || n == 0 {
				if err == nil || err == sql.ErrNoRows {
					err = notFound("actor %d not found", f.Actor)
				}
				return err
			}
		}
		var err error
		if f.AsOf.Date == "" && f.Since == "" && f.Until == "" && f.Actor != 0 && f.Type == "" && f.Negated == nil && !f.Contested {
			out, total, err = r.edgesOfActor(f.Actor, limit, offset)
		} else if f.AsOf.Date == "" && f.Since == "" && f.Until == "" {
			out, total, err = r.edgesNow(f, limit, offset)
		} else {
			out, total, err = r.edgesFiltered(f, limit, offset)
		}
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// edgesOfActor reads one page of an actor's edges, best attested first,
// from two index streams (as source, as target) cut at the page's end, so
// that even an actor with edges to most of the graph costs one page.
func (r *rtx) edgesOfActor(id actorgraph.ActorID, limit, offset int) ([]actorgraph.Edge, int, error) {
	total, err := r.count(`SELECT n_edges FROM actors WHERE id = ?`, id)
	if err != nil {
		return nil, 0, err
	}
	if total <= 2*(offset+limit) {
		// most of the list: cheaper read whole (walk.go)
		all, n, err := r.everyEdgeOfActor(id, total)
		if err != nil {
			return nil, 0, err
		}
		if offset >= len(all) {
			return []actorgraph.Edge{}, n, nil
		}
		return all[offset:min(len(all), offset+limit)], n, nil
	}
	out, err := queryAll(r, scanEdge, `WITH page AS (
			SELECT id, count FROM (SELECT id, count FROM edges WHERE src = ?1 AND count > 0 ORDER BY count DESC, id LIMIT ?2)
			UNION ALL
			SELECT id, count FROM (SELECT id, count FROM edges WHERE dst = ?1 AND count > 0 ORDER BY count DESC, id LIMIT ?2)
			ORDER BY count DESC, id LIMIT ?3 OFFSET ?4)
		SELECT `+edgeCols+` FROM page CROSS JOIN edges e ON e.id = page.id
			JOIN actors sa ON sa.id = e.src JOIN actors da ON da.id = e.dst
		ORDER BY e.count DESC, e.id`, id, limit+offset, limit, offset)
	return out, total, err
}

// actorEdgeIDs selects the ids of an actor's visible edges (two
// arguments: the actor twice): outgoing through edges_key (source first),
// incoming through edges_dst. INDEXED BY keeps the planner from scanning
// every edge for "count > 0".
const actorEdgeIDs = `SELECT id FROM edges INDEXED BY edges_key WHERE src = ? AND count > 0
	UNION ALL SELECT id FROM edges INDEXED BY edges_dst WHERE dst = ? AND count > 0`

// actorEdgeRows selects every column of an actor's visible edges (one
// argument, ?1: the actor), outgoing through edges_key and incoming
// through edges_dst.
const actorEdgeRows = `SELECT id, src, type, dst, negated, count, documents, first_seen, last_seen,
		n_asserted, n_reported, n_possible FROM edges INDEXED BY edges_key WHERE src = ?1 AND count > 0
	UNION ALL
	SELECT id, src, type, dst, negated, count, documents, first_seen, last_seen,
		n_asserted, n_reported, n_possible FROM edges INDEXED BY edges_dst WHERE dst = ?1 AND count > 0`

// edgesNow reads the precomputed aggregates.
func (r *rtx) edgesNow(f actorgraph.EdgeFilter, limit, offset int) ([]actorgraph.Edge, int, error) {
	from, where, args := `edges e`, []string{`e.count > 0`}, []any{}
	if f.Actor != 0 {
		// the actor's own edges through the two endpoint indexes, so
		// that filtering a hub's thousands of edges by type reads only
		// those
		from, args = `(`+actorEdgeRows+`) AS e`, append(args, f.Actor)
	}
	if f.Type != "" {
		where, args = append(where, `e.type = ?`), append(args, string(f.Type))
	}
	if f.Negated != nil {
		where, args = append(where, `e.negated = ?`), append(args, *f.Negated)
	}
	if f.Contested {
		where = append(where, contestedSQL)
	}
	w := strings.Join(where, " AND ")
	total, err := r.count(`SELECT COUNT(*) FROM `+from+` WHERE `+w, args...)
	if err != nil {
		return nil, 0, err
	}
	out, err := queryAll(r, scanEdge, `SELECT `+edgeCols+` FROM `+from+` CROSS JOIN actors sa ON sa.id = e.src CROSS JOIN actors da ON da.id = e.dst
		WHERE `+w+` ORDER BY e.count DESC, e.id LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	return out, total, err
}

// edgesFiltered aggregates the evidence that passes the date filters.
func (r *rtx) edgesFiltered(f actorgraph.EdgeFilter, limit, offset int) ([]actorgraph.Edge, int, error) {
	sel, eargs := `SELECT id FROM edges WHERE count > 0`, []any{}
	if f.Actor != 0 {
		sel, eargs = actorEdgeIDs, append(eargs, f.Actor, f.Actor)
	}
	if f.Type != "" {
		sel, eargs = `SELECT s.id FROM (`+sel+`) AS s CROSS JOIN edges t ON t.id = s.id WHERE t.type = ?`, append(eargs, string(f.Type))
	}
	var rw []string
	rargs := eargs
	if f.AsOf.Date != "" {
		rw, rargs = append(rw, `d.eff <= ?`), append(rargs, f.AsOf.Date)
	}
	if f.Since != "" {
		rw, rargs = append(rw, `x.published >= ?`), append(rargs, f.Since)
	}
	if f.Until != "" {
		rw, rargs = append(rw, `x.published > '' AND x.published <= ?`), append(rargs, f.Until)
	}
	agg := `WITH agg AS (SELECT x.edge_id AS id, COUNT(*) AS cnt, COUNT(DISTINCT x.doc_id) AS docs,
			COALESCE(MIN(NULLIF(x.published, '')), '') AS fs, COALESCE(MAX(NULLIF(x.published, '')), '') AS ls,
			SUM(x.modality = 'asserted') AS na, SUM(x.modality = 'reported') AS nr, SUM(x.modality = 'possible') AS np
		FROM (` + sel + `) AS sel
			CROSS JOIN relations x ON x.edge_id = sel.id CROSS JOIN documents d ON d.id = x.doc_id
		` + where(rw) + ` GROUP BY x.edge_id),
	rows AS (SELECT e.id, e.src, e.type, e.dst, e.negated, agg.cnt, agg.docs, agg.fs, agg.ls, agg.na, agg.nr, agg.np,
			EXISTS (SELECT 1 FROM edges o INDEXED BY edges_key CROSS JOIN agg ao ON ao.id = o.id
				WHERE o.src = e.src AND o.type = e.type AND o.dst = e.dst AND o.negated = 1 - e.negated) AS contested
		FROM agg CROSS JOIN edges e ON e.id = agg.id) `
	var ow []string
	args := rargs
	if f.Negated != nil {
		ow, args = append(ow, `rows.negated = ?`), append(args, *f.Negated)
	}
	if f.Contested {
		ow = append(ow, `rows.contested`)
	}
	w := ""
	if len(ow) > 0 {
		w = ` WHERE ` + strings.Join(ow, " AND ")
	}
	total, err := r.count(agg+`SELECT COUNT(*) FROM rows`+w, args...)
	if err != nil {
		return nil, 0, err
	}
	q := agg + `SELECT rows.id, rows.src, '', rows.type, rows.dst, '', rows.negated, rows.cnt, rows.docs, rows.fs, rows.ls,
			rows.na, rows.nr, rows.np, rows.contested
		FROM rows` + w + ` ORDER BY rows.cnt DESC, rows.id LIMIT ? OFFSET ?`
	out, err := queryAll(r, scanEdge, q, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	// names as of the date
	names := map[actorID]string{}
	for i := range out {
		for _, id := range []actorID{out[i].Source, out[i].Target} {
			if _, ok := names[id]; ok {
				continue
			}
			n, err := r.nameAsOf(id, f.AsOf.Date)
			if err != nil {
				return nil, 0, err
			}
			names[id] = n
		}
		out[i].SourceName, out[i].TargetName = names[out[i].Source], names[out[i].Target]
	}
	return out, total, nil
}

// nameAsOf is an actor's display name from the documents visible on date
// ("" = now).
func (r *rtx) nameAsOf(id actorID, date string) (string, error) {
	var m actorMeta
	var name string
	if err := r.row(`SELECT kind, norm, kb_id, kb_name, name FROM actors WHERE id = ?`, id).Scan(
		&m.kind, &m.norm, &m.kbID, &m.kbName, &name); err != nil {
		return "", err
	}
	if date == "" {
		return name, nil
	}
	ov, err := r.overrides(id)
	if err != nil {
		return "", err
	}
	if ov.name != "" {
		return ov.name, nil
	}
	if m.kind == "kb" && m.kbName != "" {
		return m.kbName, nil
	}
	if m.kind == "name" {
		// its own name, in the form of the first visible document using it
		var n string
		switch err := r.row(`SELECT e.names FROM doc_entities e CROSS JOIN documents d ON d.id = e.doc_id
			WHERE e.actor_id = ? AND instr(e.names, ?) > 0 AND d.eff <= ? ORDER BY e.doc_id LIMIT 1`, id, nameNeedle(m.norm), date).Scan(&n); {
		case err == nil:
			if name, ok := nameOf(n, m.norm); ok {
				return name, nil
			}
		case err != sql.ErrNoRows:
			return "", err
		}
	}
	names, err := scanNameTotals(r.query(`SELECT e.names, e.doc_id FROM doc_entities e JOIN documents d ON d.id = e.doc_id
		WHERE e.actor_id = ? AND d.eff <= ?`, id, date))
	if err != nil {
		return "", err
	}
	if n := pickName(m, ov.name, names); n != "" {
		return n, nil
	}
	return name, nil
}

// Evidence lists the sentences behind an edge, oldest first.
func (s *Store) Evidence(ctx context.Context, id actorgraph.EdgeID, asOf actorgraph.AsOf) ([]actorgraph.EvidenceRow, error) {
	if err := checkDate("as-of date", asOf.Date); err != nil {
		return nil, err
	}
	out := []actorgraph.EvidenceRow{}
	err := s.read(ctx, "list evidence", func(r *rtx) error {
		if err := visibleEdge(r, id); err != nil {
			return err
		}
		where, args := `x.edge_id = ?`, []any{id}
		if asOf.Date != "" {
			where, args = where+` AND d.eff <= ?`, append(args, asOf.Date)
		}
		var err error
		out, err = queryAll(r, scanEvidence, `SELECT `+evidenceCols+`
			FROM relations x JOIN documents d ON d.id = x.doc_id WHERE `+where+`
			ORDER BY d.published = '', d.published, x.doc_id, x.ord`, args...)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ---------------------------------------------------------------------------
// Search

// ftsQuery turns what a person types into an FTS5 query: every word and
// every "quoted phrase" must occur (a bare OR between two of them makes
// either do), and a word ending in * matches as a prefix. Nothing a user
// types is FTS5 syntax, so no query is a syntax error.
func ftsQuery(q string) string {
	quote := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	hasWord := func(s string) bool {
		return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
	}
	var terms []string
	for {
		q = strings.TrimLeftFunc(q, unicode.IsSpace)
		if q == "" {
			break
		}
		if q[0] == '"' {
			phrase := q[1:]
			q = ""
			if i := strings.IndexByte(phrase, '"'); i >= 0 {
				phrase, q = phrase[:i], phrase[i+1:]
			}
			if hasWord(phrase) {
				terms = append(terms, quote(phrase))
			}
			continue
		}
		word := q
		q = ""
		if i := strings.IndexFunc(word, unicode.IsSpace); i >= 0 {
			word, q = word[:i], word[i:]
		}
		if word == "OR" {
			if len(terms) > 0 && terms[len(terms)-1] != "OR" {
				terms = append(terms, "OR")
			}
			continue
		}
		prefix := strings.HasSuffix(word, "*")
		word = strings.TrimRight(word, "*")
		if !hasWord(word) {
			continue
		}
		t := quote(word)
		if prefix {
			t += "*"
		}
		terms = append(terms, t)
	}
	if len(terms) > 0 && terms[len(terms)-1] == "OR" {
		terms = terms[:len(terms)-1]
	}
	return strings.Join(terms, " ")
}

// Search finds documents by full text, best match first.
func (s *Store) Search(ctx context.Context, query string, asOf actorgraph.AsOf, p actorgraph.Page) ([]actorgraph.SearchHit, int, error) {
	limit, offset, err := page(p)
	if err != nil {
		return nil, 0, err
	}
	if err := checkDate("as-of date", asOf.Date); err != nil {
		return nil, 0, err
	}
	fq := ftsQuery(query)
	if fq == "" {
		return nil, 0, invalid("search query %q has no words to look for", query)
	}
	out := []actorgraph.SearchHit{}
	var total int
	err = s.read(ctx, "search", func(r *rtx) error {
		// Rank from the index alone and only then read the page's titles
		// and snippets: a snippet re-reads and re-tokenises its document,
		// and a common word matches tens of thousands of them. Without a
		// date the documents table is not read for the count either (every
		// document is indexed as it is stored, and none is ever deleted).
		from, args := `documents_fts WHERE documents_fts MATCH ?`, []any{fq}
		if asOf.Date != "" {
			from = `documents_fts JOIN documents d ON d.id = documents_fts.rowid WHERE documents_fts MATCH ? AND d.eff <= ?`
			args = append(args, asOf.Date)
		}
		var err error
		if total, err = r.count(`SELECT COUNT(*) FROM `+from, args...); err != nil {
			return err
		}
		if offset >= total {
			return nil
		}
		rows, err := r.query(`SELECT documents_fts.rowid, bm25(documents_fts, 5.0, 1.0) AS score FROM `+from+`
			ORDER BY score, documents_fts.rowid LIMIT ? OFFSET ?`, append(args, limit, offset)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		at := map[int64]int{}
		for rows.Next() {
			var id int64
			var score float64
			if err := rows.Scan(&id, &score); err != nil {
				return err
			}
			at[id] = len(out)
			out = append(out, actorgraph.SearchHit{DocID: actorgraph.DocID(id), Score: -score})
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		if len(out) == 0 {
			return nil
		}
		in := make([]any, 0, len(out)+1)
		in = append(in, fq)
		for _, h := range out {
			in = append(in, int64(h.DocID))
		}
		prows, err := r.query(`SELECT d.id, d.title, d.published,
				snippet(documents_fts, -1, '`+HighlightStart+`', '`+HighlightEnd+`', '`+snippetEllipsis+`', 24)
			FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
			WHERE documents_fts MATCH ? AND documents_fts.rowid IN (?`+strings.Repeat(`, ?`, len(out)-1)+`)`, in...)
		if err != nil {
			return err
		}
		defer prows.Close()
		for prows.Next() {
			var id int64
			var title, published, snippet string
			if err := prows.Scan(&id, &title, &published, &snippet); err != nil {
				return err
			}
			if i, ok := at[id]; ok {
				out[i].Title, out[i].Published, out[i].Snippet = title, published, snippet
			}
		}
		return prows.Err()
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(conds, " AND ")
}
