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
