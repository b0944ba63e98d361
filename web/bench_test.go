package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"testing"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/store/sqlite"
)

// BenchmarkEndpoints measures the handlers in process over the store
// named by $ACTORGRAPH_BENCH_DB (say the 100,000-document store of
// scripts/gencorpus), or over the samples: each endpoint for the ten
// actors with the most documents, their strongest relationship, and ten
// documents. scripts/loadtest measures the same over HTTP with
// concurrent clients.
func BenchmarkEndpoints(b *testing.B) {
	path := os.Getenv("ACTORGRAPH_BENCH_DB")
	if path == "" {
		path = sampleDB(b)
	}
	st, err := sqlite.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	srv, err := New(Config{Store: st, Loopback: true, UI: testUI})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	as, _, err := st.Actors(ctx, actorgraph.ActorFilter{Page: actorgraph.Page{Limit: 10}})
	if err != nil {
		b.Fatal(err)
	}
	_, ndocs, _ := st.Documents(ctx, actorgraph.AsOf{}, actorgraph.Page{Limit: 1})
	groups := map[string][]string{}
	for i, a := range as {
		id := strconv.FormatInt(int64(a.ID), 10)
		groups["profile"] = append(groups["profile"], "/api/actors/"+id)
		groups["graph"] = append(groups["graph"], "/api/actors/"+id+"/graph")
		groups["graph2"] = append(groups["graph2"], "/api/actors/"+id+"/graph?hops=2")
		groups["timeline"] = append(groups["timeline"], "/api/actors/"+id+"/timeline?limit=100")
		groups["relations"] = append(groups["relations"], "/api/relations?actor="+id)
		groups["path"] = append(groups["path"], "/api/path?from="+id+"&to="+strconv.FormatInt(int64(as[(i+1)%len(as)].ID), 10))
		es, _, _ := st.Edges(ctx, actorgraph.EdgeFilter{Actor: a.ID, Page: actorgraph.Page{Limit: 1}})
		for _, e := range es {
			groups["evidence"] = append(groups["evidence"], "/api/edges/"+strconv.FormatInt(int64(e.ID), 10)+"/evidence")
		}
		groups["document"] = append(groups["document"], "/api/documents/"+strconv.Itoa(1+i*ndocs/len(as)))
		groups["actors?q"] = append(groups["actors?q"], "/api/actors?q="+url.QueryEscape(a.Name[:min(4, len(a.Name))]))
	}
	groups["lists"] = []string{"/api/actors", "/api/documents", "/api/relations", "/api/search?q=attack"}
	for name, urls := range groups {
		b.Run(name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				req := httptest.NewRequest("GET", urls[i%len(urls)], nil)
				req.Host = "127.0.0.1"
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("%s: %d %s", urls[i%len(urls)], rec.Code, rec.Body.String())
				}
			}
		})
	}
}
