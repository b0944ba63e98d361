package sqlite

import (
	"context"
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
			CROSS JOIN edges e INDEXED BY edges_src ON e.src = f.id AND e.count > 0 WHERE %[1]s
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
	q := `WITH c AS (SELECT x.doc_id, count(*) AS n, min(x.id) AS first FROM json_each(?1) AS f
			CROSS JOIN relations x INDEXED BY relations_edge ON x.edge_id = f.value
			GROUP BY x.doc_id ORDER BY n DESC, x.doc_id LIMIT ?2)
		SELECT c.n, x.edge_id, x.doc_id, d.title, d.url, d.publisher, d.published, x.sentence,
			x.span_start, x.span_end, x.modality, x.negated, x.trigger
		FROM c CROSS JOIN relations x ON x.id = c.first CROSS JOIN documents d ON d.id = c.doc_id
		ORDER BY c.n DESC, c.doc_id`
	args := []any{idList(ids), n}
	if asOf.Date != "" {
		q = `WITH c AS (SELECT x.doc_id, count(*) AS n, min(x.id) AS first FROM json_each(?1) AS f
			CROSS JOIN relations x INDEXED BY relations_edge ON x.edge_id = f.value
			CROSS JOIN documents dd ON dd.id = x.doc_id WHERE dd.eff <= ?3
			GROUP BY x.doc_id ORDER BY n DESC, x.doc_id LIMIT ?2)
		SELECT c.n, x.edge_id, x.doc_id, d.title, d.url, d.publisher, d.published, x.sentence,
			x.span_start, x.span_end, x.modality, x.negated, x.trigger
		FROM c CROSS JOIN relations x ON x.id = c.first CROSS JOIN documents d ON d.id = c.doc_id
		ORDER BY c.n DESC, c.doc_id`
		args = append(args, asOf.Date)
	}
	var rows []actorgraph.EvidenceRow
	var counts []int
	err := s.read(ctx, "count evidence by document", func(r *rtx) error {
		rs, err := r.query(q, args...)
		if err != nil {
			return err
		}
		defer rs.Close()
		for rs.Next() {
			var e actorgraph.EvidenceRow
			var c int
			if err := rs.Scan(&c, &e.EdgeID, &e.DocID, &e.DocTitle, &e.DocURL, &e.Publisher, &e.Published, &e.Sentence,
				&e.Span.Start, &e.Span.End, &e.Modality, &e.Negated, &e.Trigger); err != nil {
				return err
			}
			rows, counts = append(rows, e), append(counts, c)
		}
		return rs.Err()
	})
	if err != nil {
		return nil, nil, err
	}
	return rows, counts, nil
}
