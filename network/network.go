// Package network computes the structure of the relationship graph:
// degree and betweenness centrality (Brandes), communities (label
// propagation) and the actors that broker between communities.
//
// It owns only graph algorithms over actorgraph.Edge values the caller
// has read (through any store, with any filter); every result is
// deterministic: ties are broken by actor id and iteration follows id
// order. It imports only the root package and the standard library; it
// must not import a store, nlp/, query/ or cmd/.
package network

import (
	"cmp"
	"runtime"
	"slices"
	"sync"

	"github.com/actorgraph/actorgraph"
)

// Graph is an undirected, weighted simple graph of actors: parallel
// relationships between two actors are one link whose weight is their
// evidence count. Denied (negated) relationships and self-loops are not
// links.
type Graph struct {
	ids   []actorgraph.ActorID // node index → actor, ascending
	names []string
	index map[actorgraph.ActorID]int
	adj   [][]link // sorted by neighbour index
	// edges holds, for each node, the relationships behind its links,
	// best attested first, for citing.
	edges [][]actorgraph.Edge
}

type link struct {
	to     int
	weight int
}

// Build makes the graph of the given relationships.
func Build(edges []actorgraph.Edge) *Graph {
	g := &Graph{index: map[actorgraph.ActorID]int{}}
	names := map[actorgraph.ActorID]string{}
	for _, e := range edges {
		if e.Negated || e.Source == e.Target || e.Count <= 0 {
			continue
		}
		for _, x := range []struct {
			id   actorgraph.ActorID
			name string
		}{{e.Source, e.SourceName}, {e.Target, e.TargetName}} {
			if _, ok := names[x.id]; !ok || names[x.id] == "" {
				names[x.id] = x.name
			}
		}
	}
	for id := range names {
		g.ids = append(g.ids, id)
	}
	slices.Sort(g.ids)
	g.names = make([]string, len(g.ids))
	for i, id := range g.ids {
		g.index[id] = i
		g.names[i] = names[id]
	}
	w := make([]map[int]int, len(g.ids))
	g.edges = make([][]actorgraph.Edge, len(g.ids))
	for _, e := range edges {
		if e.Negated || e.Source == e.Target || e.Count <= 0 {
			continue
		}
		a, b := g.index[e.Source], g.index[e.Target]
		for _, p := range [][2]int{{a, b}, {b, a}} {
			if w[p[0]] == nil {
				w[p[0]] = map[int]int{}
			}
			w[p[0]][p[1]] += e.Count
			g.edges[p[0]] = append(g.edges[p[0]], e)
		}
	}
	g.adj = make([][]link, len(g.ids))
	for i, m := range w {
		for j, c := range m {
			g.adj[i] = append(g.adj[i], link{j, c})
		}
		slices.SortFunc(g.adj[i], func(x, y link) int { return cmp.Compare(x.to, y.to) })
		slices.SortStableFunc(g.edges[i], func(x, y actorgraph.Edge) int {
			if c := cmp.Compare(y.Count, x.Count); c != 0 {
				return c
			}
			return cmp.Compare(x.ID, y.ID)
		})
	}
	return g
}

// Len is the number of actors with at least one link.
func (g *Graph) Len() int { return len(g.ids) }

// Degree is each node's number of distinct neighbours.
func (g *Graph) Degree() []int {
	d := make([]int, len(g.adj))
	for i, ns := range g.adj {
		d[i] = len(ns)
	}
	return d
}

// Betweenness is each node's betweenness centrality over unweighted
// shortest paths (Brandes), normalised to 0..1 by the number of pairs of
// other nodes. With more than maxSources nodes (maxSources > 0) it is
// estimated from maxSources source nodes evenly spaced in id order and
// scaled up, which keeps the cost at O(maxSources·links).
func (g *Graph) Betweenness(maxSources int) []float64 {
	n := len(g.adj)
	bc := make([]float64, n)
	if n < 3 {
		return bc
	}
	sources := make([]int, 0, n)
	if maxSources <= 0 || n <= maxSources {
		for i := 0; i < n; i++ {
			sources = append(sources, i)
		}
	} else {
		for k := 0; k < maxSources; k++ {
			sources = append(sources, k*n/maxSources)
		}
	}
	// The sources are cut into a fixed number of chunks, each summed on
	// its own and the sums added in chunk order, so that the result is the
	// same however many cores run them.
	const chunks = 8
	partial := make([][]float64, chunks)
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for c := 0; c < chunks; c++ {
		lo, hi := c*len(sources)/chunks, (c+1)*len(sources)/chunks
		wg.Add(1)
		sem <- struct{}{}
		go func(c int, srcs []int) {
			defer wg.Done()
			defer func() { <-sem }()
			partial[c] = g.brandes(srcs)
		}(c, sources[lo:hi])
	}
	wg.Wait()
	for _, p := range partial {
		for i, x := range p {
			bc[i] += x
		}
	}
	// each pair is counted from both ends; normalise by (n-1)(n-2)
	scale := float64(n) / float64(len(sources)) / float64((n-1)*(n-2))
	for i := range bc {
		bc[i] *= scale
	}
	return bc
}

// brandes sums the dependencies of every node on shortest paths from the
// given sources (Brandes' accumulation).
func (g *Graph) brandes(sources []int) []float64 {
	n := len(g.adj)
	bc := make([]float64, n)
	sigma := make([]float64, n)
	dist := make([]int, n)
	delta := make([]float64, n)
	preds := make([][]int, n)
	stack := make([]int, 0, n)
	queue := make([]int, 0, n)
	for _, s := range sources {
		stack, queue = stack[:0], queue[:0]
		for i := range dist {
			dist[i], sigma[i], delta[i] = -1, 0, 0
			preds[i] = preds[i][:0]
		}
		dist[s], sigma[s] = 0, 1
		queue = append(queue, s)
		for h := 0; h < len(queue); h++ {
			v := queue[h]
			stack = append(stack, v)
			for _, l := range g.adj[v] {
				w := l.to
				if dist[w] < 0 {
					dist[w] = dist[v] + 1
					queue = append(queue, w)
				}
				if dist[w] == dist[v]+1 {
					sigma[w] += sigma[v]
					preds[w] = append(preds[w], v)
				}
			}
		}
		for i := len(stack) - 1; i >= 0; i-- {
			w := stack[i]
			for _, v := range preds[w] {
				delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
			}
			if w != s {
				bc[w] += delta[w]
			}
		}
	}
	return bc
}

// Communities assigns each node a community by Louvain modularity
// optimisation: nodes (in id order) move to the neighbouring community
// that most increases modularity (ties: the smallest community; staying
// put unless a move gains), communities are then folded into single nodes
// and the process repeats until nothing moves. Communities are numbered
// from 0 by size, largest first (ties by their smallest actor id).
func (g *Graph) Communities() []int {
	label := louvain(g.adj)
	// renumber by size
	size := map[int]int{}
	first := map[int]int{}
	n := len(label)
	for v, l := range label {
		size[l]++
		if _, ok := first[l]; !ok {
			first[l] = v
		}
	}
	labs := make([]int, 0, len(size))
	for l := range size {
		labs = append(labs, l)
	}
	slices.SortFunc(labs, func(a, b int) int {
		if c := cmp.Compare(size[b], size[a]); c != 0 {
			return c
		}
		return cmp.Compare(first[a], first[b])
	})
	num := make(map[int]int, len(labs))
	for i, l := range labs {
		num[l] = i
	}
	out := make([]int, n)
	for v, l := range label {
		out[v] = num[l]
	}
	return out
}

// Score is one actor's place in the network.
type Score struct {
	Actor       actorgraph.ActorID `json:"actor"`
	Name        string             `json:"name"`
	Degree      int                `json:"degree"`         // distinct partners
	Evidence    int                `json:"evidence_count"` // evidence rows of its links
	Betweenness float64            `json:"betweenness"`
	Community   int                `json:"community"`
	// Bridges counts its partners in other communities, Reaches the other
	// communities they belong to.
	Bridges int `json:"bridges"`
	Reaches int `json:"reaches"`
	// Ties are its best-attested relationships, those reaching other
	// communities first, for citing.
	Ties []actorgraph.Edge `json:"ties"`
}

// Community is a group of densely linked actors.
type Community struct {
	ID      int                  `json:"id"`
	Size    int                  `json:"size"`
	Members []actorgraph.ActorID `json:"members"` // by degree, then id
	Names   []string             `json:"names"`
}

// Result is the analysis of a graph.
type Result struct {
	Actors      int         `json:"actors"`
	Links       int         `json:"links"`
	Exact       bool        `json:"exact"` // betweenness from every source
	Brokers     []Score     `json:"brokers"`
	Communities []Community `json:"communities"`
}

// Options tune Analyze.
type Options struct {
	Top        int // brokers to return (0: all)
	Ties       int // relationships cited per broker (0: 3)
	MaxSources int // betweenness sources before estimating (0: 2000)
}

// Analyze ranks the actors of the graph as brokers (betweenness, then
// partners in other communities, then degree, then id) and lists its
// communities.
func Analyze(edges []actorgraph.Edge, o Options) Result {
	if o.Ties <= 0 {
		o.Ties = 3
	}
	if o.MaxSources <= 0 {
		o.MaxSources = 2000
	}
	g := Build(edges)
	deg := g.Degree()
	bc := g.Betweenness(o.MaxSources)
	com := g.Communities()
	res := Result{Actors: g.Len(), Exact: g.Len() <= o.MaxSources}
	scores := make([]Score, g.Len())
	for v := range scores {
		s := Score{Actor: g.ids[v], Name: g.names[v], Degree: deg[v], Betweenness: bc[v], Community: com[v]}
		reach := map[int]bool{}
		for _, l := range g.adj[v] {
			s.Evidence += l.weight
			if com[l.to] != com[v] {
				s.Bridges++
				reach[com[l.to]] = true
			}
		}
		res.Links += len(g.adj[v])
		s.Reaches = len(reach)
		var cross, inner []actorgraph.Edge
		for _, e := range g.edges[v] {
			other := e.Target
			if other == s.Actor {
				other = e.Source
			}
			if com[g.index[other]] != com[v] {
				cross = append(cross, e)
			} else {
				inner = append(inner, e)
			}
		}
		s.Ties = append(append([]actorgraph.Edge{}, cross...), inner...)
		if len(s.Ties) > o.Ties {
			s.Ties = s.Ties[:o.Ties]
		}
		scores[v] = s
	}
	res.Links /= 2
	byDegree := slices.Clone(scores)
	slices.SortFunc(byDegree, func(a, b Score) int {
		if c := cmp.Compare(b.Degree, a.Degree); c != 0 {
			return c
		}
		return cmp.Compare(a.Actor, b.Actor)
	})
	cs := map[int]*Community{}
	for _, s := range byDegree {
		c := cs[s.Community]
		if c == nil {
			c = &Community{ID: s.Community}
			cs[s.Community] = c
		}
		c.Size++
		c.Members = append(c.Members, s.Actor)
		c.Names = append(c.Names, s.Name)
	}
	for i := 0; i < len(cs); i++ {
		res.Communities = append(res.Communities, *cs[i])
	}
	slices.SortFunc(scores, func(a, b Score) int {
		if c := cmp.Compare(b.Betweenness, a.Betweenness); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Bridges, a.Bridges); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Degree, a.Degree); c != 0 {
			return c
		}
		return cmp.Compare(a.Actor, b.Actor)
	})
	if o.Top > 0 && len(scores) > o.Top {
		scores = scores[:o.Top]
	}
	res.Brokers = scores
	return res
}

type wlink struct {
	to int
	w  float64
}

// louvain returns a community label per node of adj.
func louvain(adj [][]link) []int {
	n := len(adj)
	member := make([]int, n) // original node → node of the current level
	g := make([][]wlink, n)
	self := make([]float64, n) // twice the weight inside each node
	for i := range adj {
		member[i] = i
		for _, l := range adj[i] {
			g[i] = append(g[i], wlink{l.to, float64(l.weight)})
		}
	}
	for level := 0; level < 32; level++ {
		N := len(g)
		k := make([]float64, N)
		m2 := 0.0
		for i := range g {
			k[i] = self[i]
			for _, l := range g[i] {
				k[i] += l.w
			}
			m2 += k[i]
		}
		if m2 == 0 {
			break
		}
		com := make([]int, N)
		tot := make([]float64, N)
		for i := range com {
			com[i], tot[i] = i, k[i]
		}
		improved := false
		neigh := map[int]float64{}
		var keys []int
		for pass := 0; pass < 100; pass++ {
			moved := false
			for i := 0; i < N; i++ {
				ci := com[i]
				clear(neigh)
				keys = keys[:0]
				for _, l := range g[i] {
					if l.to == i {
						continue
					}
					c := com[l.to]
					if _, ok := neigh[c]; !ok {
						keys = append(keys, c)
					}
					neigh[c] += l.w
				}
				slices.Sort(keys)
				tot[ci] -= k[i]
				best, bestGain := ci, neigh[ci]-tot[ci]*k[i]/m2
				for _, c := range keys {
					if gain := neigh[c] - tot[c]*k[i]/m2; gain > bestGain+1e-12 {
						best, bestGain = c, gain
					}
				}
				tot[best] += k[i]
				if best != ci {
					com[i], moved, improved = best, true, true
				}
			}
			if !moved {
				break
			}
		}
		if !improved {
			break
		}
		// renumber communities in node order and fold them into nodes
		num := map[int]int{}
		for _, c := range com {
			if _, ok := num[c]; !ok {
				num[c] = len(num)
			}
		}
		C := len(num)
		w := make([]map[int]float64, C)
		nself := make([]float64, C)
		for i := range g {
			a := num[com[i]]
			nself[a] += self[i]
			for _, l := range g[i] {
				b := num[com[l.to]]
				if a == b {
					nself[a] += l.w
					continue
				}
				if w[a] == nil {
					w[a] = map[int]float64{}
				}
				w[a][b] += l.w
			}
		}
		ng := make([][]wlink, C)
		for a := range w {
			for b, x := range w[a] {
				ng[a] = append(ng[a], wlink{b, x})
			}
			slices.SortFunc(ng[a], func(x, y wlink) int { return cmp.Compare(x.to, y.to) })
		}
		for v := range member {
			member[v] = num[com[member[v]]]
		}
		g, self = ng, nself
	}
	return member
}
