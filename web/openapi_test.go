package web

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
)

// spec is the parts of the OpenAPI document the tests read.
type spec struct {
	OpenAPI    string                        `json:"openapi"`
	Paths      map[string]map[string]*opSpec `json:"paths"`
	Components struct {
		Parameters map[string]*paramSpec `json:"parameters"`
		Responses  map[string]*respSpec  `json:"responses"`
		Schemas    map[string]any        `json:"schemas"`
	} `json:"components"`
}

type opSpec struct {
	OperationID string               `json:"operationId"`
	Parameters  []*paramSpec         `json:"parameters"`
	Responses   map[string]*respSpec `json:"responses"`
}

type paramSpec struct {
	Ref      string         `json:"$ref"`
	Name     string         `json:"name"`
	In       string         `json:"in"`
	Required bool           `json:"required"`
	Schema   map[string]any `json:"schema"`
}

type respSpec struct {
	Ref     string                    `json:"$ref"`
	Content map[string]map[string]any `json:"content"`
}

func loadSpec(t *testing.T) *spec {
	t.Helper()
	var sp spec
	if err := json.Unmarshal(openAPI, &sp); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(sp.OpenAPI, "3.") {
		t.Fatalf("openapi version %q", sp.OpenAPI)
	}
	return &sp
}

func (sp *spec) param(p *paramSpec) *paramSpec {
	if p.Ref != "" {
		return sp.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
	}
	return p
}

func (sp *spec) response(r *respSpec) *respSpec {
	if r.Ref != "" {
		return sp.Components.Responses[strings.TrimPrefix(r.Ref, "#/components/responses/")]
	}
	return r
}

func (sp *spec) schema(s map[string]any) map[string]any {
	for i := 0; i < 10; i++ {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		s, _ = sp.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any)
	}
	return s
}

// check validates v against a schema: types, required properties, and
// the same for properties, items and additional properties, recursively.
func (sp *spec) check(v any, s map[string]any, at string) []string {
	s = sp.schema(s)
	if s == nil {
		return []string{at + ": unresolvable schema"}
	}
	var errs []string
	typ, _ := s["type"].(string)
	switch typ {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want an object, got %T", at, v)}
		}
		req, _ := s["required"].([]any)
		for _, r := range req {
			if _, ok := m[r.(string)]; !ok {
				errs = append(errs, fmt.Sprintf("%s: lacks required %q", at, r))
			}
		}
		props, _ := s["properties"].(map[string]any)
		for k, pv := range m {
			if ps, ok := props[k].(map[string]any); ok {
				errs = append(errs, sp.check(pv, ps, at+"."+k)...)
			} else if ap, ok := s["additionalProperties"].(map[string]any); ok {
				errs = append(errs, sp.check(pv, ap, at+"."+k)...)
			} else if props != nil {
				errs = append(errs, fmt.Sprintf("%s: undocumented field %q", at, k))
			}
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want an array, got %T", at, v)}
		}
		if is, ok := s["items"].(map[string]any); ok {
			for i, x := range a {
				errs = append(errs, sp.check(x, is, fmt.Sprintf("%s[%d]", at, i))...)
				if len(errs) > 5 {
					break
				}
			}
		}
	case "string":
		str, ok := v.(string)
		if !ok {
			return []string{fmt.Sprintf("%s: want a string, got %T", at, v)}
		}
		if enum, ok := s["enum"].([]any); ok {
			found := false
			for _, e := range enum {
				found = found || e == str
			}
			if !found {
				errs = append(errs, fmt.Sprintf("%s: %q is not in %v", at, str, enum))
			}
		}
	case "integer":
		f, ok := v.(float64)
		if !ok || f != math.Trunc(f) {
			return []string{fmt.Sprintf("%s: want an integer, got %v", at, v)}
		}
	case "number":
		if _, ok := v.(float64); !ok {
			return []string{fmt.Sprintf("%s: want a number, got %T", at, v)}
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return []string{fmt.Sprintf("%s: want a boolean, got %T", at, v)}
		}
	}
	return errs
}

// goodRequests are requests each operation must answer with 200.
var goodRequests = map[string][]string{
	"openapi":       {"/api/openapi.json"},
	"listActors":    {"/api/actors", "/api/actors?q=tali&type=ARMED_GROUP&limit=5&offset=0&as_of=2030-01-01"},
	"resolve":       {"/api/resolve?name=Taliban", "/api/resolve?name=TALIBAN&as_of=2030-01-01"},
	"actorProfile":  {"/api/actors/{actor}", "/api/actors/{actor}?as_of=2030-01-01"},
	"actorGraph":    {"/api/actors/{actor}/graph", "/api/actors/{actor}/graph?hops=2&type=ALLY,HOSTS,AFFILIATE_OF&modality=asserted,reported&since=2000-01-01&until=2030-01-01&limit=20&as_of=2030-01-01"},
	"actorTimeline": {"/api/actors/{actor}/timeline", "/api/actors/{actor}/timeline?limit=3&offset=1&as_of=2030-01-01"},
	"listRelations": {"/api/relations", "/api/relations?actor=Taliban&type=ALLY&since=2000-01-01&until=2030-01-01&negated=false&limit=3", "/api/relations?contested=true&as_of=2030-01-01", "/api/relations?actor={actor}"},
	"edge":          {"/api/edges/{edge}", "/api/edges/{edge}?as_of=2030-01-01"},
	"edgeEvidence":  {"/api/edges/{edge}/evidence", "/api/edges/{edge}/evidence?as_of=2030-01-01"},
	"path":          {"/api/path?from=Taliban&to=Islamic+Movement+of+Uzbekistan", "/api/path?from={actor}&to=Tajikistan&max_hops=2&limit=2&as_of=2030-01-01"},
	"listDocuments": {"/api/documents", "/api/documents?limit=2&offset=3&as_of=2030-01-01"},
	"document":      {"/api/documents/1", "/api/documents/2?as_of=2030-01-01"},
	"search":        {"/api/search?q=Taliban", "/api/search?q=drone+attacks&limit=2&offset=1&as_of=2030-01-01"},
	"export":        {"/api/export", "/api/export?format=graphml&actor=Taliban&hops=2&as_of=2030-01-01"},
	"analyze":       {"POST /api/analyze"},
	"addDocument":   {"POST /api/documents"},
}

// TestOpenAPI walks every operation of the OpenAPI document against the
// real handlers over the samples store: good requests answer 200 with
// the documented fields, bad parameters answer a documented error, and
// the document lists exactly the registered routes.
func TestOpenAPI(t *testing.T) {
	sp := loadSpec(t)
	srv, _ := newServer(t, nil)

	registered := map[string]bool{}
	for _, rt := range srv.routes() {
		registered[rt.method+" "+rt.pattern] = true
	}
	documented := map[string]bool{}
	for path, ops := range sp.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	for k := range registered {
		if !documented[k] {
			t.Errorf("route %s is not in openapi.json", k)
		}
	}
	for k := range documented {
		if !registered[k] {
			t.Errorf("openapi.json documents %s, which is not a route", k)
		}
	}

	ids := map[string]string{"{actor}": "1", "{edge}": "1"}
	var paths []string
	for p := range sp.Paths {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, path := range paths {
		for method, op := range sp.Paths[path] {
			method = strings.ToUpper(method)
			if op.OperationID == "" || len(op.Responses) == 0 {
				t.Errorf("%s %s: no operationId or responses", method, path)
				continue
			}
			reqs := goodRequests[op.OperationID]
			if len(reqs) == 0 {
				t.Errorf("%s %s: no test requests for operation %s", method, path, op.OperationID)
			}
			for _, target := range reqs {
				for k, v := range ids {
					target = strings.ReplaceAll(target, k, v)
				}
				var rec *httptest.ResponseRecorder
				if strings.HasPrefix(target, "POST ") {
					body := `{"text":"Published: 2024-03-03\n\nIran supports Hezbollah in Lebanon, officials said.","title":"A note"}`
					rec = do(srv, "POST", strings.TrimPrefix(target, "POST "), strings.NewReader(body), jsonReport)
				} else {
					rec = do(srv, method, target, nil, nil)
				}
				sp.checkAnswer(t, method+" "+target, op, rec, 200)
			}
			sp.badParams(t, srv, method, path, op)
		}
	}
}

// checkAnswer checks a recorded answer against the operation's documented
// response for its status.
func (sp *spec) checkAnswer(t *testing.T, what string, op *opSpec, rec *httptest.ResponseRecorder, want int) {
	t.Helper()
	if want != 0 && rec.Code != want {
		t.Errorf("%s: status %d, want %d: %.300s", what, rec.Code, want, rec.Body.String())
		return
	}
	r := op.Responses[itoa(int64(rec.Code))]
	if r == nil {
		t.Errorf("%s: status %d is not documented: %.300s", what, rec.Code, rec.Body.String())
		return
	}
	r = sp.response(r)
	ct := rec.Header().Get("Content-Type")
	var media map[string]any
	for m, c := range r.Content {
		if strings.HasPrefix(ct, m) {
			media = c
		}
	}
	if media == nil {
		t.Errorf("%s: Content-Type %q is not documented for %d", what, ct, rec.Code)
		return
	}
	if !strings.HasPrefix(ct, "application/json") && !strings.HasPrefix(ct, "application/stix+json") {
		return
	}
	var v any
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Errorf("%s: body is not JSON: %v", what, err)
		return
	}
	s, _ := media["schema"].(map[string]any)
	for _, e := range sp.check(v, s, "body") {
		t.Errorf("%s: %s", what, e)
	}
}

// badParams sends each parameter a value of the wrong kind and checks
// that the answer is a documented error.
func (sp *spec) badParams(t *testing.T, srv *Server, method, path string, op *opSpec) {
	t.Helper()
	if method != "GET" {
		return
	}
	base := map[string]string{}
	for _, p := range op.Parameters {
		p = sp.param(p)
		if p.In == "query" && p.Required {
			base[p.Name] = "Taliban"
		}
	}
	for _, p := range op.Parameters {
		p = sp.param(p)
		typ, _ := p.Schema["type"].(string)
		var bad string
		switch {
		case typ == "integer":
			bad = "x1"
		case typ == "boolean":
			bad = "perhaps"
		case p.Schema["format"] == "date":
			bad = "2024-02-30"
		case p.Schema["enum"] != nil || p.Schema["$ref"] != nil:
			bad = "NO_SUCH_VALUE"
		default:
			continue
		}
		target := path
		q := url.Values{}
		for k, v := range base {
			q.Set(k, v)
		}
		if p.In == "path" {
			target = strings.ReplaceAll(target, "{"+p.Name+"}", bad)
		} else {
			q.Set(p.Name, bad)
		}
		target = strings.ReplaceAll(target, "{id}", "1")
		if len(q) > 0 {
			target += "?" + q.Encode()
		}
		rec := do(srv, method, target, nil, nil)
		sp.checkAnswer(t, method+" "+target, op, rec, 400)
	}
}
