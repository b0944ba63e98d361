package web

import (
	"context"

	"github.com/actorgraph/actorgraph"
)

// evidencePager is a store that reads one page of a relationship's
// evidence without reading the rest (store/sqlite does): a hub
// relationship has thousands of sentences and a page shows a few.
type evidencePager interface {
	EvidencePage(ctx context.Context, id actorgraph.EdgeID, asOf actorgraph.AsOf, p actorgraph.Page) ([]actorgraph.EvidenceRow, int, error)
}

// evidencePage is one page of a relationship's evidence, in the order of
// Store.Evidence, and how many rows there are in all.
func (s *Server) evidencePage(ctx context.Context, id actorgraph.EdgeID, asOf actorgraph.AsOf, pg actorgraph.Page) ([]actorgraph.EvidenceRow, int, error) {
	if ep, ok := s.cfg.Store.(evidencePager); ok {
		return ep.EvidencePage(ctx, id, asOf, pg)
	}
	rows, err := s.cfg.Store.Evidence(ctx, id, asOf)
	if err != nil {
		return nil, 0, err
	}
	return window(rows, pg), len(rows), nil
}
