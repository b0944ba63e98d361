package web

import (
	"context"
	"net/http"
	"slices"
	"sort"

	"github.com/actorgraph/actorgraph"
)

// node is an actor of a neighbourhood graph.
type node struct {
	ID        actorgraph.ActorID    `json:"id"`
	Name      string                `json:"name"`
	Type      actorgraph.EntityType `json:"type"`
	Evidence  int                   `json:"evidence"`
	Documents int                   `json:"documents"`
	Hops      int                   `json:"hops"` // distance from the centre
}

type graphAnswer struct {
	Center    actorgraph.ActorID `json:"center"`
	Nodes     []node             `json:"nodes"`
	Edges     []actorgraph.Edge  `json:"edges"`
	Truncated bool               `json:"truncated"` // more actors were in reach than limit allowed
}

// graphQuery is a parsed neighbourhood request.
type graphQuery struct {
	center     actorgraph.ActorID
	hops       int
	types      []actorgraph.RelationType
	modalities []actorgraph.Modality
	since      string
	until      string
	asOf       actorgraph.AsOf
	limit      int // most nodes
}

// Bounds of a neighbourhood: the relationships read for the centre and
// for each actor of the first ring expanded at two hops (their strongest,
// as the store lists them by evidence count), how many first-ring actors
// are expanded, and how many relationships the answer holds per node.
const (
	edgesPerActor = 200
	edgesPerRing  = 50
	ringExpand    = 12
	edgesPerNode  = 4
)

func (s *Server) graph(r *http.Request) (any, error) {
	p := newParams(r.URL)
	g := graphQuery{
		hops: p.intIn("hops", 1, 1, 2), types: p.relationTypes("type"), modalities: p.modalities("modality"),
		since: p.date("since"), until: p.date("until"), asOf: p.asOf(), limit: p.intIn("limit", 100, 1, maxLimit),
	}
	if p.err != nil {
		return nil, p.err
	}
	id, err := pathActor(r)
	if err != nil {
		return nil, err
	}
	g.center = id
	ans, err := s.neighbourhood(r.Context(), g)
	if err != nil {
		return nil, err
	}
	return s.assessGraph(r.Context(), ans)
}

func (g *graphQuery) keep(e actorgraph.Edge) bool {
	if len(g.types) > 0 && !slices.Contains(g.types, e.Type) {
		return false
	}
	if len(g.modalities) > 0 {
		for _, m := range e.Modalities {
			if slices.Contains(g.modalities, m) {
				return true
			}
		}
		return false
	}
	return true
}

func (s *Server) edgesOf(ctx context.Context, g *graphQuery, id actorgraph.ActorID, n int) ([]actorgraph.Edge, error) {
	f := actorgraph.EdgeFilter{Actor: id, Since: g.since, Until: g.until, AsOf: g.asOf, Page: actorgraph.Page{Limit: n}}
	es, _, err := s.cfg.Store.Edges(ctx, f)
	if err != nil {
		return nil, err
	}
	out := es[:0]
	for _, e := range es {
		if g.keep(e) {
			out = append(out, e)
		}
	}
	return out, nil
}

// neighbourhood gathers the actors within g.hops relationships of the
// centre (the strongest first, at most g.limit) and the relationships
// among them that the strongest partners' lists hold.
func (s *Server) neighbourhood(ctx context.Context, g graphQuery) (graphAnswer, error) {
	centre, err := s.cfg.Store.Actor(ctx, g.center)
	if err != nil {
		return graphAnswer{}, err
	}
	ans := graphAnswer{Center: g.center}
	dist := map[actorgraph.ActorID]int{g.center: 0}
	weight := map[actorgraph.ActorID]int{}
	edges := map[actorgraph.EdgeID]actorgraph.Edge{}
	frontier := []actorgraph.ActorID{g.center}
	// at one hop, one more ring is read for the relationships among the
	// strongest partners, adding no actors
	rings := g.hops
	if g.hops == 1 {
		rings = 2
	}
	for d := 1; d <= rings && len(frontier) > 0; d++ {
		among := d > g.hops
		var next []actorgraph.ActorID
		lists := make([][]actorgraph.Edge, len(frontier))
		errs := make([]error, len(frontier))
		parallel(len(frontier), func(i int) {
			n := edgesPerActor
			if frontier[i] != g.center {
				n = edgesPerRing
			}
			lists[i], errs[i] = s.edgesOf(ctx, &g, frontier[i], n)
		})
		for i, u := range frontier {
			if errs[i] != nil {
				return graphAnswer{}, errs[i]
			}
			for _, e := range lists[i] {
				if among {
					_, a := dist[e.Source]
					_, b := dist[e.Target]
					if a && b {
						edges[e.ID] = e
					}
					continue
				}
				edges[e.ID] = e
				for _, v := range []actorgraph.ActorID{e.Source, e.Target} {
					if _, seen := dist[v]; !seen {
						dist[v] = d
						next = append(next, v)
					}
					if v != u {
						weight[v] += e.Count
					}
				}
			}
		}
		// expand only the strongest actors of this ring
		sort.SliceStable(next, func(i, j int) bool { return weight[next[i]] > weight[next[j]] })
		frontier = next
		if n := ringExpand; len(frontier) > n || (d == g.hops && g.hops == 1 && len(frontier) > n/2) {
			if d == g.hops && g.hops == 1 {
				n /= 2 // only for the relationships among them
			}
			frontier = frontier[:min(n, len(frontier))]
		}
	}
	// keep the centre and the strongest actors, nearer rings first
	ids := make([]actorgraph.ActorID, 0, len(dist))
	for id := range dist {
		if id != g.center {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := ids[i], ids[j]
		if dist[a] != dist[b] {
			return dist[a] < dist[b]
		}
		if weight[a] != weight[b] {
			return weight[a] > weight[b]
		}
		return a < b
	})
	if len(ids) > g.limit-1 {
		ids = ids[:max(0, g.limit-1)]
		ans.Truncated = true
	}
	keep := map[actorgraph.ActorID]bool{g.center: true}
	ans.Nodes = append(ans.Nodes, node{centre.ID, centre.Name, centre.Type, centre.Evidence, centre.Documents, 0})
	actors, err := s.actorsByID(ctx, ids)
	if err != nil {
		return graphAnswer{}, err
	}
	for _, a := range actors {
		if a.ID == 0 {
			continue // gone since its edge was read
		}
		keep[a.ID] = true
		ans.Nodes = append(ans.Nodes, node{a.ID, a.Name, a.Type, a.Evidence, a.Documents, dist[a.ID]})
	}
	ans.Edges = []actorgraph.Edge{}
	for _, e := range edges {
		if keep[e.Source] && keep[e.Target] {
			ans.Edges = append(ans.Edges, e)
		}
	}
	sort.Slice(ans.Edges, func(i, j int) bool {
		if ans.Edges[i].Count != ans.Edges[j].Count {
			return ans.Edges[i].Count > ans.Edges[j].Count
		}
		return ans.Edges[i].ID < ans.Edges[j].ID
	})
	if n := edgesPerNode * len(ans.Nodes); len(ans.Edges) > n {
		// the strongest relationships, but every node keeps its link to the graph
		linked := map[actorgraph.ActorID]bool{}
		var kept, rest []actorgraph.Edge
		for _, e := range ans.Edges {
			if !linked[e.Source] || !linked[e.Target] || len(kept) < n {
				kept = append(kept, e)
				linked[e.Source], linked[e.Target] = true, true
			} else {
				rest = append(rest, e)
			}
		}
		ans.Edges = kept
		ans.Truncated = ans.Truncated || len(rest) > 0
	}
	return ans, nil
}

// actorSummarizer is a store that reads many actors' names, types and
// counts in one query (store/sqlite does).
type actorSummarizer interface {
	ActorSummaries(ctx context.Context, ids []actorgraph.ActorID) ([]actorgraph.Actor, error)
}

// actorsByID reads actors (in one query where the store can, else a few
// at a time in parallel); an actor not found is left zero.
func (s *Server) actorsByID(ctx context.Context, ids []actorgraph.ActorID) ([]actorgraph.Actor, error) {
	if sm, ok := s.cfg.Store.(actorSummarizer); ok {
		return sm.ActorSummaries(ctx, ids)
	}
	out := make([]actorgraph.Actor, len(ids))
	errs := make([]error, len(ids))
	parallel(len(ids), func(i int) {
		a, err := s.cfg.Store.Actor(ctx, ids[i])
		if err != nil && actorgraph.ErrorCode(err) != actorgraph.ENotFound {
			errs[i] = err
		}
		out[i] = a
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
