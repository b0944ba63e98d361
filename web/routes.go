package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph"
)

// apiFunc answers one API request with a value to write as JSON.
type apiFunc func(r *http.Request) (any, error)

// route is one method and path of the API. Exactly one of api and raw is
// set: api answers JSON, raw writes its own response (downloads, files).
type route struct {
	method  string // GET or POST
	pattern string // a net/http pattern path, e.g. /api/actors/{id}
	api     apiFunc
	raw     http.HandlerFunc
	write   bool // needs write authorisation
}

// routes lists every route of the server, group by group. A new group of
// endpoints is one more line here (and its paths in openapi.json).
func (s *Server) routes() []route {
	var rs []route
	for _, group := range [][]route{
		s.metaRoutes(),
		s.readRoutes(),
		s.changeRoutes(),
		s.analysisRoutes(),
		s.writeRoutes(),
	} {
		rs = append(rs, group...)
	}
	return rs
}

func (s *Server) metaRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/openapi.json", raw: serveOpenAPI},
	}
}

// register installs the routes: one handler per path, dispatching on the
// method so that a wrong method gets a JSON 405.
func (s *Server) register() error {
	byPath := map[string]map[string]route{}
	var paths []string
	for _, rt := range s.routes() {
		m := byPath[rt.pattern]
		if m == nil {
			m = map[string]route{}
			byPath[rt.pattern] = m
			paths = append(paths, rt.pattern)
		}
		if _, dup := m[rt.method]; dup {
			return actorgraph.Errorf(actorgraph.EInternal, "web: route %s %s registered twice", rt.method, rt.pattern)
		}
		m[rt.method] = rt
	}
	for _, p := range paths {
		s.mux.Handle(p, s.dispatch(byPath[p]))
	}
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, actorgraph.Errorf(actorgraph.ENotFound, "no API endpoint %s", r.URL.Path), nil)
	})
	s.mux.HandleFunc("/", s.serveUI)
	return nil
}

func (s *Server) dispatch(methods map[string]route) http.Handler {
	var allow []string
	for m := range methods {
		allow = append(allow, m)
		if m == "GET" {
			allow = append(allow, "HEAD")
		}
	}
	sort.Strings(allow)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		method := r.Method
		if method == "HEAD" {
			method = "GET"
		}
		rt, ok := methods[method]
		if !ok {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			writeErrorStatus(w, http.StatusMethodNotAllowed, actorgraph.EInvalid,
				"method "+r.Method+" is not allowed here; use "+strings.Join(allow, " or "), nil)
			return
		}
		var body *limitedBody
		if rt.write {
			if status, code, msg := s.authorizeWrite(r); status != 0 {
				if status == http.StatusUnauthorized {
					w.Header().Set("WWW-Authenticate", `Bearer realm="actorgraph"`)
				}
				writeErrorStatus(w, status, code, msg, nil)
				return
			}
			body = &limitedBody{ReadCloser: http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)}
			r.Body = body
		}
		if rt.raw != nil {
			rt.raw(w, r)
			return
		}
		v, err := rt.api(r)
		if err != nil {
			if body != nil && body.over != nil {
				err = body.over // whatever a reader made of it, the body was too large
			}
			s.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
	})
}

// limitedBody remembers that a request body passed its limit, even when
// a reader reading it wraps the error into its own.
type limitedBody struct {
	io.ReadCloser
	over error
}

func (b *limitedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	var mbe *http.MaxBytesError
	if err != nil && errors.As(err, &mbe) {
		b.over = err
	}
	return n, err
}

// fail answers an error: its status and JSON body, with candidate actors
// when it has them; internal errors are logged, not shown.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var ce *candidatesError
	if errors.As(err, &ce) {
		writeError(w, ce.err, ce.candidates)
		return
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		if r.Context().Err() != nil {
			return // the client has gone
		}
	}
	if actorgraph.ErrorCode(err) == actorgraph.EInternal {
		var mbe *http.MaxBytesError
		if !errors.As(err, &mbe) {
			s.log.Printf("web: %s %s: %v", r.Method, r.URL.Path, err)
		}
	}
	writeError(w, err, nil)
}

// candidatesError is an error that comes with the actors a name could
// have meant.
type candidatesError struct {
	err        error
	candidates []actorgraph.Actor
}

func (e *candidatesError) Error() string { return e.err.Error() }
func (e *candidatesError) Unwrap() error { return e.err }

// errorBody is the JSON of every error answer.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code       string             `json:"code"`
	Message    string             `json:"message"`
	Candidates []actorgraph.Actor `json:"candidates,omitempty"`
}

// statusOf maps an error code to its HTTP status, once, here.
func statusOf(code string) int {
	switch code {
	case actorgraph.EInvalid:
		return http.StatusBadRequest
	case actorgraph.ENotFound:
		return http.StatusNotFound
	case actorgraph.EConflict:
		return http.StatusConflict
	case actorgraph.ETooLarge:
		return http.StatusRequestEntityTooLarge
	case "unauthorized":
		return http.StatusUnauthorized
	case "forbidden":
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

func writeError(w http.ResponseWriter, err error, cands []actorgraph.Actor) {
	code := actorgraph.ErrorCode(err)
	msg := err.Error()
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		code, msg = actorgraph.ETooLarge, "the request body is larger than the limit of "+sizeString(mbe.Limit)
	}
	if code == actorgraph.EInternal {
		msg = "internal error" // details go to the log, not to the client
	}
	if len(msg) > maxMessage {
		// an ambiguous name's message can list hundreds of actors
		i := maxMessage
		for i > 0 && !utf8Start(msg[i]) {
			i--
		}
		msg = msg[:i] + "…"
	}
	writeErrorStatus(w, statusOf(code), code, msg, cands)
}

// maxMessage is the longest error message answered, in bytes.
const maxMessage = 600

func writeErrorStatus(w http.ResponseWriter, status int, code, msg string, cands []actorgraph.Actor) {
	writeJSON(w, status, errorBody{errorDetail{Code: code, Message: msg, Candidates: cands}})
}

// writeJSON writes v as JSON. HTML-significant characters are escaped
// (\u003c...), so that report text can never be read as markup.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"internal error"}}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte("\n"))
}

func sizeString(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return itoa(n>>20) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return itoa(n>>10) + " KiB"
	}
	return itoa(n) + " bytes"
}
