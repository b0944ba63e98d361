package network

import (
	"context"
	"math"
	"math/rand"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph"
)

func edges(pairs ...[2]int) []actorgraph.Edge {
	var out []actorgraph.Edge
	for i, p := range pairs {
		out = append(out, actorgraph.Edge{ID: actorgraph.EdgeID(i + 1), Source: actorgraph.ActorID(p[0]), Target: actorgraph.ActorID(p[1]),
			Type: actorgraph.Ally, Count: 1, SourceName: name(p[0]), TargetName: name(p[1])})
	}
	return out
}

func name(i int) string { return string(rune('A' + i)) }

// twoCliques is {1,2,3,4} and {6,7,8,9}, joined through 5.
func twoCliques() []actorgraph.Edge {
	var ps [][2]int
	for _, c := range [][]int{{1, 2, 3, 4}, {6, 7, 8, 9}} {
		for i := range c {
			for j := i + 1; j < len(c); j++ {
				ps = append(ps, [2]int{c[i], c[j]})
			}
		}
	}
	return edges(append(ps, [2]int{4, 5}, [2]int{5, 6})...)
}

func TestBetweenness(t *testing.T) {
	tests := []struct {
		name  string
		edges []actorgraph.Edge
		want  map[actorgraph.ActorID]float64
	}{
		{"star", edges([2]int{1, 2}, [2]int{1, 3}, [2]int{1, 4}), map[actorgraph.ActorID]float64{1: 1, 2: 0}},
		{"path", edges([2]int{1, 2}, [2]int{2, 3}, [2]int{3, 4}), map[actorgraph.ActorID]float64{1: 0, 2: 2.0 / 3, 3: 2.0 / 3}},
		{"cliques", twoCliques(), map[actorgraph.ActorID]float64{5: 16.0 / 28, 4: 15.0 / 28, 1: 0}},
		{"square", edges([2]int{1, 2}, [2]int{2, 3}, [2]int{3, 4}, [2]int{4, 1}), map[actorgraph.ActorID]float64{1: 1.0 / 6}},
	}
	for _, tt := range tests {
		g := Build(tt.edges)
		bc := g.Betweenness(0)
		for id, want := range tt.want {
			if got := bc[g.index[id]]; math.Abs(got-want) > 1e-9 {
				t.Errorf("%s: betweenness of %d = %v, want %v", tt.name, id, got, want)
			}
		}
	}
}

func TestBrokersAndCommunities(t *testing.T) {
	es := twoCliques()
	// a denial is not a tie, and neither is a self-loop
	es = append(es, actorgraph.Edge{ID: 99, Source: 1, Target: 9, Negated: true, Count: 5},
		actorgraph.Edge{ID: 100, Source: 2, Target: 2, Count: 1})
	r := Analyze(es, Options{Top: 3})
	if r.Actors != 9 || r.Links != 14 || !r.Exact {
		t.Errorf("actors %d links %d exact %v", r.Actors, r.Links, r.Exact)
	}
	var top []actorgraph.ActorID
	for _, b := range r.Brokers {
		top = append(top, b.Actor)
	}
	// 4 and 6 tie on betweenness; the one whose partner 5 sits in the
	// other community bridges, so it ranks first
	if top[0] != 5 || !slices.Contains(top, 4) || !slices.Contains(top, 6) || r.Brokers[1].Bridges != 1 || r.Brokers[2].Bridges != 0 {
		t.Errorf("brokers %v, want 5 then 4 and 6", r.Brokers)
	}
	if b := r.Brokers[0]; b.Bridges != 1 || b.Reaches != 1 || b.Degree != 2 || len(b.Ties) != 2 {
		t.Errorf("broker 5: %+v", b)
	}
	if len(r.Communities) != 2 {
		t.Fatalf("communities: %+v", r.Communities)
	}
	com := map[actorgraph.ActorID]int{}
	for _, c := range r.Communities {
		for _, m := range c.Members {
			com[m] = c.ID
		}
	}
	for _, c := range [][]actorgraph.ActorID{{1, 2, 3, 4}, {6, 7, 8, 9}} {
		for _, m := range c[1:] {
			if com[m] != com[c[0]] {
				t.Errorf("%d and %d in different communities: %v", m, c[0], com)
			}
		}
	}
	if com[1] == com[9] {
		t.Errorf("the cliques share a community: %v", com)
	}
	// the same answer whatever the order of the input
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5; i++ {
		sh := slices.Clone(es)
		rng.Shuffle(len(sh), func(a, b int) { sh[a], sh[b] = sh[b], sh[a] })
		r2 := Analyze(sh, Options{Top: 3})
		for j := range r.Brokers {
			if r2.Brokers[j].Actor != r.Brokers[j].Actor || r2.Brokers[j].Community != r.Brokers[j].Community {
				t.Fatalf("shuffle %d: brokers differ", i)
			}
		}
	}
}

func TestEstimatedBetweenness(t *testing.T) {
	// a long path: the sampled estimate still ranks the middle first
	var ps [][2]int
	for i := 1; i < 60; i++ {
		ps = append(ps, [2]int{i, i + 1})
	}
	r := Analyze(edges(ps...), Options{Top: 1, MaxSources: 20})
	if r.Exact || r.Brokers[0].Actor < 25 || r.Brokers[0].Actor > 35 {
		t.Errorf("estimated top broker %d (exact %v)", r.Brokers[0].Actor, r.Exact)
	}
}

func TestEmpty(t *testing.T) {
	r := Analyze(nil, Options{})
	if r.Actors != 0 || len(r.Brokers) != 0 || len(r.Communities) != 0 {
		t.Errorf("%+v", r)
	}
}

// pagedStore serves edges with a page limit, like a store does.
type pagedStore struct {
	actorgraph.Store
	edges []actorgraph.Edge
	max   int
}

func (p pagedStore) Edges(_ context.Context, f actorgraph.EdgeFilter) ([]actorgraph.Edge, int, error) {
	if f.Page.Limit > p.max {
		return nil, 0, actorgraph.Errorf(actorgraph.EInvalid, "page limit %d is above %d", f.Page.Limit, p.max)
	}
	lo := min(f.Page.Offset, len(p.edges))
	hi := min(lo+f.Page.Limit, len(p.edges))
	return p.edges[lo:hi], len(p.edges), nil
}

func (p pagedStore) Evidence(_ context.Context, id actorgraph.EdgeID, _ actorgraph.AsOf) ([]actorgraph.EvidenceRow, error) {
	return []actorgraph.EvidenceRow{{EdgeID: id, Sentence: "s"}}, nil
}

func TestLoadFallsBackToSmallerPages(t *testing.T) {
	var ps [][2]int
	for i := 1; i < 2500; i++ {
		ps = append(ps, [2]int{i, i + 1})
	}
	st := pagedStore{edges: edges(ps...), max: 1000}
	for _, size := range []int{0, 10000} {
		r, err := Load(context.Background(), st, Filter{PageSize: size}, Options{Top: 1})
		if err != nil || r.Links != 2499 || r.Brokers[0].Evidence.Sentence != "s" {
			t.Errorf("page size %d: %v, %d links", size, err, r.Links)
		}
	}
}
