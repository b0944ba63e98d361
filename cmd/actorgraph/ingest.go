package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/ingest"
	"github.com/actorgraph/actorgraph/source"
	"github.com/actorgraph/actorgraph/store/sqlite"
)

// ingestMemoryLimit is the Go heap's soft limit while ingesting: several
// times the live heap (two batches of prepared documents, 40-90 MiB), so
// that the collector runs every thousand or so documents rather than
// every few hundred. At 256 MiB it took about a tenth of the CPU, and
// 100,000 documents went in at 917-1,031 docs/s instead of 1,051-1,265.
const ingestMemoryLimit = 384 << 20

// defaultDB is the store used when --db is not given.
func defaultDB() string {
	if p := os.Getenv("ACTORGRAPH_DB"); p != "" {
		return p
	}
	return "actorgraph.db"
}

func openStore(path string) (*sqlite.Store, error) {
	s, err := sqlite.Open(path)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// signalContext is cancelled on SIGINT or SIGTERM.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func runIngest(a *app, args []string) error {
	fs := a.newFlags("ingest")
	db := fs.String("db", defaultDB(), "the store (a SQLite file; created if missing; also $ACTORGRAPH_DB)")
	workers := fs.Int("workers", 0, "extraction workers (0: one per core)")
	overlay := fs.String("kb", "", "an extra knowledge-base file to add to the embedded one")
	quiet := fs.Bool("quiet", false, "print only the summary")
	batch := fs.Int("batch", ingest.DefaultBatch, "most documents stored in one transaction (each document is stored whole or not at all either way)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"ingest: want at least one FILE, DIRECTORY or URL; see 'actorgraph help ingest'"}
	}
	if *batch < 1 {
		return usageError{"ingest: --batch wants at least 1"}
	}
	x, err := newExtractor(*overlay)
	if err != nil {
		return err
	}
	s, err := openStore(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx, cancel := signalContext()
	defer cancel()
	if os.Getenv("GOMEMLIMIT") == "" {
		// ingest holds up to two batches of extracted documents, and
		// with GOGC at 400 (main) the heap would grow to five times
		// that; a soft limit keeps it bounded. GOMEMLIMIT in the
		// environment wins.
		debug.SetMemoryLimit(ingestMemoryLimit)
	}

	// inputs: URLs as they are, files and directories walked lazily, JSON
	// Lines files cut into parts of a few hundred lines
	split := ingest.NewSplitter()
	in := make(chan string)
	var walkErrs []ingest.Failure
	var mu sync.Mutex
	queued := 0
	go func() {
		defer close(in)
		var paths []string
		for _, p := range fs.Args() {
			if isURL(p) {
				select {
				case in <- p:
				case <-ctx.Done():
					return
				}
				continue
			}
			paths = append(paths, p)
		}
		send := func(path string, err error) bool {
			mu.Lock()
			if err != nil {
				walkErrs = append(walkErrs, ingest.Failure{Input: path, Error: err.Error()})
			} else {
				queued++
			}
			mu.Unlock()
			if err != nil {
				return true
			}
			select {
			case in <- path:
				return true
			case <-ctx.Done():
				return false
			}
		}
		for path, err := range source.Files(paths) {
			if err == nil && ingest.IsJSONL(path) {
				for part, err := range split.Split(path) {
					if !send(part, err) {
						return
					}
				}
				continue
			}
			if !send(path, err) {
				return
			}
		}
	}()
	read := split.Read(func(ctx context.Context, input string) ([]actorgraph.Document, error) {
		if isURL(input) {
			return source.Fetch(ctx, input, source.FetchOptions{})
		}
		return source.ReadPath(input, source.Options{})
	})
	p := newProgress("ingest", a.stderr, *quiet)
	sum, err := ingest.RunStream(ctx, s, x, read, in, 0, ingest.Options{
		Workers: *workers,
		Batch:   *batch,
		Progress: func(st ingest.Stats) {
			mu.Lock()
			st.Queued = queued
			mu.Unlock()
			p.update(st)
		},
	})
	p.done()
	mu.Lock()
	sum.Failures = append(walkErrs, sum.Failures...)
	sum.Failed += len(walkErrs)
	mu.Unlock()
	writeSummary(a.stdout, *db, sum)
	afterIngest(a, s) // alerts for watched actors; webhooks in the background, waited for briefly
	if err != nil && ctx.Err() != nil {
		return actorgraph.Errorf(actorgraph.EInternal, "interrupted: %d documents stored; run the same command again to finish", sum.New)
	}
	if err != nil {
		return err
	}
	if sum.Docs == 0 && sum.Failed > 0 {
		return actorgraph.Errorf(actorgraph.EInvalid, "no document could be read")
	}
	return nil
}

// perSecond formats a rate: whole numbers from 10 up, two significant
// digits below (a single long document is not "0/s").
func perSecond(r float64) string {
	if r >= 10 || r == 0 {
		return fmt.Sprintf("%.0f", r)
	}
	return strconv.FormatFloat(r, 'g', 2, 64)
}

func writeSummary(w io.Writer, db string, sum ingest.Summary) {
	rate := 0.0
	if sec := sum.Elapsed.Seconds(); sec > 0 {
		rate = float64(sum.Docs) / sec
	}
	fmt.Fprintf(w, "%s: %d documents read from %d inputs in %s (%s/s): %d new, %d unchanged, %d failed\n",
		db, sum.Docs, sum.Inputs, sum.Elapsed.Round(time.Millisecond), perSecond(rate), sum.New, sum.Unchanged, sum.Failed)
	for i, f := range sum.Failures {
		if i == 20 {
			fmt.Fprintf(w, "  ... and %d more failures\n", len(sum.Failures)-20)
			break
		}
		fmt.Fprintf(w, "  failed: %s: %s\n", f.Input, oneLine(f.Error))
	}
}

// progress shows a run's progress: a bar redrawn in place on a terminal,
// a plain line every few seconds otherwise.
type progress struct {
	label    string // "ingest", "reindex"
	w        io.Writer
	quiet    bool
	terminal bool
	last     time.Time
	drawn    bool
}

func newProgress(label string, w io.Writer, quiet bool) *progress {
	p := &progress{label: label, w: w, quiet: quiet}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.terminal = true
		}
	}
	return p
}

func (p *progress) update(st ingest.Stats) {
	if p.quiet {
		return
	}
	rate := 0.0
	if sec := st.Elapsed.Seconds(); sec > 0 {
		rate = float64(st.Docs) / sec
	}
	eta := ""
	if st.Queued > st.Inputs && st.Inputs > 0 && st.Elapsed > 0 {
		left := time.Duration(float64(st.Elapsed) / float64(st.Inputs) * float64(st.Queued-st.Inputs))
		eta = " ETA " + left.Round(time.Second).String()
	}
	if p.terminal {
		const width = 30
		bar := strings.Repeat(" ", width)
		if st.Queued > 0 {
			n := st.Inputs * width / st.Queued
			if n > width {
				n = width
			}
			bar = strings.Repeat("█", n) + strings.Repeat("░", width-n)
		}
		fmt.Fprintf(p.w, "\r%s %d/%d inputs, %d docs (%d new) %s docs/s%s   ", bar, st.Inputs, st.Queued, st.Docs, st.New, perSecond(rate), eta)
		p.drawn = true
		return
	}
	if time.Since(p.last) < 5*time.Second {
		return
	}
	p.last = time.Now()
	if p.label == "reindex" {
		fmt.Fprintf(p.w, "reindex: %d/%d documents, %s docs/s%s\n", st.Docs, st.Queued, perSecond(rate), eta)
		return
	}
	fmt.Fprintf(p.w, "%s: %d/%d inputs, %d documents (%d new, %d unchanged, %d failed), %s docs/s%s\n",
		p.label, st.Inputs, st.Queued, st.Docs, st.New, st.Unchanged, st.Failed, perSecond(rate), eta)
}

func (p *progress) done() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}

func runReindex(a *app, args []string) error {
	fs := a.newFlags("reindex")
	db := fs.String("db", defaultDB(), "the store")
	overlay := fs.String("kb", "", "an extra knowledge-base file to add to the embedded one")
	if err := parse(fs, args); err != nil {
		return err
	}
	x, err := newExtractor(*overlay)
	if err != nil {
		return err
	}
	s, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx, cancel := signalContext()
	defer cancel()
	start := time.Now()
	p := newProgress("reindex", a.stderr, false)
	n, err := ingest.Reindex(ctx, s, x, func(done, total int) {
		p.update(ingest.Stats{Inputs: done, Docs: done, Queued: total, Elapsed: time.Since(start)})
	})
	p.done()
	fmt.Fprintf(a.stdout, "%s: re-extracted %d documents in %s; analyst edits kept\n", *db, n, time.Since(start).Round(time.Millisecond))
	return err
}

// openExisting opens a store that must already exist.
func openExisting(path string) (*sqlite.Store, error) {
	if path != ":memory:" {
		if _, err := os.Stat(path); err != nil {
			return nil, actorgraph.Errorf(actorgraph.ENotFound, "%s: no such store; create it with 'actorgraph ingest --db %s FILES...'", path, path)
		}
	}
	return openStore(path)
}
