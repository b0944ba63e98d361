package web

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzRequest sends every read endpoint an arbitrary id segment and query
// string: the answer is always JSON with a client-error or success
// status, never a panic or a 500.
func FuzzRequest(f *testing.F) {
	for _, seed := range []struct{ id, query string }{
		{"1", ""},
		{"1", "limit=5&offset=2&as_of=2024-01-01"},
		{"abc", "limit=-1"},
		{"0", "hops=2&type=ALLY,,HOSTS&modality=asserted"},
		{"99999999999999999999", "as_of=2024-02-30"},
		{"%00", "q=%zz&name=%00"},
		{"1", "from=Taliban&to=1&max_hops=4"},
		{"1", "q=\"unbalanced&name=((&actor=Taliban&negated=yes"},
		{"-1", "type=" + strings.Repeat("A,", 100)},
		{"1", "q=NEAR(a b)&q=*&since=9999-12-31&until=0000-01-01"},
	} {
		f.Add(seed.id, seed.query)
	}
	srv, _ := newServer(f, nil)
	var targets []string
	for _, rt := range srv.routes() {
		if rt.method == "GET" && rt.api != nil {
			targets = append(targets, rt.pattern)
		}
	}
	f.Fuzz(func(t *testing.T, id, query string) {
		for _, pattern := range targets {
			req := httptest.NewRequest("GET", "/", nil)
			req.Host = "127.0.0.1:8080"
			req.URL.Path = strings.ReplaceAll(pattern, "{id}", strings.ReplaceAll(id, "/", ""))
			req.URL.RawPath = ""
			req.URL.RawQuery = query
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			switch rec.Code {
			case 200, 301, 307, 308, 400, 404, 409:
			default:
				t.Fatalf("GET %s?%s: status %d: %s", req.URL.Path, query, rec.Code, rec.Body.String())
			}
			if rec.Code >= 300 && rec.Code < 400 {
				continue // the mux cleaning a path
			}
			if !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("GET %s?%s: not JSON: %s", req.URL.Path, query, rec.Body.String())
			}
		}
	})
}
