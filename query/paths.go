package query

import (
	"context"
	"sort"

	"github.com/actorgraph/actorgraph"
)

// Walker is a store that lists the relationships of many actors in one
// call. Paths uses it when the store has it (store/sqlite does), and
// pages through Store.Edges actor by actor otherwise.
type Walker interface {
	// Neighbors lists the relationships known on asOf that join an actor
	// of from to any actor or, when to is not nil, to an actor of to,
	// each once. Only ID, Source, Target, Type, Negated and Count need be
	// set.
	Neighbors(ctx context.Context, from, to []actorgraph.ActorID, asOf actorgraph.AsOf) ([]actorgraph.Edge, error)
}

// maxCandidates bounds the shortest paths Paths ranks before it keeps
// the best limit of them.
const maxCandidates = 2000

// side is one end of the bidirectional search.
type side struct {
	dist     map[actorgraph.ActorID]int
	parents  map[actorgraph.ActorID][]actorgraph.Edge // edges towards this side's end, one step closer
	frontier []actorgraph.ActorID
	depth    int
}

func newSide(a actorgraph.ActorID) *side {
	return &side{dist: map[actorgraph.ActorID]int{a: 0}, parents: map[actorgraph.ActorID][]actorgraph.Edge{},
		frontier: []actorgraph.ActorID{a}}
}

func other(e actorgraph.Edge, u actorgraph.ActorID) actorgraph.ActorID {
	if e.Source == u {
		return e.Target
	}
	return e.Source
}

// Paths returns the shortest chains of relationships between a and b
// (at most maxHops long, at most limit of them), each hop with its
// evidence. Relationships are walked in either direction. Of the
// shortest chains, those whose weakest hop has the most evidence come
// first, then those with the most evidence in all.
//
// The search runs from both ends at once, one whole level per store
// call, always growing the smaller side; the last level only asks for
// the relationships that join the two sides. Two hubs with edges to much
// of the graph cost a handful of queries, not one per neighbour.
func (q *Engine) Paths(ctx context.Context, a, b actorgraph.ActorID, maxHops, limit int, asOf actorgraph.AsOf) ([]Path, error) {
	if maxHops <= 0 {
		maxHops = 3
	}
	if limit <= 0 {
		limit = 5
	}
	if a == b {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "the two actors are the same")
	}
	sa, sb := newSide(a), newSide(b)
	type meet struct {
		e    actorgraph.Edge
		u, w actorgraph.ActorID // u on a's side, w on b's
	}
	var meets []meet
	for sa.depth+sb.depth < maxHops && len(sa.frontier) > 0 && len(sb.frontier) > 0 {
		x, y := sa, sb
		if len(sb.frontier) < len(sa.frontier) {
			x, y = sb, sa
		}
		final := x.depth+y.depth+1 == maxHops
		var to []actorgraph.ActorID
		if final {
			to = y.frontier
		}
		edges, err := q.neighbors(ctx, x.frontier, to, asOf)
		if err != nil {
			return nil, err
		}
		inFrontier := make(map[actorgraph.ActorID]bool, len(x.frontier))
		for _, u := range x.frontier {
			inFrontier[u] = true
		}
		// edges that reach the other side's frontier join the two
		// searches; nodes closer to the other end were met earlier
		var next []actorgraph.ActorID
		for _, e := range edges {
			for _, u := range []actorgraph.ActorID{e.Source, e.Target} {
				if !inFrontier[u] {
					continue
				}
				v := other(e, u)
				if d, ok := y.dist[v]; ok && d == y.depth {
					m := meet{e: e, u: u, w: v}
					if x == sb {
						m.u, m.w = v, u
					}
					meets = append(meets, m)
					continue
				}
				if len(meets) > 0 || final {
					continue
				}
				if d, ok := x.dist[v]; ok && d <= x.depth {
					continue
				}
				if _, ok := x.dist[v]; !ok {
					x.dist[v] = x.depth + 1
					next = append(next, v)
				}
				x.parents[v] = append(x.parents[v], e)
			}
		}
		if len(meets) > 0 {
			break
		}
		x.frontier, x.depth = next, x.depth+1
	}
	if len(meets) == 0 {
		return nil, nil
	}

	// every shortest chain: a's half, the joining edge, b's half
	sortEdges := func(es []actorgraph.Edge) {
		sort.Slice(es, func(i, j int) bool {
			if es[i].Count != es[j].Count {
				return es[i].Count > es[j].Count
			}
			return es[i].ID < es[j].ID
		})
	}
	for _, s := range []*side{sa, sb} {
		for _, es := range s.parents {
			sortEdges(es)
		}
	}
	sort.Slice(meets, func(i, j int) bool {
		if meets[i].e.Count != meets[j].e.Count {
			return meets[i].e.Count > meets[j].e.Count
		}
		return meets[i].e.ID < meets[j].e.ID
	})
	// halves lists the chains from v to its side's end, nearest hop first
	var halves func(s *side, v actorgraph.ActorID, room int) [][]actorgraph.Edge
	halves = func(s *side, v actorgraph.ActorID, room int) [][]actorgraph.Edge {
		if s.dist[v] == 0 {
			return [][]actorgraph.Edge{nil}
		}
		var out [][]actorgraph.Edge
		for _, e := range s.parents[v] {
			p := other(e, v)
			if s.dist[p] != s.dist[v]-1 {
				continue
			}
			for _, rest := range halves(s, p, room-len(out)) {
				out = append(out, append([]actorgraph.Edge{e}, rest...))
				if len(out) >= room {
					return out
				}
			}
		}
		return out
	}
	type cand struct {
		edges []actorgraph.Edge // from a to b
		nodes []actorgraph.ActorID
		weak  int
		sum   int
	}
	var cands []cand
	for _, m := range meets {
		if len(cands) >= maxCandidates {
			break
		}
		left := halves(sa, m.u, maxCandidates)
		right := halves(sb, m.w, maxCandidates)
		for _, l := range left {
			for _, r := range right {
				var c cand
				// a's half is listed from m.u back to a: reverse it
				for i := len(l) - 1; i >= 0; i-- {
					c.edges = append(c.edges, l[i])
				}
				c.edges = append(c.edges, m.e)
				c.edges = append(c.edges, r...)
				c.weak = -1
				for _, e := range c.edges {
					if c.weak < 0 || e.Count < c.weak {
						c.weak = e.Count
					}
					c.sum += e.Count
				}
				cands = append(cands, c)
				if len(cands) >= maxCandidates {
					break
				}
			}
			if len(cands) >= maxCandidates {
				break
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].weak != cands[j].weak {
			return cands[i].weak > cands[j].weak
		}
		if cands[i].sum != cands[j].sum {
			return cands[i].sum > cands[j].sum
		}
		for k := range cands[i].edges {
			if cands[i].edges[k].ID != cands[j].edges[k].ID {
				return cands[i].edges[k].ID < cands[j].edges[k].ID
			}
		}
		return false
	})
	if len(cands) > limit {
		cands = cands[:limit]
	}

	// the hops in full, with their evidence
	full := map[actorgraph.EdgeID]actorgraph.Edge{}
	var paths []Path
	for _, c := range cands {
		var p Path
		at := a
		for _, e := range c.edges {
			fe, ok := full[e.ID]
			if !ok {
				var err error
				if fe, err = q.edge(ctx, e, asOf); err != nil {
					return nil, err
				}
				full[e.ID] = fe
			}
			p.Hops = append(p.Hops, Hop{Edge: fe, Forward: e.Source == at})
			at = other(e, at)
		}
		paths = append(paths, p)
	}
	evidence := map[actorgraph.EdgeID][]actorgraph.EvidenceRow{}
	for pi := range paths {
		for hi := range paths[pi].Hops {
			h := &paths[pi].Hops[hi]
			ev, ok := evidence[h.Edge.ID]
			if !ok {
				var err error
				if ev, err = q.S.Evidence(ctx, h.Edge.ID, asOf); err != nil {
					return nil, err
				}
				evidence[h.Edge.ID] = ev
			}
			h.Evidence = ev
		}
	}
	return paths, nil
}

// neighbors is Walker.Neighbors, through Store.Edges when the store is
// no Walker.
func (q *Engine) neighbors(ctx context.Context, from, to []actorgraph.ActorID, asOf actorgraph.AsOf) ([]actorgraph.Edge, error) {
	if w, ok := q.S.(Walker); ok {
		return w.Neighbors(ctx, from, to, asOf)
	}
	var want map[actorgraph.ActorID]bool
	if to != nil {
		want = map[actorgraph.ActorID]bool{}
		for _, id := range to {
			want[id] = true
		}
	}
	seen := map[actorgraph.EdgeID]bool{}
	var out []actorgraph.Edge
	for _, u := range from {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		es, err := q.allEdges(ctx, actorgraph.EdgeFilter{Actor: u, AsOf: asOf})
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			if seen[e.ID] || (want != nil && !want[other(e, u)]) {
				continue
			}
			seen[e.ID] = true
			out = append(out, e)
		}
	}
	return out, nil
}

// edge reads one relationship in full as known on asOf.
func (q *Engine) edge(ctx context.Context, e actorgraph.Edge, asOf actorgraph.AsOf) (actorgraph.Edge, error) {
	if asOf.Date == "" {
		return q.S.Edge(ctx, e.ID)
	}
	neg := e.Negated
	f := actorgraph.EdgeFilter{Actor: e.Source, Type: e.Type, Negated: &neg, AsOf: asOf, Page: actorgraph.Page{Limit: pageSize}}
	for {
		es, total, err := q.S.Edges(ctx, f)
		if err != nil {
			return actorgraph.Edge{}, err
		}
		for _, x := range es {
			if x.ID == e.ID {
				return x, nil
			}
		}
		f.Page.Offset += len(es)
		if len(es) == 0 || f.Page.Offset >= total {
			return actorgraph.Edge{}, actorgraph.Errorf(actorgraph.ENotFound, "relationship %d not found as of %s", e.ID, asOf.Date)
		}
	}
}
