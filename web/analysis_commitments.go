package web

import (
	"net/http"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/brief"
	"github.com/actorgraph/actorgraph/query"
)

// analysisRoutes answer a document's brief (key takeaways, judgments,
// commitments) and the commitments across the store, checked against
// the evidence of conduct.
func (s *Server) analysisRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/documents/{id}/brief", api: s.documentBrief},
		{method: "GET", pattern: "/api/commitments", api: s.commitments},
	}
}

func (s *Server) documentBrief(r *http.Request) (any, error) {
	p := newParams(r.URL)
	asOf := p.asOf()
	if p.err != nil {
		return nil, p.err
	}
	n, err := parseID("document", r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	id := actorgraph.DocID(n)
	d, x, err := s.cfg.Store.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	if asOf.Date != "" && !knownOn(d, asOf.Date) {
		return nil, actorgraph.Errorf(actorgraph.ENotFound, "document %d was not known on %s", n, asOf.Date)
	}
	js, err := s.q.Judgments(ctx, id)
	if err != nil {
		return nil, err
	}
	cs, _, err := s.q.Commitments(ctx, actorgraph.CommitmentFilter{Doc: id, Page: actorgraph.Page{Limit: 10000}})
	if err != nil {
		return nil, err
	}
	return brief.OfStored(d, x, js, cs), nil
}

func (s *Server) commitments(r *http.Request) (any, error) {
	p := newParams(r.URL)
	f := actorgraph.CommitmentFilter{AsOf: p.asOf()}
	page := p.page()
	broken := p.boolean("broken")
	actor := p.str("actor")
	if p.err != nil {
		return nil, p.err
	}
	if actor != "" {
		a, err := s.actorArg(r.Context(), actor)
		if err != nil {
			return nil, err
		}
		f.Actor = a.ID
	}
	f.Page = page
	items, total, err := s.q.CheckedPage(r.Context(), f, broken != nil && *broken)
	if err != nil {
		return nil, err
	}
	return newList[query.CommitmentStatus](items, total, page), nil
}
