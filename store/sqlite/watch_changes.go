package sqlite

import (
	"context"
	"database/sql"
	"strconv"

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
		// the visible edges with their ends' degrees, in id order
		rows, err := r.query(`SELECT ` + edgeCols + `, sa.n_edges, da.n_edges
			FROM edges e JOIN actors sa ON sa.id = e.src JOIN actors da ON da.id = e.dst
			WHERE e.count > 0 ORDER BY e.id`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var c actorgraph.EdgeChange
			var na, nr, np int
			e := &c.Edge
			if err := rows.Scan(&e.ID, &e.Source, &e.SourceName, &e.Type, &e.Target, &e.TargetName, &e.Negated, &e.Count, &e.Documents,
				&e.FirstSeen, &e.LastSeen, &na, &nr, &np, &e.Contested, &c.SourceDegree, &c.TargetDegree); err != nil {
				rows.Close()
				return err
			}
			e.Modalities = modalities(na, nr, np)
			out = append(out, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// each document's date and publisher, once: eff comes from its
		// covering index, publisher from a column stored before the text,
		// so neither read walks a document's text
		type docInfo struct{ eff, key string }
		docs := map[int64]*docInfo{}
		rows, err = r.query(`SELECT id, eff FROM documents INDEXED BY documents_eff`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var eff string
			if err := rows.Scan(&id, &eff); err != nil {
				rows.Close()
				return err
			}
			docs[id] = &docInfo{eff: eff, key: "d:" + strconv.FormatInt(id, 10)}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = r.query(`SELECT id, publisher FROM documents WHERE publisher != ''`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var pub string
			if err := rows.Scan(&id, &pub); err != nil {
				rows.Close()
				return err
			}
			if d := docs[id]; d != nil {
				d.key = "p:" + pub
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// one pass over the evidence in edge order (a covering index),
		// split at the date
		rows, err = r.query(`SELECT edge_id, doc_id FROM relations INDEXED BY relations_edge
			WHERE edge_id IS NOT NULL ORDER BY edge_id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		k := 0 // index in out
		var cur *actorgraph.EdgeChange
		var curID actorgraph.EdgeID = -1
		docsBefore, docsAfter := map[int64]bool{}, map[int64]bool{}
		pubsBefore, pubs := map[string]bool{}, map[string]bool{}
		flush := func() {
			if cur != nil {
				cur.DocumentsBefore, cur.DocumentsAfter = len(docsBefore), len(docsAfter)
				cur.PublishersBefore, cur.Publishers = len(pubsBefore), len(pubs)
			}
			clear(docsBefore)
			clear(docsAfter)
			clear(pubsBefore)
			clear(pubs)
		}
		for rows.Next() {
			var id actorgraph.EdgeID
			var doc int64
			if err := rows.Scan(&id, &doc); err != nil {
				return err
			}
			info := docs[doc]
			if info == nil {
				continue
			}
			eff, key := info.eff, info.key
			if id != curID {
				flush()
				curID, cur = id, nil
				for k < len(out) && out[k].Edge.ID < id {
					k++
				}
				if k < len(out) && out[k].Edge.ID == id {
					cur = &out[k]
				}
			}
			if cur == nil {
				continue // an invisible edge
			}
			pubs[key] = true
			if eff > cur.LastEvidence {
				cur.LastEvidence = eff
			}
			if eff < since {
				cur.CountBefore++
				docsBefore[doc] = true
				pubsBefore[key] = true
			} else {
				cur.CountAfter++
				docsAfter[doc] = true
			}
		}
		flush()
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

// ActorDebuts lists the actors whose first document is dated on or after
// since, with that date and the first document of that date, in actor id
// order (callers drop actors no longer visible).
func (s *Store) ActorDebuts(ctx context.Context, since string) ([]actorgraph.ActorDebut, error) {
	if err := checkDate("since date", since); err != nil {
		return nil, err
	}
	out := []actorgraph.ActorDebut{}
	err := s.read(ctx, "read new actors", func(r *rtx) error {
		eff := map[int64]string{}
		rows, err := r.query(`SELECT id, eff FROM documents INDEXED BY documents_eff`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var d string
			if err := rows.Scan(&id, &d); err != nil {
				rows.Close()
				return err
			}
			eff[id] = d
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// every (actor, document) from a covering index, in actor order
		rows, err = r.query(`SELECT actor_id, doc_id FROM doc_entities INDEXED BY doc_entities_actor
			WHERE actor_id IS NOT NULL ORDER BY actor_id, doc_id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		var cur actorgraph.ActorDebut
		emit := func() {
			if cur.Actor != 0 && cur.FirstSeen >= since {
				out = append(out, cur)
			}
		}
		for rows.Next() {
			var a actorgraph.ActorID
			var doc int64
			if err := rows.Scan(&a, &doc); err != nil {
				return err
			}
			d, ok := eff[doc]
			if !ok {
				continue
			}
			if a != cur.Actor {
				emit()
				cur = actorgraph.ActorDebut{Actor: a, FirstSeen: d, FirstDoc: actorgraph.DocID(doc)}
				continue
			}
			if d < cur.FirstSeen {
				cur.FirstSeen, cur.FirstDoc = d, actorgraph.DocID(doc)
			}
		}
		emit()
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
