package query_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/query"
	"github.com/actorgraph/actorgraph/store/sqlite"
)

// pathStore builds a graph of named actors from one-relation documents
// ("A B 2023-01-01" relates A to B in a document of that date), with
// extractions written by hand so that the graph is exactly the one drawn.
func pathStore(t *testing.T, rels []string) (*sqlite.Store, map[string]actorgraph.ActorID) {
	t.Helper()
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	for i, r := range rels {
		f := strings.Fields(r)
		a, b, date := "Group "+f[0], "Group "+f[1], f[2]
		text := fmt.Sprintf("%s allied with %s (report %d).", a, b, i)
		x := actorgraph.Extraction{
			Entities: []actorgraph.Entity{
				{ID: "e1", Name: a, Type: actorgraph.ArmedGroup, Mentions: []actorgraph.Span{{Start: 0, End: len(a)}}},
				{ID: "e2", Name: b, Type: actorgraph.ArmedGroup},
			},
			Relations: []actorgraph.Relation{{Source: "e1", Type: actorgraph.Ally, Target: "e2", Modality: actorgraph.Asserted,
				Evidence: actorgraph.Evidence{Text: text, Span: actorgraph.Span{Start: 0, End: len(text)}}}},
		}
		if _, err := s.PutDocument(ctx, actorgraph.Document{Title: r, Published: date, Text: text}, x); err != nil {
			t.Fatal(err)
		}
	}
	ids := map[string]actorgraph.ActorID{}
	as, _, err := s.Actors(ctx, actorgraph.ActorFilter{Page: actorgraph.Page{Limit: 100}})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		ids[strings.TrimPrefix(a.Name, "Group ")] = a.ID
	}
	return s, ids
}

// walkless hides the store's Neighbors, so that Paths pages through Edges.
type walkless struct{ actorgraph.Store }

func TestPaths(t *testing.T) {
	s, ids := pathStore(t, []string{
		"A B 2020-01-01", "B C 2020-01-01", "C D 2020-01-01", "D E 2020-01-01",
		"A F 2020-01-01", "F D 2020-01-01",
		"A G 2020-01-01", "A G 2020-02-01", "G D 2020-01-01", "G D 2020-02-01",
		"E H 2025-01-01", "H I 2020-01-01",
	})
	tests := []struct {
		a, b  string
		hops  int
		asOf  string
		limit int
		want  []string // each path as its actors, in order
	}{
		{"A", "B", 3, "", 5, []string{"A B"}},
		{"B", "A", 3, "", 5, []string{"B A"}},
		{"A", "C", 3, "", 5, []string{"A B C"}},
		// two shortest chains: the better attested first
		{"A", "D", 3, "", 5, []string{"A G D", "A F D"}},
		{"A", "D", 3, "", 1, []string{"A G D"}},
		{"A", "E", 3, "", 5, []string{"A G D E", "A F D E"}},
		{"B", "E", 2, "", 5, nil},
		{"B", "E", 3, "", 5, []string{"B C D E"}},
		{"A", "I", 3, "", 5, nil},
		{"D", "I", 3, "", 5, []string{"D E H I"}},
		// E-H is known only from 2025
		{"D", "I", 3, "2024-01-01", 5, nil},
		{"D", "H", 3, "2025-06-01", 5, []string{"D E H"}},
	}
	for _, store := range []actorgraph.Store{s, walkless{s}} {
		q := &query.Engine{S: store}
		for _, tt := range tests {
			name := fmt.Sprintf("%T %s-%s max %d as of %q", store, tt.a, tt.b, tt.hops, tt.asOf)
			ps, err := q.Paths(context.Background(), ids[tt.a], ids[tt.b], tt.hops, tt.limit, actorgraph.AsOf{Date: tt.asOf})
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			var got []string
			for _, p := range ps {
				at := ids[tt.a]
				for _, h := range p.Hops {
					next := h.Edge.Target
					if !h.Forward {
						next = h.Edge.Source
					}
					if (h.Forward && h.Edge.Source != at) || (!h.Forward && h.Edge.Target != at) {
						t.Errorf("%s: hop %d does not start at the previous hop's end", name, h.Edge.ID)
					}
					if len(h.Evidence) == 0 || len(h.Evidence) != h.Edge.Count {
						t.Errorf("%s: hop %d has %d evidence rows for a count of %d", name, h.Edge.ID, len(h.Evidence), h.Edge.Count)
					}
					at = next
				}
				got = append(got, pathNames(p, tt.a, ids))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("%s: got %q, want %q", name, got, tt.want)
			}
		}
	}
	q := &query.Engine{S: s}
	if _, err := q.Paths(context.Background(), ids["A"], ids["A"], 3, 5, actorgraph.AsOf{}); actorgraph.ErrorCode(err) != actorgraph.EInvalid {
		t.Errorf("same actor: %v", err)
	}
}

func pathNames(p query.Path, from string, ids map[string]actorgraph.ActorID) string {
	byID := map[actorgraph.ActorID]string{}
	for n, id := range ids {
		byID[id] = n
	}
	out := []string{from}
	at := ids[from]
	for _, h := range p.Hops {
		if h.Edge.Source == at {
			at = h.Edge.Target
		} else {
			at = h.Edge.Source
		}
		out = append(out, byID[at])
	}
	return strings.Join(out, " ")
}

// TestProfileSources checks that the store's counting of evidence per
// document gives the top sources that reading every row gives.
func TestProfileSources(t *testing.T) {
	s, ids := pathStore(t, []string{
		"A B 2020-01-01", "A B 2021-01-01", "A C 2021-01-01", "A D 2022-01-01", "B C 2020-01-01", "A E 2023-01-01",
	})
	ctx := context.Background()
	for _, asOf := range []string{"", "2021-06-01"} {
		for _, topN := range []int{1, 3, 10} {
			fast, err := (&query.Engine{S: s}).Profile(ctx, ids["A"], actorgraph.AsOf{Date: asOf}, topN)
			if err != nil {
				t.Fatal(err)
			}
			slow, err := (&query.Engine{S: walkless{s}}).Profile(ctx, ids["A"], actorgraph.AsOf{Date: asOf}, topN)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(fast.TopSources) != fmt.Sprint(slow.TopSources) || len(fast.TopSources) == 0 {
				t.Errorf("as of %q, top %d: %v, want %v", asOf, topN, fast.TopSources, slow.TopSources)
			}
		}
	}
}
