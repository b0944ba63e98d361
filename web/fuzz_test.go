package web

import (
	"bytes"
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

// FuzzUpload posts arbitrary bodies as JSON and as multipart forms to
// /api/analyze: the answer is JSON with 200, 400 or 413, never a panic or
// a 500, and the store is not touched.
func FuzzUpload(f *testing.F) {
	for _, seed := range []struct {
		ctype string
		body  string
	}{
		{"application/json", `{"text":"Iran supports Hezbollah."}`},
		{"application/json", `{"text":"Published: 2024-01-01\n\nThe Taliban hosts al-Qaeda.","published":"2024-02-30"}`},
		{"application/json", `{"text":null,"title":7}`},
		{"application/json", `[1,2,3]`},
		{"application/json; charset=utf-16", "\xff\xfe{\x00}\x00"},
		{"multipart/form-data; boundary=XX", "--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.html\"\r\n\r\n<p>Iran supports Hezbollah.</p>\r\n--XX--\r\n"},
		{"multipart/form-data; boundary=XX", "--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../a.pdf\"\r\n\r\n%PDF-1.4\r\n--XX--\r\n"},
		{"multipart/form-data; boundary=XX", "--XX\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nThe Taliban hosts al-Qaeda.\r\n--XX"},
		{"multipart/form-data", "--XX\r\n"},
		{"text/html", "<p>x</p>"},
	} {
		f.Add(seed.ctype, []byte(seed.body))
	}
	srv, _ := newServer(f, func(c *Config) { c.MaxBody = 1 << 20 })
	f.Fuzz(func(t *testing.T, ctype string, body []byte) {
		req := httptest.NewRequest("POST", "/api/analyze", bytes.NewReader(body))
		req.Host = "127.0.0.1:8080"
		req.Header.Set("Content-Type", ctype)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		switch rec.Code {
		case 200, 400, 413:
		default:
			t.Fatalf("%q %q: status %d: %s", ctype, body, rec.Code, rec.Body.String())
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%q %q: not JSON: %s", ctype, body, rec.Body.String())
		}
	})
}
