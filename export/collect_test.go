package export

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
)

func actorIDs(g *Graph) []actorgraph.ActorID {
	var ids []actorgraph.ActorID
	for _, a := range g.Actors {
		ids = append(ids, a.ID)
	}
	return ids
}

func edgeIDs(g *Graph) []actorgraph.EdgeID {
	var ids []actorgraph.EdgeID
	for _, e := range g.Edges {
		ids = append(ids, e.ID)
	}
	return ids
}

func docIDs(g *Graph) []actorgraph.DocID {
	var ids []actorgraph.DocID
	for _, d := range g.Documents {
		ids = append(ids, d.DocID)
	}
	return ids
}

func TestCollectWholeGraph(t *testing.T) {
	s := fixture()
	g, err := Collect(context.Background(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := actorIDs(g), []actorgraph.ActorID{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}; !slices.Equal(got, want) {
		t.Errorf("actors %v, want %v (sorted by id)", got, want)
	}
	if got, want := edgeIDs(g), []actorgraph.EdgeID{1, 2, 3, 4, 5, 6, 7, 8, 9}; !slices.Equal(got, want) {
		t.Errorf("edges %v, want %v (sorted by id)", got, want)
	}
	if got, want := docIDs(g), []actorgraph.DocID{1, 2, 3, 4}; !slices.Equal(got, want) {
		t.Errorf("documents %v, want %v", got, want)
	}
	for _, d := range g.Documents {
		if d.Text != "" {
			t.Errorf("document %d kept its text", d.DocID)
		}
		if d.Title == "" || d.Hash == "" {
			t.Errorf("document %d lost its metadata: %+v", d.DocID, d)
		}
	}
	if n := len(g.Evidence[1]); n != 3 {
		t.Fatalf("edge 1 has %d evidence rows, want 3", n)
	}
	// Sorted by document and position, whatever order the store gave.
	if r := g.Evidence[1]; r[0].Span.Start != 10 || r[1].Span.Start != 200 || r[2].DocID != 2 {
		t.Errorf("evidence of edge 1 not sorted: %+v", r)
	}
	if _, ok := g.Evidence[9]; ok {
		t.Errorf("edge 9 has no evidence, but Evidence has an entry for it")
	}
	// The store serves two items a page: Collect must have paged.
	pages := 0
	for _, c := range s.calls {
		if strings.HasPrefix(c, "Actors ") {
			pages++
		}
	}
	if pages < 5 {
		t.Errorf("Collect asked for %d pages of actors, want at least 5 (10 actors, 2 a page); calls: %v", pages, s.calls)
	}
}

func TestCollectNeighbourhood(t *testing.T) {
	for _, tc := range []struct {
		name   string
		hops   int
		actors []actorgraph.ActorID
		edges  []actorgraph.EdgeID
		docs   []actorgraph.DocID
	}{
		// Kabul, Afghanistan and Zawahiri, with the edge between the two
		// boundary actors (Zawahiri LOCATED_IN Afghanistan) too.
		{"one hop", 1, []actorgraph.ActorID{3, 4, 5}, []actorgraph.EdgeID{3, 5, 8}, []actorgraph.DocID{2}},
		{"zero means one", 0, []actorgraph.ActorID{3, 4, 5}, []actorgraph.EdgeID{3, 5, 8}, []actorgraph.DocID{2}},
		{"two hops", 2, []actorgraph.ActorID{2, 3, 4, 5}, []actorgraph.EdgeID{3, 4, 5, 8}, []actorgraph.DocID{1, 2}},
		{"three hops", 3, []actorgraph.ActorID{1, 2, 3, 4, 5, 7, 8}, []actorgraph.EdgeID{1, 2, 3, 4, 5, 7, 8}, []actorgraph.DocID{1, 2, 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := Collect(context.Background(), fixture(), Options{Actor: 4, Hops: tc.hops})
			if err != nil {
				t.Fatal(err)
			}
			if got := actorIDs(g); !slices.Equal(got, tc.actors) {
				t.Errorf("actors %v, want %v", got, tc.actors)
			}
			if got := edgeIDs(g); !slices.Equal(got, tc.edges) {
				t.Errorf("edges %v, want %v", got, tc.edges)
			}
			if got := docIDs(g); !slices.Equal(got, tc.docs) {
				t.Errorf("documents %v, want %v", got, tc.docs)
			}
			for _, e := range g.Edges {
				if len(g.Evidence[e.ID]) == 0 {
					t.Errorf("edge %d has no evidence", e.ID)
				}
			}
		})
	}
}

func TestCollectAsOf(t *testing.T) {
	s := fixture()
	g, err := Collect(context.Background(), s, Options{AsOf: actorgraph.AsOf{Date: "2022-12-31"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := edgeIDs(g), []actorgraph.EdgeID{2, 7}; !slices.Equal(got, want) {
		t.Errorf("edges as of 2022-12-31: %v, want %v", got, want)
	}
	// al-Qaeda is not listed as of that date by the store's actor list,
	// but both edges end at it: Collect fetches it.
	if got, want := actorIDs(g), []actorgraph.ActorID{2, 7, 8}; !slices.Equal(got, want) {
		t.Errorf("actors as of 2022-12-31: %v, want %v", got, want)
	}
	if got, want := docIDs(g), []actorgraph.DocID{3, 4}; !slices.Equal(got, want) {
		t.Errorf("documents as of 2022-12-31: %v, want %v", got, want)
	}
	for _, c := range s.calls {
		if (strings.HasPrefix(c, "Edges") || strings.HasPrefix(c, "Evidence") || strings.HasPrefix(c, "Documents") ||
			strings.HasPrefix(c, "Actors")) && !strings.Contains(c, "asof=2022-12-31") {
			t.Errorf("call without the as-of date: %s", c)
		}
	}
}

func TestCollectSkipEvidence(t *testing.T) {
	s := fixture()
	g, err := Collect(context.Background(), s, Options{SkipEvidence: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Edges) != 9 || len(g.Evidence) != 0 || len(g.Documents) != 0 {
		t.Errorf("got %d edges, %d evidence lists, %d documents; want 9, 0, 0", len(g.Edges), len(g.Evidence), len(g.Documents))
	}
	for _, c := range s.calls {
		if strings.HasPrefix(c, "Evidence") {
			t.Errorf("SkipEvidence still called %s", c)
		}
	}
}

func TestCollectErrors(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		s    actorgraph.Store
		opts Options
		code string
	}{
		{"unknown actor", fixture(), Options{Actor: 99}, actorgraph.ENotFound},
		{"negative hops", fixture(), Options{Actor: 4, Hops: -1}, actorgraph.EInvalid},
		{"negative page size", fixture(), Options{PageSize: -5}, actorgraph.EInvalid},
		{"no store", nil, Options{}, actorgraph.EInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Collect(ctx, tc.s, tc.opts)
			if got := actorgraph.ErrorCode(err); got != tc.code {
				t.Errorf("error %v (code %q), want code %q", err, got, tc.code)
			}
		})
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Collect(cancelled, fixture(), Options{}); err == nil {
		t.Error("Collect with a cancelled context succeeded")
	}
}
