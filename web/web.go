// Package web serves actorgraph's HTTP API and its web app: read-only
// JSON over any actorgraph.Store (actors, relationships with their
// evidence, documents, paths, timelines, full-text search, exports), two
// write endpoints (analyse a report without storing it, store a report),
// an OpenAPI 3 document describing all of it, and the static files of
// package web/ui.
//
// It owns request parsing, HTTP status mapping, security headers, body
// limits and write authorisation. It builds on the root package, query,
// export, source, brief, nlp/pipeline and web/ui; it must not import a concrete
// store (store/...), ingest or cmd: the caller hands it a Store.
package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"io/fs"
	"log"
	"net"
	"net/http"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/nlp/pipeline"
	"github.com/actorgraph/actorgraph/query"
	"github.com/actorgraph/actorgraph/web/ui"
)

// DefaultMaxBody is the largest request body accepted when
// Config.MaxBody is zero.
const DefaultMaxBody = 16 << 20

// Config configures a Server.
type Config struct {
	// Store is the graph served. Required.
	Store actorgraph.Store
	// Extractor reads reports posted to /api/analyze and /api/documents.
	// Without it those endpoints answer 500.
	Extractor *pipeline.Extractor
	// Known maps a name to the canonical knowledge-base names it is an
	// alias of, so that known actors resolve by every known name (see
	// query.Engine.Known). Optional.
	Known func(name string) []string
	// Token, when set, must be presented as "Authorization: Bearer TOKEN"
	// on every write request.
	Token string
	// Loopback says the server listens only on a loopback address. Without
	// a Token, writes are allowed only then; and then requests must name a
	// loopback host (a defence against DNS rebinding).
	Loopback bool
	// MaxBody is the largest request body in bytes; 0 means DefaultMaxBody.
	MaxBody int64
	// UI holds the web app's files; nil means ui.FS().
	UI fs.FS
	// Log receives one line per handler failure; nil means log.Default().
	Log *log.Logger
}

// Server is the HTTP handler of the API and the web app.
type Server struct {
	cfg       Config
	q         *query.Engine
	mux       *http.ServeMux
	ui        fs.FS
	extract   chan struct{} // bounds concurrent extractions
	exporting chan struct{} // one export at a time
	log       *log.Logger
}

// New returns a server over cfg.Store.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "web: no store")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	s := &Server{
		cfg:       cfg,
		q:         &query.Engine{S: cfg.Store, Known: cfg.Known},
		mux:       http.NewServeMux(),
		ui:        cfg.UI,
		extract:   make(chan struct{}, max(1, runtime.NumCPU())),
		exporting: make(chan struct{}, 1),
		log:       cfg.Log,
	}
	if s.ui == nil {
		s.ui = ui.FS()
	}
	if s.log == nil {
		s.log = log.Default()
	}
	if err := s.register(); err != nil {
		return nil, err
	}
	return s, nil
}

// ServeHTTP serves one request with the security headers and a last-resort
// recovery from panics.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			buf := make([]byte, 4096)
			buf = buf[:runtime.Stack(buf, false)]
			s.log.Printf("web: panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, buf)
			writeError(w, actorgraph.Errorf(actorgraph.EInternal, "internal error"), nil)
		}
	}()
	if s.cfg.Loopback && s.cfg.Token == "" && !loopbackHost(r.Host) {
		writeErrorStatus(w, http.StatusForbidden, "forbidden",
			"this server listens on loopback only; address it as localhost or 127.0.0.1", nil)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// contentSecurityPolicy allows the app's own scripts, styles and images
// only: no inline scripts or styles, no framing, no other origins.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// HTTPServer returns an http.Server for h with read, write and idle
// timeouts set.
func HTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// Serve serves h on ln until ctx is cancelled, then shuts down gracefully,
// giving requests in flight up to ten seconds.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := HTTPServer(ln.Addr().String(), h)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := srv.Shutdown(sctx)
	if e := <-errc; e != nil && !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

// Listen opens a TCP listener on addr and reports whether it is a
// loopback address. A port in use is an EConflict error saying so.
func Listen(addr string) (net.Listener, bool, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if isAddrInUse(err) {
			return nil, false, actorgraph.Errorf(actorgraph.EConflict,
				"cannot listen on %s: the address is in use; choose another with --addr (e.g. --addr 127.0.0.1:8081)", addr)
		}
		return nil, false, actorgraph.Errorf(actorgraph.EInvalid, "cannot listen on %s: %v", addr, err)
	}
	return ln, IsLoopback(ln.Addr()), nil
}

func isAddrInUse(err error) bool {
	return errors.Is(err, syscall.EADDRINUSE)
}

// IsLoopback reports whether a listener's address accepts only loopback
// connections.
func IsLoopback(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP != nil && ta.IP.IsLoopback()
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	if strings.EqualFold(h, "localhost") || strings.HasSuffix(strings.ToLower(h), ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// authorizeWrite decides whether a write request may proceed; it returns
// the status and error to answer otherwise.
func (s *Server) authorizeWrite(r *http.Request) (int, string, string) {
	if s.cfg.Token != "" {
		auth := r.Header.Get("Authorization")
		tok, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.cfg.Token)) != 1 {
			return http.StatusUnauthorized, "unauthorized", "this endpoint needs the server's token: Authorization: Bearer TOKEN"
		}
	} else if !s.cfg.Loopback {
		return http.StatusForbidden, "forbidden",
			"writes are disabled: the server listens beyond loopback and has no token (start it with --token or ACTORGRAPH_TOKEN)"
	}
	// a page on another site must not post reports through the browser
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return http.StatusForbidden, "forbidden", "cross-site write refused"
	}
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		host := o
		if i := strings.Index(host, "://"); i >= 0 {
			host = host[i+3:]
		}
		if !strings.EqualFold(host, r.Host) {
			return http.StatusForbidden, "forbidden", "cross-origin write refused"
		}
	} else if o == "null" {
		return http.StatusForbidden, "forbidden", "cross-origin write refused"
	}
	return 0, "", ""
}
