package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/ingest"
	"github.com/actorgraph/actorgraph/nlp/pipeline"
	"github.com/actorgraph/actorgraph/samples"
	"github.com/actorgraph/actorgraph/source"
	"github.com/actorgraph/actorgraph/store/sqlite"
)

// fixture is a store holding the sample reports, built once per test
// binary, and a server over it.
var fixture struct {
	once sync.Once
	dir  string
	x    *pipeline.Extractor
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixture.dir != "" {
		os.RemoveAll(fixture.dir)
	}
	os.Exit(code)
}

func extractor(t testing.TB) *pipeline.Extractor {
	t.Helper()
	x, err := pipeline.Default()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// sampleDB returns the path of a fresh copy of the samples store.
func sampleDB(t testing.TB) string {
	t.Helper()
	fixture.once.Do(func() {
		fixture.dir, fixture.err = os.MkdirTemp("", "actorgraph-web-test-")
		if fixture.err != nil {
			return
		}
		fixture.x = extractor(t)
		s, err := sqlite.Open(filepath.Join(fixture.dir, "samples.db"))
		if err != nil {
			fixture.err = err
			return
		}
		defer s.Close()
		texts := map[string]string{}
		var names []string
		for _, r := range samples.All() {
			texts[r.Name] = r.Text
			names = append(names, r.Name)
		}
		read := func(_ context.Context, name string) ([]actorgraph.Document, error) {
			return source.Read(name+".txt", strings.NewReader(texts[name]), source.Options{})
		}
		_, fixture.err = ingest.Run(context.Background(), s, fixture.x, read, names, ingest.Options{Workers: 2})
	})
	if fixture.err != nil {
		t.Fatal(fixture.err)
	}
	b, err := os.ReadFile(filepath.Join(fixture.dir, "samples.db"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "samples.db")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// testUI stands in for the web app's files.
var testUI = fstest.MapFS{
	"index.html":   {Data: []byte("<!doctype html><title>actorgraph</title><script src=\"/js/app.js\"></script>")},
	"js/app.js":    {Data: []byte("console.log('app');")},
	"css/app.css":  {Data: []byte("body{}")},
	"favicon.svg":  {Data: []byte("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")},
	"fonts/x.woff": {Data: []byte("wOFF")},
}

// newServer serves a fresh copy of the samples store; edit adjusts the
// configuration.
func newServer(t testing.TB, edit func(*Config)) (*Server, actorgraph.Store) {
	t.Helper()
	path := sampleDB(t)
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	cfg := Config{Store: s, Extractor: fixture.x, Loopback: true, UI: testUI, Log: log.New(io.Discard, "", 0)}
	if edit != nil {
		edit(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return srv, s
}

// do runs one request against h and returns the recorder.
func do(h http.Handler, method, target string, body io.Reader, header map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, body)
	req.Host = "127.0.0.1:8080"
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func decode(t *testing.T, rec *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, rec.Body.String())
	}
	return m
}

func errCode(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	m := decode(t, rec)
	e, _ := m["error"].(map[string]any)
	if e == nil {
		t.Fatalf("no error object: %s", rec.Body.String())
	}
	if msg, _ := e["message"].(string); msg == "" {
		t.Errorf("error without a message: %s", rec.Body.String())
	}
	c, _ := e["code"].(string)
	return c
}

var jsonReport = map[string]string{"Content-Type": "application/json"}

func TestSecurityHeaders(t *testing.T) {
	srv, _ := newServer(t, nil)
	for _, target := range []string{"/", "/api/actors", "/api/actors/0", "/js/app.js", "/api/nope", "/nope"} {
		rec := do(srv, "GET", target, nil, nil)
		h := rec.Header()
		for k, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"X-Frame-Options":        "DENY",
			"Referrer-Policy":        "no-referrer",
		} {
			if got := h.Get(k); got != want {
				t.Errorf("%s: %s = %q, want %q", target, k, got, want)
			}
		}
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", target, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP allows inline code: %q", target, csp)
		}
	}
}

func TestStaticFiles(t *testing.T) {
	srv, _ := newServer(t, nil)
	tests := []struct {
		target, status, ctype, body string
	}{
		{"/", "200", "text/html; charset=utf-8", "<!doctype html>"},
		{"/index.html", "200", "text/html; charset=utf-8", "<!doctype html>"},
		{"/actor/12", "200", "text/html; charset=utf-8", "<!doctype html>"},
		{"/document/3", "200", "text/html; charset=utf-8", "<!doctype html>"},
		{"/timeline/3", "200", "text/html; charset=utf-8", "<!doctype html>"},
		{"/analyze", "200", "text/html; charset=utf-8", "<!doctype html>"},
		{"/search?q=Taliban", "200", "text/html; charset=utf-8", "<!doctype html>"},
		{"/js/app.js", "200", "text/javascript; charset=utf-8", "console.log"},
		{"/css/app.css", "200", "text/css; charset=utf-8", "body"},
		{"/favicon.svg", "200", "image/svg+xml", "<svg"},
		{"/nope.js", "404", "", ""},
		{"/../../etc/passwd", "307", "", ""}, // to the cleaned path
		{"/etc/passwd", "404", "", ""},
		{"/web.go", "404", "", ""},
	}
	for _, tt := range tests {
		rec := do(srv, "GET", tt.target, nil, nil)
		if got := itoa(int64(rec.Code)); got != tt.status {
			t.Errorf("%s: status %s, want %s", tt.target, got, tt.status)
			continue
		}
		if tt.ctype != "" && rec.Header().Get("Content-Type") != tt.ctype {
			t.Errorf("%s: Content-Type %q, want %q", tt.target, rec.Header().Get("Content-Type"), tt.ctype)
		}
		if !strings.Contains(rec.Body.String(), tt.body) {
			t.Errorf("%s: body %q lacks %q", tt.target, rec.Body.String(), tt.body)
		}
	}
	if rec := do(srv, "POST", "/", nil, nil); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /: status %d", rec.Code)
	}
}

func TestBadInput(t *testing.T) {
	srv, _ := newServer(t, nil)
	tests := []struct {
		method, target string
		status         int
		code           string
	}{
		{"GET", "/api/actors?limit=0", 400, "invalid"},
		{"GET", "/api/actors?limit=501", 400, "invalid"},
		{"GET", "/api/actors?limit=ten", 400, "invalid"},
		{"GET", "/api/actors?offset=-1", 400, "invalid"},
		{"GET", "/api/actors?type=DRAGON", 400, "invalid"},
		{"GET", "/api/actors?as_of=2024-13-01", 400, "invalid"},
		{"GET", "/api/actors?as_of=yesterday", 400, "invalid"},
		{"GET", "/api/actors?q=%zz", 400, "invalid"},
		{"GET", "/api/actors/abc", 400, "invalid"},
		{"GET", "/api/actors/-3", 400, "invalid"},
		{"GET", "/api/actors/99999999999999999999", 400, "invalid"},
		{"GET", "/api/actors/999999", 404, "not_found"},
		{"GET", "/api/actors/1/graph?hops=3", 400, "invalid"},
		{"GET", "/api/actors/1/graph?type=FRIEND", 400, "invalid"},
		{"GET", "/api/actors/1/graph?modality=certain", 400, "invalid"},
		{"GET", "/api/actors/999999/graph", 404, "not_found"},
		{"GET", "/api/actors/999999/timeline", 404, "not_found"},
		{"GET", "/api/relations?negated=maybe", 400, "invalid"},
		{"GET", "/api/relations?since=2024-02-30", 400, "invalid"},
		{"GET", "/api/relations?actor=Zzyzx+Qqq", 404, "not_found"},
		{"GET", "/api/edges/0", 400, "invalid"},
		{"GET", "/api/edges/999999/evidence", 404, "not_found"},
		{"GET", "/api/documents/999999", 404, "not_found"},
		{"GET", "/api/documents/1x", 400, "invalid"},
		{"GET", "/api/resolve", 400, "invalid"},
		{"GET", "/api/resolve?name=Zzyzx+Qqq", 404, "not_found"},
		{"GET", "/api/path?from=Taliban", 400, "invalid"},
		{"GET", "/api/path?from=Taliban&to=Taliban", 400, "invalid"},
		{"GET", "/api/path?from=Taliban&to=Iran&max_hops=9", 400, "invalid"},
		{"GET", "/api/search", 400, "invalid"},
		{"GET", "/api/search?q=" + strings.Repeat("a", 1001), 400, "invalid"},
		{"GET", "/api/export?format=pdf", 400, "invalid"},
		{"GET", "/api/export?actor=Zzyzx+Qqq", 404, "not_found"},
		{"GET", "/api/nope", 404, "not_found"},
		{"DELETE", "/api/actors", 405, "invalid"},
		{"POST", "/api/actors/1", 405, "invalid"},
		{"GET", "/api/analyze", 405, "invalid"},
	}
	for _, tt := range tests {
		rec := do(srv, tt.method, tt.target, nil, nil)
		if rec.Code != tt.status {
			t.Errorf("%s %s: status %d, want %d: %s", tt.method, tt.target, rec.Code, tt.status, rec.Body.String())
			continue
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("%s %s: Content-Type %q", tt.method, tt.target, ct)
		}
		if got := errCode(t, rec); got != tt.code {
			t.Errorf("%s %s: code %q, want %q", tt.method, tt.target, got, tt.code)
		}
	}
}

func TestResolveCandidates(t *testing.T) {
	srv, _ := newServer(t, nil)
	rec := do(srv, "GET", "/api/resolve?name=Talibn", nil, nil)
	if rec.Code != 404 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
	}
	var body errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range body.Error.Candidates {
		found = found || c.Name == "Taliban"
	}
	if !found {
		t.Errorf("candidates of Talibn lack Taliban: %+v", body.Error.Candidates)
	}
	rec = do(srv, "GET", "/api/resolve?name=taliban", nil, nil)
	if rec.Code != 200 || decode(t, rec)["name"] != "Taliban" {
		t.Errorf("resolve taliban: %d %s", rec.Code, rec.Body.String())
	}
}

// injection is a report whose names, title and text carry markup.
const injection = `Published: 2024-05-01

The <script>alert('x')</script> Brigade and the Taliban announced an alliance in Kabul.
The Taliban hosts the <img src=x onerror=alert(1)> Front, according to officials.
"></title><svg onload=alert(2)> al-Qaeda supports the Taliban & its allies.`

func TestInjectionIsData(t *testing.T) {
	srv, _ := newServer(t, nil)
	body, _ := json.Marshal(map[string]string{"text": injection, "title": "<b onmouseover=alert(3)>Title</b>",
		"publisher": "<iframe src=//evil>"})
	rec := do(srv, "POST", "/api/documents", bytes.NewReader(body), jsonReport)
	if rec.Code != 200 {
		t.Fatalf("POST: %d %s", rec.Code, rec.Body.String())
	}
	id := int64(decode(t, rec)["id"].(float64))
	for _, target := range []string{
		"/api/documents/" + itoa(id),
		"/api/documents?limit=500",
		"/api/search?q=alliance",
		"/api/actors?limit=500",
		"/api/relations?limit=500",
	} {
		rec := do(srv, "GET", target, nil, nil)
		if rec.Code != 200 {
			t.Fatalf("%s: %d %s", target, rec.Code, rec.Body.String())
		}
		b := rec.Body.String()
		if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", target, ct)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", target)
		}
		if strings.ContainsAny(b, "<>") {
			t.Errorf("%s: raw markup characters in the JSON: %s", target, b)
		}
		var v any
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Errorf("%s: not JSON: %v", target, err)
		}
	}
	// the text comes back exactly, as data
	var doc documentAnswer
	rec = do(srv, "GET", "/api/documents/"+itoa(id), nil, nil)
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Document.Text == nil || !strings.Contains(*doc.Document.Text, "<script>alert('x')</script>") {
		t.Errorf("stored text changed: %v", doc.Document.Text)
	}
	if doc.Document.Title != "<b onmouseover=alert(3)>Title</b>" || doc.Document.Published != "2024-05-01" {
		t.Errorf("document = %+v", doc.Document)
	}
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(*doc.Document.Text) || m.Start >= m.End {
				t.Errorf("entity %s: mention %v outside the text", e.Name, m)
			}
		}
	}
	if len(doc.Relations) == 0 {
		t.Errorf("no relations read from the injected report")
	}
	for _, r := range doc.Relations {
		s := r.EvidenceSpan
		if s[0] < 0 || s[1] > len(*doc.Document.Text) || (*doc.Document.Text)[s[0]:s[1]] == "" {
			t.Errorf("relation %+v: evidence span outside the text", r)
		}
	}
}

func TestDocumentLinksToGraph(t *testing.T) {
	srv, _ := newServer(t, nil)
	var doc documentAnswer
	rec := do(srv, "GET", "/api/documents/1", nil, nil)
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || rec.Code != 200 {
		t.Fatalf("%d %v", rec.Code, err)
	}
	text := *doc.Document.Text
	linked, edges := 0, 0
	for _, e := range doc.Entities {
		if e.ID != 0 {
			linked++
		}
		for _, m := range e.Mentions {
			if m.End > len(text) {
				t.Fatalf("mention %v past the text", m)
			}
		}
	}
	for _, r := range doc.Relations {
		if r.EdgeID == 0 {
			continue
		}
		edges++
		var e actorgraph.Edge
		rec := do(srv, "GET", "/api/edges/"+itoa(int64(r.EdgeID)), nil, nil)
		if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		if e.Type != r.Type || e.Negated != r.Negated {
			t.Errorf("relation %+v links to edge %+v", r, e)
		}
		if got := text[r.EvidenceSpan[0]:r.EvidenceSpan[1]]; got != r.Evidence {
			t.Errorf("evidence span %v is %q, want %q", r.EvidenceSpan, got, r.Evidence)
		}
	}
	if linked < len(doc.Entities)*9/10 || edges < len(doc.Relations)*9/10 {
		t.Errorf("%d of %d entities and %d of %d relations linked to the graph", linked, len(doc.Entities), edges, len(doc.Relations))
	}
}

func TestWriteAuthorisation(t *testing.T) {
	body := `{"text":"The Taliban hosts al-Qaeda in Kabul."}`
	tests := []struct {
		name     string
		loopback bool
		token    string
		header   map[string]string
		host     string
		status   int
	}{
		{"loopback, no token", true, "", nil, "", 200},
		{"loopback, localhost", true, "", nil, "localhost:8080", 200},
		{"loopback, foreign host name (rebinding)", true, "", nil, "evil.example:8080", 403},
		{"open address, no token", false, "", nil, "", 403},
		{"token missing", false, "s3cret", nil, "", 401},
		{"token wrong", false, "s3cret", map[string]string{"Authorization": "Bearer s3cre"}, "", 401},
		{"token not bearer", false, "s3cret", map[string]string{"Authorization": "s3cret"}, "", 401},
		{"token right", false, "s3cret", map[string]string{"Authorization": "Bearer s3cret"}, "", 200},
		{"token on loopback too", true, "s3cret", nil, "", 401},
		{"cross-site", true, "", map[string]string{"Sec-Fetch-Site": "cross-site"}, "", 403},
		{"other origin", true, "", map[string]string{"Origin": "http://evil.example"}, "", 403},
		{"same origin", true, "", map[string]string{"Origin": "http://127.0.0.1:8080", "Sec-Fetch-Site": "same-origin"}, "", 200},
	}
	for _, tt := range tests {
		srv, _ := newServer(t, func(c *Config) { c.Loopback, c.Token = tt.loopback, tt.token })
		for _, target := range []string{"/api/analyze", "/api/documents"} {
			h := map[string]string{"Content-Type": "application/json"}
			for k, v := range tt.header {
				h[k] = v
			}
			req := httptest.NewRequest("POST", target, strings.NewReader(body))
			req.Host = "127.0.0.1:8080"
			if tt.host != "" {
				req.Host = tt.host
			}
			for k, v := range h {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Errorf("%s: POST %s: %d, want %d: %s", tt.name, target, rec.Code, tt.status, rec.Body.String())
			}
			if rec.Code == 401 && rec.Header().Get("WWW-Authenticate") == "" {
				t.Errorf("%s: 401 without WWW-Authenticate", tt.name)
			}
		}
		// reads need no token
		if rec := do(srv, "GET", "/api/actors", nil, nil); rec.Code != 200 {
			t.Errorf("%s: GET /api/actors: %d", tt.name, rec.Code)
		}
	}
}

func TestUploads(t *testing.T) {
	srv, store := newServer(t, func(c *Config) { c.MaxBody = 64 << 10 })
	form := func(fields map[string]string, file, fileName string) (io.Reader, map[string]string) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for k, v := range fields {
			mw.WriteField(k, v)
		}
		if fileName != "" {
			w, _ := mw.CreateFormFile("file", fileName)
			w.Write([]byte(file))
		}
		mw.Close()
		return &b, map[string]string{"Content-Type": mw.FormDataContentType()}
	}
	html := `<html><head><title>Kabul brief</title><meta property="article:published_time" content="2023-04-05T10:00:00Z"></head><body><article><h1>Kabul brief</h1>
<p>The Taliban hosts al-Qaeda in Kabul, officials said.</p></article></body></html>`
	tests := []struct {
		name   string
		body   func() (io.Reader, map[string]string)
		status int
		check  func(t *testing.T, m map[string]any)
	}{
		{"json", func() (io.Reader, map[string]string) {
			return strings.NewReader(`{"text":"Published: 2022-02-02\n\nThe Taliban hosts al-Qaeda in Kabul.","url":"https://example.org/a"}`), jsonReport
		}, 200, func(t *testing.T, m map[string]any) {
			if m["new"] != true || m["relations"].(float64) < 1 {
				t.Errorf("got %v", m)
			}
		}},
		{"html file", func() (io.Reader, map[string]string) { return form(nil, html, "brief.html") }, 200, nil},
		{"text field", func() (io.Reader, map[string]string) {
			return form(map[string]string{"text": "Iran supports Hezbollah.", "published": "2021-01-01"}, "", "")
		}, 200, nil},
		{"file and text", func() (io.Reader, map[string]string) {
			return form(map[string]string{"text": "Iran supports Hezbollah."}, "x", "a.txt")
		}, 400, nil},
		{"unknown field", func() (io.Reader, map[string]string) { return form(map[string]string{"colour": "red"}, "", "") }, 400, nil},
		{"empty", func() (io.Reader, map[string]string) { return strings.NewReader(`{"text":"  "}`), jsonReport }, 400, nil},
		{"not json", func() (io.Reader, map[string]string) { return strings.NewReader(`{"text":`), jsonReport }, 400, nil},
		{"unknown json field", func() (io.Reader, map[string]string) {
			return strings.NewReader(`{"text":"Iran supports Hezbollah.","colour":1}`), jsonReport
		}, 400, nil},
		{"two values", func() (io.Reader, map[string]string) {
			return strings.NewReader(`{"text":"Iran supports Hezbollah."} {}`), jsonReport
		}, 400, nil},
		{"bad date", func() (io.Reader, map[string]string) {
			return strings.NewReader(`{"text":"Iran supports Hezbollah.","published":"2021-02-31"}`), jsonReport
		}, 400, nil},
		{"bad url", func() (io.Reader, map[string]string) {
			return strings.NewReader(`{"text":"Iran supports Hezbollah.","url":"javascript:alert(1)"}`), jsonReport
		}, 400, nil},
		{"binary file", func() (io.Reader, map[string]string) { return form(nil, "\x00\x01\x02\xff\xfe", "x.bin") }, 400, nil},
		{"plain text type", func() (io.Reader, map[string]string) {
			return strings.NewReader("Iran supports Hezbollah."), map[string]string{"Content-Type": "text/plain"}
		}, 400, nil},
		{"too large json", func() (io.Reader, map[string]string) {
			return strings.NewReader(`{"text":"` + strings.Repeat("Iran supports Hezbollah. ", 4000) + `"}`), jsonReport
		}, 413, nil},
		{"too large file", func() (io.Reader, map[string]string) {
			return form(nil, strings.Repeat("Iran supports Hezbollah. ", 4000), "big.txt")
		}, 413, nil},
	}
	for _, tt := range tests {
		_, before, _ := store.Documents(context.Background(), actorgraph.AsOf{}, actorgraph.Page{Limit: 1})
		body, h := tt.body()
		rec := do(srv, "POST", "/api/documents", body, h)
		if rec.Code != tt.status {
			t.Errorf("%s: status %d, want %d: %s", tt.name, rec.Code, tt.status, rec.Body.String())
			continue
		}
		m := decode(t, rec)
		if tt.status != 200 {
			if code := errCode(t, rec); code != map[int]string{400: "invalid", 413: "too_large"}[tt.status] {
				t.Errorf("%s: code %q", tt.name, code)
			}
			_, after, _ := store.Documents(context.Background(), actorgraph.AsOf{}, actorgraph.Page{Limit: 1})
			if after != before {
				t.Errorf("%s: a refused upload changed the store (%d → %d documents)", tt.name, before, after)
			}
		}
		if tt.check != nil {
			tt.check(t, m)
		}
	}
	// analyze stores nothing and answers the extraction over the text
	_, before, _ := store.Documents(context.Background(), actorgraph.AsOf{}, actorgraph.Page{Limit: 1})
	body, h := form(nil, html, "brief.html")
	rec := do(srv, "POST", "/api/analyze", body, h)
	if rec.Code != 200 {
		t.Fatalf("analyze: %d %s", rec.Code, rec.Body.String())
	}
	var a analysis
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	if a.Title != "Kabul brief" || a.Published != "2023-04-05" || len(a.Relations) == 0 {
		t.Errorf("analysis = %+v", a)
	}
	for _, r := range a.Relations {
		if a.Text[r.Evidence.Span.Start:r.Evidence.Span.End] != r.Evidence.Text {
			t.Errorf("evidence span %v does not cut %q from the text", r.Evidence.Span, r.Evidence.Text)
		}
	}
	_, after, _ := store.Documents(context.Background(), actorgraph.AsOf{}, actorgraph.Page{Limit: 1})
	if after != before {
		t.Errorf("analyze stored something: %d → %d", before, after)
	}
}

func TestExportDownloads(t *testing.T) {
	srv, _ := newServer(t, nil)
	taliban := itoa(int64(decode(t, do(srv, "GET", "/api/resolve?name=Taliban", nil, nil))["id"].(float64)))
	tests := []struct {
		query, ctype, file, starts string
	}{
		{"format=stix", "application/stix+json;version=2.1", "actorgraph.stix.json", "{"},
		{"format=graphml&actor=Taliban", "application/graphml+xml; charset=utf-8", "actorgraph-actor-" + taliban + ".graphml", "<?xml"},
		{"format=gexf&actor=1&hops=2", "application/gexf+xml; charset=utf-8", "actorgraph-actor-1.gexf", "<?xml"},
		{"format=csv", "text/csv; charset=utf-8", "actorgraph.csv", ""},
		{"format=jsonl&as_of=2024-01-01", "application/x-ndjson; charset=utf-8", "actorgraph.jsonl", "{"},
	}
	for _, tt := range tests {
		rec := do(srv, "GET", "/api/export?"+tt.query, nil, nil)
		if rec.Code != 200 {
			t.Errorf("%s: %d %s", tt.query, rec.Code, rec.Body.String())
			continue
		}
		if got := rec.Header().Get("Content-Type"); got != tt.ctype {
			t.Errorf("%s: Content-Type %q, want %q", tt.query, got, tt.ctype)
		}
		if got := rec.Header().Get("Content-Disposition"); got != `attachment; filename="`+tt.file+`"` {
			t.Errorf("%s: Content-Disposition %q", tt.query, got)
		}
		if rec.Body.Len() == 0 || !strings.HasPrefix(rec.Body.String(), tt.starts) {
			t.Errorf("%s: body starts %q", tt.query, rec.Body.String()[:min(40, rec.Body.Len())])
		}
	}
}

func TestAsOf(t *testing.T) {
	srv, _ := newServer(t, nil)
	var all, early list[docJSON]
	json.Unmarshal(do(srv, "GET", "/api/documents?limit=500", nil, nil).Body.Bytes(), &all)
	json.Unmarshal(do(srv, "GET", "/api/documents?limit=500&as_of=2023-01-01", nil, nil).Body.Bytes(), &early)
	if early.Total == 0 || early.Total >= all.Total {
		t.Fatalf("as_of 2023-01-01 keeps %d of %d documents", early.Total, all.Total)
	}
	for _, d := range early.Items {
		if d.Published > "2023-01-01" {
			t.Errorf("document %d published %s is in the graph of 2023-01-01", d.ID, d.Published)
		}
	}
	for _, d := range all.Items {
		if d.Published > "2023-01-01" {
			rec := do(srv, "GET", "/api/documents/"+itoa(int64(d.ID))+"?as_of=2023-01-01", nil, nil)
			if rec.Code != 404 {
				t.Errorf("document %d (%s) as of 2023-01-01: %d", d.ID, d.Published, rec.Code)
			}
			break
		}
	}
}

func TestPanicRecovery(t *testing.T) {
	srv, _ := newServer(t, nil)
	srv.mux.HandleFunc("/api/boom", func(http.ResponseWriter, *http.Request) { panic("boom") })
	rec := do(srv, "GET", "/api/boom", nil, nil)
	if rec.Code != 500 || errCode(t, rec) != "internal" || strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("panic answered %d %s", rec.Code, rec.Body.String())
	}
}

// TestPathsMatchQuery checks the bounded bidirectional search against
// query.Engine's breadth-first search on the samples: the same shortest
// length, and every path a connected chain from one actor to the other.
func TestPathsMatchQuery(t *testing.T) {
	srv, store := newServer(t, nil)
	ctx := context.Background()
	as, _, err := store.Actors(ctx, actorgraph.ActorFilter{Page: actorgraph.Page{Limit: 12}})
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for i, a := range as {
		for _, b := range as[i+1:] {
			want, err := srv.q.Paths(ctx, a.ID, b.ID, 3, 5, actorgraph.AsOf{})
			if err != nil {
				t.Fatal(err)
			}
			got, truncated, err := srv.paths(ctx, a.ID, b.ID, 3, 5, actorgraph.AsOf{})
			if err != nil || truncated {
				t.Fatalf("%s → %s: %v (truncated %v)", a.Name, b.Name, err, truncated)
			}
			if len(want) == 0 != (len(got) == 0) || (len(want) > 0 && len(want[0].Hops) != len(got[0].Hops)) {
				t.Errorf("%s → %s: got %d paths, want %d (of the same length)", a.Name, b.Name, len(got), len(want))
				continue
			}
			for _, p := range got {
				at := a.ID
				for _, h := range p.Hops {
					from, to := h.Edge.Source, h.Edge.Target
					if !h.Forward {
						from, to = to, from
					}
					if from != at {
						t.Errorf("%s → %s: broken chain %+v", a.Name, b.Name, p)
						break
					}
					at = to
					if len(h.Evidence) == 0 {
						t.Errorf("%s → %s: a hop without evidence", a.Name, b.Name)
					}
				}
				if at != b.ID {
					t.Errorf("%s → %s: chain ends at %d", a.Name, b.Name, at)
				}
			}
			compared += len(got)
		}
	}
	if compared == 0 {
		t.Error("no paths among the most mentioned sample actors")
	}
}
