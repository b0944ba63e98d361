package sqlite

import (
	"fmt"
	"path/filepath"
	"sort"
	"testing"

	"github.com/actorgraph/actorgraph"
)

// walkStore holds a few hundred generated documents (see bench_test.go):
// actors with hundreds of edges, some contested.
func walkStore(t *testing.T) (*Store, []actorgraph.Actor) {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "walk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c := newCorpus(3)
	var in []DocInput
	for i := 0; i < 300; i++ {
		d, x := c.doc(i)
		in = append(in, DocInput{d, x})
	}
	if _, err := s.PutDocuments(bg, in); err != nil {
		t.Fatal(err)
	}
	top, _, err := s.Actors(bg, actorgraph.ActorFilter{Page: actorgraph.Page{Limit: 5}})
	if err != nil {
		t.Fatal(err)
	}
	return s, top
}

// TestEveryEdgeOfActor checks that listing all of an actor's edges at
// once gives what paging through them gives.
func TestEveryEdgeOfActor(t *testing.T) {
	s, top := walkStore(t)
	for _, a := range top {
		all, total, err := s.Edges(bg, actorgraph.EdgeFilter{Actor: a.ID, Page: actorgraph.Page{Limit: MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		var paged []actorgraph.Edge
		for off := 0; off < total; off += 7 {
			es, _, err := s.Edges(bg, actorgraph.EdgeFilter{Actor: a.ID, Page: actorgraph.Page{Offset: off, Limit: 7}})
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, es...)
		}
		if total < 20 || len(all) != total {
			t.Fatalf("%s: %d edges of %d", a.Name, len(all), total)
		}
		if fmt.Sprint(all) != fmt.Sprint(paged) {
			t.Errorf("%s: all at once differs from paged:\n%v\n%v", a.Name, all, paged)
		}
	}
}

// TestNeighbors checks one-level walks against the edges of each actor.
func TestNeighbors(t *testing.T) {
	s, top := walkStore(t)
	ids := []actorgraph.ActorID{top[0].ID, top[1].ID, top[2].ID}
	want := map[actorgraph.EdgeID]bool{}
	for _, id := range ids {
		es, _, err := s.Edges(bg, actorgraph.EdgeFilter{Actor: id, Page: actorgraph.Page{Limit: MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			want[e.ID] = true
		}
	}
	got, err := s.Neighbors(bg, ids, nil, actorgraph.AsOf{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[actorgraph.EdgeID]bool{}
	for _, e := range got {
		if seen[e.ID] || !want[e.ID] {
			t.Errorf("edge %d listed twice or not an edge of the actors", e.ID)
		}
		seen[e.ID] = true
	}
	if len(seen) != len(want) {
		t.Errorf("%d edges, want %d", len(seen), len(want))
	}
	// restricted to edges between two sets
	from, to := ids[:1], ids[1:]
	between, err := s.Neighbors(bg, from, to, actorgraph.AsOf{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range between {
		a, b := e.Source, e.Target
		if !((a == from[0] && (b == to[0] || b == to[1])) || (b == from[0] && (a == to[0] || a == to[1]))) {
			t.Errorf("edge %d (%d-%d) is not between the sets", e.ID, a, b)
		}
	}
	// as of a date before every document: nothing
	none, err := s.Neighbors(bg, ids, nil, actorgraph.AsOf{Date: "1900-01-01"})
	if err != nil || len(none) != 0 {
		t.Errorf("as of 1900: %d edges, %v", len(none), err)
	}
	if _, err := s.Neighbors(bg, ids, nil, actorgraph.AsOf{Date: "soon"}); actorgraph.ErrorCode(err) != actorgraph.EInvalid {
		t.Errorf("bad date: %v", err)
	}
}

// TestEvidenceByDocument checks the counts against every evidence row.
func TestEvidenceByDocument(t *testing.T) {
	s, top := walkStore(t)
	es, _, err := s.Edges(bg, actorgraph.EdgeFilter{Actor: top[0].ID, Page: actorgraph.Page{Limit: 50}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []actorgraph.EdgeID
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	for _, asOf := range []string{"", "2019-06-30"} {
		per := map[actorgraph.DocID]int{}
		for _, id := range ids {
			rows, err := s.Evidence(bg, id, actorgraph.AsOf{Date: asOf})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				per[r.DocID]++
			}
		}
		var docs []actorgraph.DocID
		for d := range per {
			docs = append(docs, d)
		}
		sort.Slice(docs, func(i, j int) bool {
			if per[docs[i]] != per[docs[j]] {
				return per[docs[i]] > per[docs[j]]
			}
			return docs[i] < docs[j]
		})
		rows, counts, err := s.EvidenceByDocument(bg, ids, actorgraph.AsOf{Date: asOf}, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != min(10, len(docs)) || len(rows) == 0 {
			t.Fatalf("as of %q: %d documents, want %d", asOf, len(rows), min(10, len(docs)))
		}
		for i, r := range rows {
			if r.DocID != docs[i] || counts[i] != per[docs[i]] || r.Sentence == "" {
				t.Errorf("as of %q: #%d is document %d with %d rows, want %d with %d", asOf, i, r.DocID, counts[i], docs[i], per[docs[i]])
			}
		}
	}
	if _, _, err := s.EvidenceByDocument(bg, ids, actorgraph.AsOf{}, 0); actorgraph.ErrorCode(err) != actorgraph.EInvalid {
		t.Errorf("n = 0: %v", err)
	}
}
