// Package ingest turns a stream of inputs (files, directories, feed URLs)
// into stored, extracted documents: inputs are read and extracted on all
// cores, and one writer stores each document in its own transaction, so
// that a run killed at any moment leaves the store consistent and the next
// run completes the rest. One bad input never stops a run; it is counted
// with its reason.
//
// It imports the root package, source (to read inputs), kb and
// nlp/pipeline (to extract); it must not import a store implementation or
// cmd/.
package ingest

import (
	"context"
	"runtime"
	"sync"
	"time"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/nlp/pipeline"
)

// ReadFunc reads one input (a file path or a URL) into documents. A
// partial failure returns the documents it could read and an error.
type ReadFunc func(ctx context.Context, input string) ([]actorgraph.Document, error)

// Options configure a run.
type Options struct {
	Workers  int               // extraction workers; 0 means one per core
	Every    time.Duration     // how often Progress is called; 0 means every second
	Progress func(s Stats)     // periodic progress, from one goroutine
	OnDoc    func(r DocResult) // called for every document stored or failed
	Now      func() time.Time  // clock, for tests
}

// Stats count a run so far.
type Stats struct {
	Inputs    int           // inputs finished
	Docs      int           // documents processed
	New       int           // stored for the first time
	Unchanged int           // already stored with the same text
	Failed    int           // inputs or documents that failed
	Bytes     int64         // text bytes processed
	Elapsed   time.Duration // since the run began
	Queued    int           // inputs known so far (for an ETA)
}

// Failure is one input or document that could not be stored.
type Failure struct {
	Input string `json:"input"`
	Error string `json:"error"`
}

// Summary is the outcome of a run.
type Summary struct {
	Stats
	Failures []Failure `json:"failures,omitempty"`
}

// DocResult reports one document.
type DocResult struct {
	Input string
	Doc   actorgraph.Document
	Put   actorgraph.PutResult
	Err   error
}

type extracted struct {
	input string
	doc   actorgraph.Document
	x     actorgraph.Extraction
	err   error
	last  bool // the last document of its input
}

// Run reads every input with read, extracts each document with x and
// stores it in s. It returns when every input is done or ctx is
// cancelled; the summary counts what was done either way.
func Run(ctx context.Context, s actorgraph.Store, x *pipeline.Extractor, read ReadFunc, inputs []string, opts Options) (Summary, error) {
	in := make(chan string)
	go func() {
		defer close(in)
		for _, p := range inputs {
			select {
			case in <- p:
			case <-ctx.Done():
				return
			}
		}
	}()
	return RunStream(ctx, s, x, read, in, len(inputs), opts)
}

// RunStream is Run over a channel of inputs (for directory walks that
// discover inputs as they go); known is how many inputs are expected, or
// 0 when unknown.
func RunStream(ctx context.Context, s actorgraph.Store, x *pipeline.Extractor, read ReadFunc, in <-chan string, known int, opts Options) (Summary, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	every := opts.Every
	if every <= 0 {
		every = time.Second
	}
	start := now()
	out := make(chan extracted, workers*4)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for input := range in {
				docs, err := read(ctx, input)
				if err != nil && len(docs) == 0 {
					select {
					case out <- extracted{input: input, err: err, last: true}:
					case <-ctx.Done():
						return
					}
					continue
				}
				if err != nil {
					// partial read: the good documents go on, the error is counted
					select {
					case out <- extracted{input: input, err: err}:
					case <-ctx.Done():
						return
					}
				}
				for i, d := range docs {
					e := extracted{input: input, doc: d, last: i == len(docs)-1}
					e.x = x.Extract(d.Text)
					select {
					case out <- e:
					case <-ctx.Done():
						return
					}
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()

	var sum Summary
	sum.Queued = known
	tick := time.NewTicker(every)
	defer tick.Stop()
	report := func() {
		if opts.Progress != nil {
			st := sum.Stats
			st.Elapsed = now().Sub(start)
			opts.Progress(st)
		}
	}
	fail := func(input string, err error) {
		sum.Failed++
		sum.Failures = append(sum.Failures, Failure{Input: input, Error: err.Error()})
	}
	for {
		select {
		case e, ok := <-out:
			if !ok {
				sum.Elapsed = now().Sub(start)
				report()
				return sum, ctx.Err()
			}
			if e.err != nil {
				fail(e.input, e.err)
				if opts.OnDoc != nil {
					opts.OnDoc(DocResult{Input: e.input, Err: e.err})
				}
			} else {
				sum.Docs++
				sum.Bytes += int64(len(e.doc.Text))
				res, err := s.PutDocument(ctx, e.doc, e.x)
				switch {
				case err != nil:
					fail(e.input, err)
				case res.New:
					sum.New++
				default:
					sum.Unchanged++
				}
				if opts.OnDoc != nil {
					opts.OnDoc(DocResult{Input: e.input, Doc: e.doc, Put: res, Err: err})
				}
			}
			if e.last {
				sum.Inputs++
			}
		case <-tick.C:
			report()
		case <-ctx.Done():
			// drain so workers can exit
			go func() {
				for range out {
				}
			}()
			sum.Elapsed = now().Sub(start)
			return sum, ctx.Err()
		}
	}
}

// Reindex re-runs the extractor over every stored document, keeping
// analyst edits (the store replays them). It returns how many documents
// it re-extracted.
func Reindex(ctx context.Context, s actorgraph.Store, x *pipeline.Extractor, progress func(done, total int)) (int, error) {
	ids, err := s.DocumentIDs(ctx)
	if err != nil {
		return 0, err
	}
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return i, err
		}
		d, _, err := s.Document(ctx, id)
		if err != nil {
			return i, err
		}
		if err := s.ReplaceExtraction(ctx, id, x.Extract(d.Text)); err != nil {
			return i, err
		}
		if progress != nil {
			progress(i+1, len(ids))
		}
	}
	return len(ids), nil
}
