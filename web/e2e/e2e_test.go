package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/ingest"
	"github.com/actorgraph/actorgraph/kb"
	"github.com/actorgraph/actorgraph/nlp/pipeline"
	"github.com/actorgraph/actorgraph/samples"
	"github.com/actorgraph/actorgraph/source"
	"github.com/actorgraph/actorgraph/store/sqlite"
	"github.com/actorgraph/actorgraph/web"
)

// A server over the samples and a browser, shared by the tests of one run.
var (
	envOnce sync.Once
	env     struct {
		base    string // http://127.0.0.1:PORT
		browser context.Context
		err     error
		skip    string
	}
	cleanups []func()
)

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	os.Exit(code)
}

// browserPath finds Chromium or Chrome; "" when none is installed.
func browserPath() string {
	if p := os.Getenv("ACTORGRAPH_CHROME"); p != "" {
		if p, err := exec.LookPath(p); err == nil {
			return p
		}
		return ""
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// setup returns the server's base URL and a new browser tab; it skips the
// test when no browser is installed.
func setup(t *testing.T) (string, context.Context) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are skipped in -short mode")
	}
	envOnce.Do(start)
	if env.skip != "" {
		t.Skip(env.skip)
	}
	if env.err != nil {
		t.Fatal(env.err)
	}
	tab, cancel := chromedp.NewContext(env.browser)
	t.Cleanup(cancel)
	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(tab, func(ev any) {
		var msg string
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg = "uncaught exception: " + e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				msg = "console.error: " + strings.Join(parts, " ")
			}
		}
		if msg != "" {
			mu.Lock()
			problems = append(problems, msg)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	// a Content-Security-Policy violation (an inline style or script the
	// app should not have) is reported as an error too
	if err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber))`,
		})
		if err != nil {
			return err
		}
		// the reader asks for reduced motion: no smooth scrolling or
		// animated layout races the clicks of the tests
		_, err = cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
		})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("page script: %s", p)
		}
	})
	return env.base, tab
}

func start() {
	path := browserPath()
	if path == "" {
		env.skip = "no Chromium or Chrome found on PATH (run scripts/install-browser, or set ACTORGRAPH_CHROME)"
		return
	}
	h, err := newServer(false, "")
	if err != nil {
		env.err = err
		return
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		env.err = err
		return
	}
	srv := web.HTTPServer(ln.Addr().String(), h)
	go srv.Serve(ln)
	cleanups = append(cleanups, func() { srv.Close() })
	env.base = "http://" + ln.Addr().String()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.WindowSize(1366, 900),
		chromedp.Flag("lang", "en-GB"),
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	cleanups = append(cleanups, cancelAlloc, cancelBrowser)
	// start the browser now, on a context without a deadline
	if err := chromedp.Do(bctx); err != nil {
		env.err = fmt.Errorf("starting %s: %w", path, err)
		return
	}
	env.browser = bctx
}

// newServer stores the sample reports in a temporary SQLite store and
// returns the web server over it: with the embedded web app, or with the
// one on disk when fromDisk is set.
func newServer(fromDisk bool, token string) (http.Handler, error) {
	dir, err := os.MkdirTemp("", "actorgraph-e2e-")
	if err != nil {
		return nil, err
	}
	cleanups = append(cleanups, func() { os.RemoveAll(dir) })
	s, err := sqlite.Open(filepath.Join(dir, "e2e.db"))
	if err != nil {
		return nil, err
	}
	cleanups = append(cleanups, func() { s.Close() })
	k, err := kb.Default()
	if err != nil {
		return nil, err
	}
	x, err := pipeline.New(k, "")
	if err != nil {
		return nil, err
	}
	reports := map[string]string{}
	var names []string
	for _, r := range samples.All() {
		reports[r.Name] = r.Text
		names = append(names, r.Name)
	}
	read := func(_ context.Context, name string) ([]actorgraph.Document, error) {
		return source.Read(name+".txt", strings.NewReader(reports[name]), source.Options{})
	}
	// one worker: the same ids on every run
	sum, err := ingest.Run(context.Background(), s, x, read, names, ingest.Options{Workers: 1})
	if err != nil {
		return nil, err
	}
	if len(sum.Failures) > 0 {
		return nil, fmt.Errorf("ingesting the samples: %s: %s", sum.Failures[0].Input, sum.Failures[0].Error)
	}
	known := map[string][]string{}
	for _, e := range k.Entries {
		for _, n := range e.Names() {
			key := strings.ToLower(n)
			known[key] = append(known[key], e.Name)
		}
	}
	cfg := web.Config{Store: s, Extractor: x, Loopback: true, Token: token,
		Known: func(name string) []string { return known[strings.ToLower(strings.TrimSpace(name))] }}
	if fromDisk {
		cfg.UI = os.DirFS(filepath.Join("..", "ui", "static"))
	}
	return web.New(cfg)
}

// outDir is where screenshots go.
func outDir(t *testing.T) string {
	dir := os.Getenv("ACTORGRAPH_TEST_OUT")
	if dir == "" {
		dir = filepath.Join("testdata", "out")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// shot writes a full-page screenshot of the tab to name.png.
func shot(t *testing.T, tab context.Context, name string) {
	t.Helper()
	// from the top, or the sticky header lands mid-page
	// (after any smooth scroll the page started has ended)
	if err := chromedp.Do(tab, chromedp.Sleep(400*time.Millisecond),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Evaluate[any]("window.scrollTo({top: 0, behavior: 'instant'})")(ctx, tg)
			return err
		})); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(outDir(t), name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Error(err)
	}
	t.Logf("screenshot: %s", p)
}

// shotOf writes a screenshot of the element sel to name.png.
func shotOf(t *testing.T, tab context.Context, name, sel string) {
	t.Helper()
	png, err := chromedp.Run(tab, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(outDir(t), name+".png"), png, 0o644); err != nil {
		t.Error(err)
	}
}

// run runs actions with a deadline, failing the test on error.
func run(t *testing.T, tab context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		shot(t, tab, "failed-"+strings.ReplaceAll(t.Name(), "/", "-"))
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression and decodes its value.
func eval[T any](t *testing.T, tab context.Context, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %q: %v", expr, err)
	}
	return v
}

func text(t *testing.T, tab context.Context, sel string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, 20*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		shot(t, tab, "failed-"+strings.ReplaceAll(t.Name(), "/", "-"))
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// getJSON reads an API answer directly.
func getJSON(t *testing.T, url string, out any) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}

// postJSON calls the API directly.
func postJSON(t *testing.T, url string, body any, out any) {
	t.Helper()
	b, _ := json.Marshal(body)
	res, err := http.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		var e bytes.Buffer
		e.ReadFrom(res.Body)
		t.Fatalf("POST %s: %s: %s", url, res.Status, e.String())
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}

// TestServe is not a test: with ACTORGRAPH_E2E_SERVE=127.0.0.1:8090 it
// serves the samples with the web app read from disk (edit and reload),
// until interrupted:
//
//	ACTORGRAPH_E2E_SERVE=127.0.0.1:8090 go test ./web/e2e -run TestServe -timeout 0
func TestServe(t *testing.T) {
	addr := os.Getenv("ACTORGRAPH_E2E_SERVE")
	if addr == "" {
		t.Skip("set ACTORGRAPH_E2E_SERVE=HOST:PORT to serve the samples for development")
	}
	h, err := newServer(true, os.Getenv("ACTORGRAPH_TOKEN"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("serving on http://%s/", addr)
	t.Fatal(http.ListenAndServe(addr, h))
}

// tempStore opens an empty store for one test, with the default
// extractor to fill it.
func tempStore(t *testing.T, name string) (*sqlite.Store, *pipeline.Extractor) {
	t.Helper()
	s, err := sqlite.Open(filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	x, err := pipeline.Default()
	if err != nil {
		t.Fatal(err)
	}
	return s, x
}
