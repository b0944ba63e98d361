package sqlite

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph"
)

// maxWalk is the most actors one Neighbors call takes on either side.
const maxWalk = 100000

// Neighbors lists, in one query, the relationships known on asOf that
// join an actor of from to any actor or, when to is not nil, to an actor
// of to: what a breadth-first search over the graph needs for one level
// (query.Engine.Paths). Only ID, Source, Target, Type, Negated and Count
// are set (Count as of now, for ranking); the full relationship is
// Store.Edge or Store.Edges.
func (s *Store) Neighbors(ctx context.Context, from, to []actorgraph.ActorID, asOf actorgraph.AsOf) ([]actorgraph.Edge, error) {
	if err := checkDate("as-of date", asOf.Date); err != nil {
		return nil, err
	}
	if len(from) > maxWalk || len(to) > maxWalk {
		return nil, invalid("neighbors: at most %d actors at a time", maxWalk)
	}
	out := []actorgraph.Edge{}
	if len(from) == 0 || (to != nil && len(to) == 0) {
		return out, nil
	}
	// both ends restricted: start from the smaller set
	if to != nil && len(to) < len(from) {
		from, to = to, from
	}
	q := `WITH f(id) AS (SELECT value FROM json_each(?1))
		SELECT e.id, e.src, e.dst, e.type, e.negated, e.count FROM f
			CROSS JOIN edges e INDEXED BY edges_key ON e.src = f.id AND e.count > 0 WHERE %[1]s
		UNION ALL
		SELECT e.id, e.src, e.dst, e.type, e.negated, e.count FROM f
			CROSS JOIN edges e INDEXED BY edges_dst ON e.dst = f.id AND e.count > 0 WHERE %[2]s`
	src, dst := "1", "1"
	args := []any{idList(from)}
	if to != nil {
		// the second branch leaves out what the first took
		src = `e.dst IN (SELECT value FROM json_each(?2))`
		dst = `e.src IN (SELECT value FROM json_each(?2))
			AND NOT (e.src IN (SELECT value FROM json_each(?1)) AND e.dst IN (SELECT value FROM json_each(?2)))`
		args = append(args, idList(to))
	} else {
		dst = `e.src NOT IN (SELECT value FROM json_each(?1))`
	}
	if asOf.Date != "" {
		known := ` AND EXISTS (SELECT 1 FROM relations x CROSS JOIN documents d ON d.id = x.doc_id
			WHERE x.edge_id = e.id AND d.eff <= ?3)`
		src, dst = src+known, dst+known
		if to == nil {
			args = append(args, nil)
		}
		args = append(args, asOf.Date)
	}
	q = strings.NewReplacer("%[1]s", src, "%[2]s", dst).Replace(q)
	err := s.read(ctx, "walk the graph", func(r *rtx) error {
		rows, err := r.query(q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e actorgraph.Edge
			if err := rows.Scan(&e.ID, &e.Source, &e.Target, &e.Type, &e.Negated, &e.Count); err != nil {
				return err
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// idList is ids as a JSON array, for json_each.
func idList(ids []actorgraph.ActorID) string {
	b := make([]byte, 0, 8*len(ids)+2)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(id), 10)
	}
	return string(append(b, ']'))
}

// EvidenceByDocument counts the evidence rows of the given relationships
// known on asOf per document, and returns the n documents with the most
// (ties: the lower document id first), each as its first evidence row (the
// sentence of that row, the document's title, URL and date) with its
// count: the top sources of an actor's profile without reading every
// evidence row.
func (s *Store) EvidenceByDocument(ctx context.Context, edges []actorgraph.EdgeID, asOf actorgraph.AsOf, n int) ([]actorgraph.EvidenceRow, []int, error) {
	if err := checkDate("as-of date", asOf.Date); err != nil {
		return nil, nil, err
	}
	if n <= 0 || n > MaxLimit {
		return nil, nil, invalid("evidence by document: want between 1 and %d documents, not %d", MaxLimit, n)
	}
	if len(edges) > maxWalk {
		return nil, nil, invalid("evidence by document: at most %d relationships at a time", maxWalk)
	}
	ids := make([]actorgraph.ActorID, len(edges))
	for i, e := range edges {
		ids[i] = actorgraph.ActorID(e)
	}
	// the documents of every evidence row, from the covering index, are
	// counted here: faster than SQLite's GROUP BY over a hub's tens of
	// thousands of rows
	q := `SELECT x.doc_id FROM json_each(?1) AS f CROSS JOIN relations x INDEXED BY relations_edge ON x.edge_id = f.value`
	args := []any{idList(ids)}
	if asOf.Date != "" {
		q += ` CROSS JOIN documents d ON d.id = x.doc_id WHERE d.eff <= ?2`
		args = append(args, asOf.Date)
	}
	var rows []actorgraph.EvidenceRow
	var counts []int
	err := s.read(ctx, "count evidence by document", func(r *rtx) error {
		rs, err := r.query(q, args...)
		if err != nil {
			return err
		}
		per := map[actorgraph.DocID]int{}
		for rs.Next() {
			var d actorgraph.DocID
			if err := rs.Scan(&d); err != nil {
				rs.Close()
				return err
			}
			per[d]++
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return err
		}
		docs := mostFirst(per)
		if len(docs) > n {
			docs = docs[:n]
		}
		for _, d := range docs {
			var e actorgraph.EvidenceRow
			if err := r.row(`SELECT x.edge_id, x.doc_id, d.title, d.url, d.publisher, d.published, x.sentence,
					x.span_start, x.span_end, x.modality, x.negated, x.trigger
				FROM relations x INDEXED BY relations_doc CROSS JOIN documents d ON d.id = x.doc_id
				WHERE x.doc_id = ?1 AND x.edge_id IN (SELECT value FROM json_each(?2)) ORDER BY x.ord LIMIT 1`,
				d, args[0]).Scan(&e.EdgeID, &e.DocID, &e.DocTitle, &e.DocURL, &e.Publisher, &e.Published, &e.Sentence,
				&e.Span.Start, &e.Span.End, &e.Modality, &e.Negated, &e.Trigger); err != nil {
				return err
			}
			rows, counts = append(rows, e), append(counts, per[d])
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return rows, counts, nil
}

// everyEdgeOfActor reads all of an actor's visible edges, best attested
// first, as edgesOfActor would: the edges from the two index streams,
// then every other end's name in one query, and "contested" from the
// list itself (both of an edge's twins touch the actor). Reading a hub's
// ten thousand edges this way costs a fraction of joining every row.
func (r *rtx) everyEdgeOfActor(id actorgraph.ActorID, total int) ([]actorgraph.Edge, int, error) {
	rows, err := r.query(actorEdgeRows, id)
	if err != nil {
		return nil, 0, err
	}
	out := make([]actorgraph.Edge, 0, total)
	type twinKey struct {
		src, dst actorgraph.ActorID
		typ      actorgraph.RelationType
		neg      bool
	}
	have := make(map[twinKey]bool, total)
	others := map[actorgraph.ActorID]bool{id: true}
	for rows.Next() {
		var e actorgraph.Edge
		var na, nr, np int
		if err := rows.Scan(&e.ID, &e.Source, &e.Type, &e.Target, &e.Negated, &e.Count, &e.Documents,
			&e.FirstSeen, &e.LastSeen, &na, &nr, &np); err != nil {
			rows.Close()
			return nil, 0, err
		}
		e.Modalities = modalities(na, nr, np)
		out = append(out, e)
		have[twinKey{e.Source, e.Target, e.Type, e.Negated}] = true
		others[e.Source], others[e.Target] = true, true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	ids := make([]actorgraph.ActorID, 0, len(others))
	for a := range others {
		ids = append(ids, a)
	}
	names := make(map[actorgraph.ActorID]string, len(ids))
	rows, err = r.query(`SELECT a.id, a.name FROM json_each(?) AS f CROSS JOIN actors a ON a.id = f.value`, idList(ids))
	if err != nil {
		return nil, 0, err
	}
	for rows.Next() {
		var a actorgraph.ActorID
		var n string
		if err := rows.Scan(&a, &n); err != nil {
			rows.Close()
			return nil, 0, err
		}
		names[a] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	for i := range out {
		e := &out[i]
		e.SourceName, e.TargetName = names[e.Source], names[e.Target]
		e.Contested = have[twinKey{e.Source, e.Target, e.Type, !e.Negated}]
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].ID < out[j].ID
	})
	return out, len(out), nil
}
