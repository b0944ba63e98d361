package web

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/actorgraph/actorgraph"
)

// plainStore hides what store/sqlite has beyond actorgraph.Store and
// actorgraph.Assessor, so the web layer takes its general paths.
type plainStore struct {
	actorgraph.Store
	actorgraph.Assessor
}

// TestStoreShortcuts checks that the answers built from store/sqlite's
// shortcuts (DocumentLinks, EvidencePage, ActorSummaries) are those built from the Store
// interface alone, for every sample document and relationship.
func TestStoreShortcuts(t *testing.T) {
	fast, st := newServer(t, nil)
	plain, _ := newServer(t, func(c *Config) { c.Store = plainStore{c.Store, c.Store.(actorgraph.Assessor)} })
	docs, _, err := st.Documents(context.Background(), actorgraph.AsOf{}, actorgraph.Page{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	edges, _, err := st.Edges(context.Background(), actorgraph.EdgeFilter{Page: actorgraph.Page{Limit: 500}})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 || len(edges) == 0 {
		t.Fatalf("%d documents, %d relationships", len(docs), len(edges))
	}
	var urls []string
	for _, d := range docs {
		urls = append(urls, fmt.Sprintf("/api/documents/%d", d.DocID))
	}
	for _, e := range edges {
		urls = append(urls, fmt.Sprintf("/api/edges/%d/evidence", e.ID), fmt.Sprintf("/api/edges/%d/evidence?limit=1&offset=1", e.ID),
			fmt.Sprintf("/api/edges/%d/evidence?as_of=2024-01-01&limit=2", e.ID), fmt.Sprintf("/api/edges/%d?as_of=2023-06-30", e.ID))
	}
	for i := 0; i < len(edges) && i < 20; i++ {
		urls = append(urls, fmt.Sprintf("/api/actors/%d/graph", edges[i].Source), fmt.Sprintf("/api/actors/%d/graph?hops=2&limit=30", edges[i].Target))
	}
	for i := 0; i+1 < len(edges) && i < 40; i++ {
		urls = append(urls, fmt.Sprintf("/api/path?from=%d&to=%d&max_hops=3", edges[i].Source, edges[i+1].Target))
	}
	for _, u := range urls {
		a, b := do(fast, "GET", u, nil, nil), do(plain, "GET", u, nil, nil)
		if a.Code != b.Code || !bytes.Equal(a.Body.Bytes(), b.Body.Bytes()) {
			t.Errorf("GET %s: with the store's shortcuts %d\n%s\nwithout %d\n%s", u, a.Code, a.Body, b.Code, b.Body)
		}
	}
}
