package web

import (
	"context"
	"net/http"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/query"
)

func (s *Server) readRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/actors", api: s.actors},
		{method: "GET", pattern: "/api/resolve", api: s.resolve},
		{method: "GET", pattern: "/api/actors/{id}", api: s.actor},
		{method: "GET", pattern: "/api/actors/{id}/graph", api: s.graph},
		{method: "GET", pattern: "/api/actors/{id}/timeline", api: s.timeline},
		{method: "GET", pattern: "/api/relations", api: s.relations},
		{method: "GET", pattern: "/api/edges/{id}", api: s.edge},
		{method: "GET", pattern: "/api/edges/{id}/evidence", api: s.evidence},
		{method: "GET", pattern: "/api/path", api: s.path},
		{method: "GET", pattern: "/api/documents", api: s.documents},
		{method: "GET", pattern: "/api/documents/{id}", api: s.document},
		{method: "GET", pattern: "/api/search", api: s.search},
		{method: "GET", pattern: "/api/export", raw: s.export},
	}
}

// list is the JSON of every paged list.
type list[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

func newList[T any](items []T, total int, p actorgraph.Page) list[T] {
	if items == nil {
		items = []T{}
	}
	return list[T]{Items: items, Total: total, Limit: p.Limit, Offset: p.Offset}
}

func (s *Server) actors(r *http.Request) (any, error) {
	p := newParams(r.URL)
	f := actorgraph.ActorFilter{Type: p.entityType("type"), Search: p.str("q"), AsOf: p.asOf(), Page: p.page()}
	if p.err != nil {
		return nil, p.err
	}
	as, total, err := s.cfg.Store.Actors(r.Context(), f)
	if err != nil {
		return nil, err
	}
	return newList(as, total, f.Page), nil
}

func (s *Server) resolve(r *http.Request) (any, error) {
	p := newParams(r.URL)
	name := p.str("name")
	p.asOf()
	if p.err != nil {
		return nil, p.err
	}
	if name == "" {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "name is required")
	}
	a, err := s.resolveName(r.Context(), name)
	if err != nil {
		return nil, err
	}
	return a, nil
}

// resolveName finds the one actor a name denotes; an unknown or
// ambiguous name comes back with the actors it could have meant.
func (s *Server) resolveName(ctx context.Context, name string) (actorgraph.Actor, error) {
	a, err := s.q.Resolve(ctx, name)
	switch actorgraph.ErrorCode(err) {
	case "":
		return a, nil
	case actorgraph.ENotFound:
		return a, &candidatesError{err, s.q.Closest(ctx, name, 5)}
	case actorgraph.EConflict:
		cands, _ := s.cfg.Store.Resolve(ctx, name)
		if len(cands) == 0 && s.cfg.Known != nil {
			for _, k := range s.cfg.Known(name) {
				found, _ := s.cfg.Store.Resolve(ctx, k)
				cands = append(cands, found...)
			}
		}
		sort.SliceStable(cands, func(i, j int) bool { return cands[i].Evidence > cands[j].Evidence })
		if len(cands) > maxCandidates {
			cands = cands[:maxCandidates]
		}
		return a, &candidatesError{err, cands}
	}
	return a, err
}

// maxCandidates is the most actors an ambiguous name's answer lists, the
// best evidenced first.
const maxCandidates = 10

// actorArg reads an actor given by id (digits) or by name.
func (s *Server) actorArg(ctx context.Context, arg string) (actorgraph.Actor, error) {
	if arg != "" && strings.Trim(arg, "0123456789") == "" {
		id, err := parseID("actor", arg)
		if err != nil {
			return actorgraph.Actor{}, err
		}
		return s.cfg.Store.Actor(ctx, actorgraph.ActorID(id))
	}
	return s.resolveName(ctx, arg)
}

func pathActor(r *http.Request) (actorgraph.ActorID, error) {
	id, err := parseID("actor", r.PathValue("id"))
	return actorgraph.ActorID(id), err
}

func (s *Server) actor(r *http.Request) (any, error) {
	p := newParams(r.URL)
	asOf := p.asOf()
	if p.err != nil {
		return nil, p.err
	}
	id, err := pathActor(r)
	if err != nil {
		return nil, err
	}
	prof, err := s.profile(r.Context(), id, asOf)
	if err != nil {
		return nil, err
	}
	return s.assessProfile(r.Context(), prof)
}

func (s *Server) timeline(r *http.Request) (any, error) {
	p := newParams(r.URL)
	asOf := p.asOf()
	pg := actorgraph.Page{Limit: p.intIn("limit", maxLimit, 1, maxLimit), Offset: p.intIn("offset", 0, 0, 1<<30)}
	if p.err != nil {
		return nil, p.err
	}
	id, err := pathActor(r)
	if err != nil {
		return nil, err
	}
	evs, truncated, err := s.timelineEvents(r.Context(), id, asOf)
	if err != nil {
		return nil, err
	}
	total := len(evs)
	evs = window(evs, pg)
	return s.assessTimeline(r.Context(), timelineAnswer{newList(evs, total, pg), truncated})
}

// window cuts a page out of a slice.
func window[T any](xs []T, p actorgraph.Page) []T {
	if p.Offset >= len(xs) {
		return nil
	}
	xs = xs[p.Offset:]
	if len(xs) > p.Limit {
		xs = xs[:p.Limit]
	}
	return xs
}

func (s *Server) relations(r *http.Request) (any, error) {
	p := newParams(r.URL)
	f := actorgraph.EdgeFilter{
		Since: p.date("since"), Until: p.date("until"), AsOf: p.asOf(),
		Negated: p.boolean("negated"), Page: p.page(),
	}
	af := p.assessmentFilter()
	if c := p.boolean("contested"); c != nil {
		f.Contested = *c
	}
	if ts := p.relationTypes("type"); len(ts) > 1 {
		p.fail("type: give one relation type")
	} else if len(ts) == 1 {
		f.Type = ts[0]
	}
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
	return s.assessedRelations(r.Context(), f, af)
}

func pathEdge(r *http.Request) (actorgraph.EdgeID, error) {
	id, err := parseID("relationship", r.PathValue("id"))
	return actorgraph.EdgeID(id), err
}

func (s *Server) edge(r *http.Request) (any, error) {
	p := newParams(r.URL)
	asOf := p.asOf()
	if p.err != nil {
		return nil, p.err
	}
	id, err := pathEdge(r)
	if err != nil {
		return nil, err
	}
	e, err := s.cfg.Store.Edge(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if asOf.Date != "" && e.FirstSeen != "" && e.FirstSeen > asOf.Date {
		// all of its dated evidence is later (its counts are today's)
		rows, _, err := s.evidencePage(r.Context(), id, asOf, actorgraph.Page{Limit: 1})
		if err != nil {
			return nil, err
		}
		if len(rows) == 0 {
			return nil, actorgraph.Errorf(actorgraph.ENotFound, "relationship %d was not known on %s", id, asOf.Date)
		}
	}
	return e, nil
}

type evidenceAnswer struct {
	Edge actorgraph.Edge `json:"edge"`
	list[actorgraph.EvidenceRow]
}

func (s *Server) evidence(r *http.Request) (any, error) {
	p := newParams(r.URL)
	asOf := p.asOf()
	pg := actorgraph.Page{Limit: p.intIn("limit", maxLimit, 1, maxLimit), Offset: p.intIn("offset", 0, 0, 1<<30)}
	if p.err != nil {
		return nil, p.err
	}
	id, err := pathEdge(r)
	if err != nil {
		return nil, err
	}
	e, err := s.cfg.Store.Edge(r.Context(), id)
	if err != nil {
		return nil, err
	}
	rows, total, err := s.evidencePage(r.Context(), id, asOf, pg)
	if err != nil {
		return nil, err
	}
	return evidenceAnswer{e, newList(rows, total, pg)}, nil
}

func (s *Server) path(r *http.Request) (any, error) {
	p := newParams(r.URL)
	from, to := p.str("from"), p.str("to")
	hops := p.intIn("max_hops", 3, 1, 4)
	limit := p.intIn("limit", 5, 1, 20)
	asOf := p.asOf()
	if p.err != nil {
		return nil, p.err
	}
	if from == "" || to == "" {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "from and to are required (actor names or ids)")
	}
	a, err := s.actorArg(r.Context(), from)
	if err != nil {
		return nil, err
	}
	b, err := s.actorArg(r.Context(), to)
	if err != nil {
		return nil, err
	}
	paths, truncated, err := s.paths(r.Context(), a.ID, b.ID, hops, limit, asOf)
	if err != nil {
		return nil, err
	}
	if paths == nil {
		paths = []query.Path{}
	}
	return pathsAnswer{a, b, paths, truncated}, nil
}

func (s *Server) search(r *http.Request) (any, error) {
	p := newParams(r.URL)
	q := p.str("q")
	asOf, pg := p.asOf(), p.page()
	if p.err != nil {
		return nil, p.err
	}
	if q == "" {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "q is required: the words to search for")
	}
	if len(q) > 1000 {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "q is too long (at most 1000 bytes)")
	}
	hits, total, err := s.cfg.Store.Search(r.Context(), q, asOf, pg)
	if err != nil {
		return nil, err
	}
	return searchAnswer{newList(hits, total, pg), highlight}, nil
}

// highlight is how search snippets mark the matched words.
var highlight = struct {
	Start string `json:"start"`
	End   string `json:"end"`
}{"**", "**"}

type searchAnswer struct {
	list[actorgraph.SearchHit]
	Highlight any `json:"highlight"`
}
