package sqlite

import (
	"context"

	"github.com/actorgraph/actorgraph"
)

// DocumentLinks says, for a stored document, which actor each entity of
// its extraction is now part of and which relationship each of its
// relations counts towards (0: none), in the order Document lists them.
// The store keeps both as merges and splits happen, so a document's view
// needs no name lookups.
func (s *Store) DocumentLinks(ctx context.Context, id actorgraph.DocID) ([]actorgraph.ActorID, []actorgraph.EdgeID, error) {
	var actors []actorgraph.ActorID
	var edges []actorgraph.EdgeID
	err := s.read(ctx, "read document links", func(r *rtx) error {
		if n, err := r.count(`SELECT COUNT(*) FROM documents WHERE id = ?`, id); err != nil || n == 0 {
			if err == nil {
				err = notFound("document %d not found", id)
			}
			return err
		}
		as, err := r.ids(`SELECT COALESCE(a.id, 0) FROM doc_entities e LEFT JOIN actors a ON a.id = e.actor_id AND a.entities > 0
			WHERE e.doc_id = ? ORDER BY e.ord`, id)
		if err != nil {
			return err
		}
		es, err := r.ids(`SELECT COALESCE(g.id, 0) FROM relations x LEFT JOIN edges g ON g.id = x.edge_id AND g.count > 0
			WHERE x.doc_id = ? ORDER BY x.ord`, id)
		if err != nil {
			return err
		}
		actors, edges = make([]actorgraph.ActorID, len(as)), make([]actorgraph.EdgeID, len(es))
		for i, a := range as {
			actors[i] = actorgraph.ActorID(a)
		}
		for i, e := range es {
			edges[i] = actorgraph.EdgeID(e)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return actors, edges, nil
}

// ActorSummaries reads the actors ids in one query, in that order, with
// what a list or a graph's node shows: id, name, type, knowledge-base id,
// mentions, documents and evidence (Actor adds the aliases and the
// actors sharing a name). An id that is not a visible actor is left zero.
func (s *Store) ActorSummaries(ctx context.Context, ids []actorgraph.ActorID) ([]actorgraph.Actor, error) {
	out := make([]actorgraph.Actor, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	at := make(map[actorgraph.ActorID][]int, len(ids))
	for i, id := range ids {
		at[id] = append(at[id], i)
	}
	err := s.read(ctx, "read actors", func(r *rtx) error {
		const chunk = 500
		for start := 0; start < len(ids); start += chunk {
			in, args := inList(ids[start:min(len(ids), start+chunk)])
			rows, err := r.query(`SELECT id, kind, kb_id, name, type, mentions, documents, evidence FROM actors
				WHERE entities > 0 AND id IN `+in, args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var a actorgraph.Actor
				var kind, kbID string
				if err := rows.Scan(&a.ID, &kind, &kbID, &a.Name, &a.Type, &a.Mentions, &a.Documents, &a.Evidence); err != nil {
					rows.Close()
					return err
				}
				if kind == "kb" {
					a.KBID = kbID
				}
				for _, i := range at[a.ID] {
					out[i] = a
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
