package sqlite

import (
	"context"
	"database/sql"

	"github.com/actorgraph/actorgraph"
)

// Change detection (actorgraph.ChangeReader): one pass over the evidence
// rows with their documents' effective dates, splitting each visible
// edge's evidence at the date.

var _ actorgraph.ChangeReader = (*Store)(nil)

// EdgeChanges reports every visible edge's evidence before since and in
// total, in edge id order.
func (s *Store) EdgeChanges(ctx context.Context, since string) ([]actorgraph.EdgeChange, error) {
	if since == "" {
		return nil, invalid("changes: a since date is required")
	}
	if err := checkDate("since date", since); err != nil {
		return nil, err
	}
	out := []actorgraph.EdgeChange{}
	err := s.read(ctx, "read changes", func(r *rtx) error {
		rows, err := r.query(`WITH ev AS (
				SELECT x.edge_id AS id, x.doc_id AS doc, d.eff AS eff,
					CASE WHEN d.publisher != '' THEN 'p:' || d.publisher ELSE 'd:' || d.id END AS pub
				FROM relations x CROSS JOIN documents d ON d.id = x.doc_id WHERE x.edge_id IS NOT NULL),
			agg AS (SELECT id,
					SUM(eff < ?1) AS nb, COUNT(DISTINCT CASE WHEN eff < ?1 THEN doc END) AS db,
					COUNT(DISTINCT CASE WHEN eff < ?1 THEN pub END) AS pb,
					COUNT(DISTINCT pub) AS pn, MAX(eff) AS last,
					SUM(eff >= ?1) AS na, COUNT(DISTINCT CASE WHEN eff >= ?1 THEN doc END) AS dn
				FROM ev GROUP BY id)
			SELECT `+edgeCols+`, agg.nb, agg.db, agg.pb, agg.pn, agg.last, agg.na, agg.dn, sa.n_edges, da.n_edges
			FROM agg CROSS JOIN edges e ON e.id = agg.id JOIN actors sa ON sa.id = e.src JOIN actors da ON da.id = e.dst
			WHERE e.count > 0 ORDER BY e.id`, since)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c actorgraph.EdgeChange
			var na, nr, np int
			e := &c.Edge
			if err := rows.Scan(&e.ID, &e.Source, &e.SourceName, &e.Type, &e.Target, &e.TargetName, &e.Negated, &e.Count, &e.Documents,
				&e.FirstSeen, &e.LastSeen, &na, &nr, &np, &e.Contested,
				&c.CountBefore, &c.DocumentsBefore, &c.PublishersBefore, &c.Publishers, &c.LastEvidence, &c.CountAfter, &c.DocumentsAfter,
				&c.SourceDegree, &c.TargetDegree); err != nil {
				return err
			}
			e.Modalities = modalities(na, nr, np)
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	// contested before the date: both polarities had evidence before it
	type key struct {
		src, dst actorgraph.ActorID
		typ      actorgraph.RelationType
	}
	before := map[key][2]bool{}
	for _, c := range out {
		if c.CountBefore > 0 {
			k := key{c.Edge.Source, c.Edge.Target, c.Edge.Type}
			v := before[k]
			v[b2i(c.Edge.Negated)] = true
			before[k] = v
		}
	}
	for i := range out {
		e := out[i].Edge
		v := before[key{e.Source, e.Target, e.Type}]
		out[i].ContestedBefore = v[0] && v[1]
	}
	return out, nil
}

// ActorDebuts lists the visible actors whose first document is dated on or
// after since, with that date and document.
func (s *Store) ActorDebuts(ctx context.Context, since string) ([]actorgraph.ActorDebut, error) {
	if err := checkDate("since date", since); err != nil {
		return nil, err
	}
	out := []actorgraph.ActorDebut{}
	err := s.read(ctx, "read new actors", func(r *rtx) error {
		rows, err := r.query(`SELECT de.actor_id, MIN(d.eff) AS first, MIN(d.id)
			FROM doc_entities de CROSS JOIN documents d ON d.id = de.doc_id
			WHERE de.actor_id IS NOT NULL GROUP BY de.actor_id HAVING MIN(d.eff) >= ? ORDER BY de.actor_id`, since)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a actorgraph.ActorDebut
			if err := rows.Scan(&a.Actor, &a.FirstSeen, &a.FirstDoc); err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// LatestDate is the latest effective date of any document ("" when empty).
func (s *Store) LatestDate(ctx context.Context) (string, error) {
	var d sql.NullString
	err := s.read(ctx, "read latest date", func(r *rtx) error {
		return r.row(`SELECT MAX(eff) FROM documents`).Scan(&d)
	})
	return d.String, err
}
