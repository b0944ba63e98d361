package web

import (
	"context"
	"slices"
	"sort"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/query"
)

// The answers about one actor stay bounded on a large store: a hub
// actor of a 100,000-document store has thousands of relationships and
// tens of thousands of evidence sentences. Each answer reads the
// strongest relationships first (the store lists them by evidence count),
// stops at a budget, and says when it did (truncated).
const (
	profileEdges     = 200  // relationships in a profile
	sourceEdges      = 10   // relationships whose evidence ranks the top sources
	sourceRows       = 500  // evidence rows read to rank the top sources
	timelineEdges    = 100  // relationships read for a timeline
	timelineRows     = 1000 // evidence rows read for a timeline
	pathEdgesPerNode = 100  // relationships followed from one actor on a path search
	pathExpansions   = 60   // actors expanded by one path search
	hopEvidence      = 5    // evidence rows shown per hop of a path
)

// profileAnswer is query.Profile with the count of all relationships.
type profileAnswer struct {
	query.Profile
	RelationsTotal int  `json:"relations_total"`
	Truncated      bool `json:"truncated"` // relations holds only the strongest relationships
}

func (s *Server) profile(ctx context.Context, id actorgraph.ActorID, asOf actorgraph.AsOf) (profileAnswer, error) {
	st := s.cfg.Store
	a, err := st.Actor(ctx, id)
	if err != nil {
		return profileAnswer{}, err
	}
	if asOf.Date != "" {
		as, _, err := st.Actors(ctx, actorgraph.ActorFilter{ID: id, AsOf: asOf, Page: actorgraph.Page{Limit: 1}})
		if err != nil {
			return profileAnswer{}, err
		}
		if len(as) == 0 {
			return profileAnswer{}, actorgraph.Errorf(actorgraph.ENotFound, "%s (#%d) is in no document known on %s", a.Name, a.ID, asOf.Date)
		}
		a = as[0]
	}
	edges, total, err := st.Edges(ctx, actorgraph.EdgeFilter{Actor: id, AsOf: asOf, Page: actorgraph.Page{Limit: profileEdges}})
	if err != nil {
		return profileAnswer{}, err
	}
	p := profileAnswer{Profile: query.Profile{Actor: a, Relations: map[actorgraph.RelationType][]actorgraph.Edge{},
		TopSources: []query.Source{}}, RelationsTotal: total, Truncated: total > len(edges)}
	for _, e := range edges {
		p.Relations[e.Type] = append(p.Relations[e.Type], e)
	}
	counts := map[actorgraph.DocID]*query.Source{}
	for _, e := range withinBudget(edges, sourceEdges, sourceRows) {
		ev, err := st.Evidence(ctx, e.ID, asOf)
		if err != nil {
			return profileAnswer{}, err
		}
		for _, r := range ev {
			src := counts[r.DocID]
			if src == nil {
				src = &query.Source{DocID: r.DocID, Title: r.DocTitle, URL: r.DocURL, Published: r.Published}
				counts[r.DocID] = src
			}
			src.Evidence++
		}
	}
	for _, src := range counts {
		p.TopSources = append(p.TopSources, *src)
	}
	sort.Slice(p.TopSources, func(i, j int) bool {
		x, y := p.TopSources[i], p.TopSources[j]
		if x.Evidence != y.Evidence {
			return x.Evidence > y.Evidence
		}
		return x.DocID < y.DocID
	})
	if len(p.TopSources) > 10 {
		p.TopSources = p.TopSources[:10]
	}
	return p, nil
}

// timelineAnswer is a page of an actor's timeline.
type timelineAnswer struct {
	list[query.Event]
	Truncated bool `json:"truncated"` // only the strongest relationships' evidence was read
}

// timeline returns the dated evidence of the actor's strongest
// relationships, in date order (undated last).
func (s *Server) timelineEvents(ctx context.Context, id actorgraph.ActorID, asOf actorgraph.AsOf) ([]query.Event, bool, error) {
	st := s.cfg.Store
	if _, err := st.Actor(ctx, id); err != nil {
		return nil, false, err
	}
	edges, total, err := st.Edges(ctx, actorgraph.EdgeFilter{Actor: id, AsOf: asOf, Page: actorgraph.Page{Limit: timelineEdges}})
	if err != nil {
		return nil, false, err
	}
	read := withinBudget(edges, timelineEdges, timelineRows)
	truncated := total > len(read)
	var out []query.Event
	for _, e := range read {
		ev, err := st.Evidence(ctx, e.ID, asOf)
		if err != nil {
			return nil, false, err
		}
		for _, r := range ev {
			out = append(out, query.Event{Date: r.Published, Edge: e, Evidence: r})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		di, dj := out[i].Date, out[j].Date
		if (di == "") != (dj == "") {
			return dj == ""
		}
		if di != dj {
			return di < dj
		}
		if out[i].Evidence.DocID != out[j].Evidence.DocID {
			return out[i].Evidence.DocID < out[j].Evidence.DocID
		}
		return out[i].Evidence.Span.Start < out[j].Evidence.Span.Start
	})
	return out, truncated, nil
}

// withinBudget picks, strongest first, at most n relationships whose
// evidence together stays within rows sentences: reading one
// relationship's evidence costs in proportion to its sentences, and a hub
// relationship can have thousands.
func withinBudget(edges []actorgraph.Edge, n, rows int) []actorgraph.Edge {
	var out []actorgraph.Edge
	for _, e := range edges {
		if len(out) >= n || rows <= 0 {
			break
		}
		if e.Count > rows {
			continue
		}
		rows -= e.Count
		out = append(out, e)
	}
	return out
}

// pathsAnswer lists the shortest chains found between two actors.
type pathsAnswer struct {
	From      actorgraph.Actor `json:"from"`
	To        actorgraph.Actor `json:"to"`
	Paths     []query.Path     `json:"paths"`
	Truncated bool             `json:"truncated"` // the search stopped at its budget; a path may exist
}

type link struct {
	from actorgraph.ActorID
	edge actorgraph.Edge
}

// side is one end of a bidirectional breadth-first search.
type side struct {
	dist     map[actorgraph.ActorID]int
	parents  map[actorgraph.ActorID][]link
	frontier []actorgraph.ActorID
}

func newSide(a actorgraph.ActorID) *side {
	return &side{dist: map[actorgraph.ActorID]int{a: 0}, parents: map[actorgraph.ActorID][]link{}, frontier: []actorgraph.ActorID{a}}
}

// paths finds the shortest chains of relationships between a and b, at
// most maxHops long, searching from both ends and following each actor's
// strongest relationships only; each hop carries up to hopEvidence
// evidence rows.
func (s *Server) paths(ctx context.Context, a, b actorgraph.ActorID, maxHops, limit int, asOf actorgraph.AsOf) ([]query.Path, bool, error) {
	if a == b {
		return nil, false, actorgraph.Errorf(actorgraph.EInvalid, "the two actors are the same")
	}
	A, B := newSide(a), newSide(b)
	expanded, truncated := 0, false
	var meet []actorgraph.ActorID
	for hops := 0; hops < maxHops && len(meet) == 0; hops++ {
		grow, other := A, B
		if len(B.frontier) < len(A.frontier) {
			grow, other = B, A
		}
		if len(grow.frontier) == 0 {
			break
		}
		if expanded+len(grow.frontier) > pathExpansions {
			// expand the strongest only (frontiers are in the order of
			// the relationships that reached them, strongest first)
			grow.frontier = grow.frontier[:max(0, pathExpansions-expanded)]
			truncated = true
			if len(grow.frontier) == 0 {
				break
			}
		}
		var next []actorgraph.ActorID
		// the level's lists are read in parallel, then walked in order
		lists := make([][]actorgraph.Edge, len(grow.frontier))
		errs := make([]error, len(grow.frontier))
		parallel(len(grow.frontier), func(i int) {
			if errs[i] = ctx.Err(); errs[i] == nil {
				lists[i], _, errs[i] = s.cfg.Store.Edges(ctx, actorgraph.EdgeFilter{Actor: grow.frontier[i], AsOf: asOf,
					Page: actorgraph.Page{Limit: pathEdgesPerNode}})
			}
		})
		for i, u := range grow.frontier {
			if errs[i] != nil {
				return nil, false, errs[i]
			}
			expanded++
			es := lists[i]
			d := grow.dist[u] + 1
			for _, e := range es {
				v := e.Target
				if v == u {
					v = e.Source
				}
				if dv, seen := grow.dist[v]; seen && dv < d {
					continue
				}
				if _, seen := grow.dist[v]; !seen {
					grow.dist[v] = d
					next = append(next, v)
				}
				grow.parents[v] = append(grow.parents[v], link{u, e})
			}
		}
		grow.frontier = next
		for _, v := range next {
			if _, ok := other.dist[v]; ok {
				meet = append(meet, v)
			}
		}
	}
	// keep the meeting points of the shortest chains only
	best := -1
	for _, m := range meet {
		if d := A.dist[m] + B.dist[m]; best < 0 || d < best {
			best = d
		}
	}
	shortest := meet[:0]
	for _, m := range meet {
		if A.dist[m]+B.dist[m] == best {
			shortest = append(shortest, m)
		}
	}
	meet = shortest
	sort.Slice(meet, func(i, j int) bool { return meet[i] < meet[j] })
	var out []query.Path
	for _, m := range meet {
		for _, left := range chains(A, a, m, limit) {
			for _, right := range chains(B, b, m, limit) {
				if len(out) >= limit {
					break
				}
				hops := append([]query.Hop{}, left...)
				for i := len(right) - 1; i >= 0; i-- {
					h := right[i]
					h.Forward = !h.Forward // walked from m's side towards b
					hops = append(hops, h)
				}
				out = append(out, query.Path{Hops: hops})
			}
		}
	}
	// evidence once per relationship (paths share hops), in parallel
	var ids []actorgraph.EdgeID
	for _, p := range out {
		for _, h := range p.Hops {
			if !slices.Contains(ids, h.Edge.ID) {
				ids = append(ids, h.Edge.ID)
			}
		}
	}
	rows := make([][]actorgraph.EvidenceRow, len(ids))
	errs := make([]error, len(ids))
	parallel(len(ids), func(i int) {
		rows[i], _, errs[i] = s.evidencePage(ctx, ids[i], asOf, actorgraph.Page{Limit: hopEvidence})
	})
	for _, err := range errs {
		if err != nil {
			return nil, false, err
		}
	}
	for pi := range out {
		for hi := range out[pi].Hops {
			h := &out[pi].Hops[hi]
			h.Evidence = rows[slices.Index(ids, h.Edge.ID)]
		}
	}
	return out, truncated, nil
}

// chains lists up to limit shortest chains from the side's root to m, as
// hops walked from the root outwards.
func chains(sd *side, root, m actorgraph.ActorID, limit int) [][]query.Hop {
	var out [][]query.Hop
	var walk func(v actorgraph.ActorID, suffix []query.Hop)
	walk = func(v actorgraph.ActorID, suffix []query.Hop) {
		if len(out) >= limit {
			return
		}
		if v == root {
			hops := make([]query.Hop, len(suffix))
			for i := range suffix {
				hops[i] = suffix[len(suffix)-1-i]
			}
			out = append(out, hops)
			return
		}
		for _, l := range sd.parents[v] {
			if sd.dist[l.from] != sd.dist[v]-1 {
				continue
			}
			walk(l.from, append(suffix[:len(suffix):len(suffix)], query.Hop{Edge: l.edge, Forward: l.edge.Source == l.from}))
		}
	}
	walk(m, nil)
	return out
}
