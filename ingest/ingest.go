// Package ingest turns a stream of inputs (files, directories, feed URLs)
// into stored, extracted documents: inputs are read and extracted on all
// cores while one writer stores what is ready, several whole documents a
// transaction when the store can (BatchStore), so that a run killed at
// any moment leaves every document stored whole or not at all and the
// next run completes the rest. A store that can prepare documents ahead
// (PreparingStore) has them checked and encoded on the extraction
// workers, and the writer keeps a core to itself while it writes. JSON
// Lines files are read a part at a time (Splitter), so memory stays
// bounded whatever their size. One bad input never stops a run; it is
// counted with its reason.
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
	// Batch is the most documents stored in one transaction when the
	// store is a BatchStore; 0 means DefaultBatch, 1 one transaction a
	// document.
	Batch int
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
	seq   int // the input's place in the run
	input string
	doc   actorgraph.Document
	x     actorgraph.Extraction
	prep  any // what a PreparingStore's PrepareDocument made of doc and x
	err   error
	none  bool // no document: the input held none
	last  bool // the last document of its input
}

type job struct {
	seq   int
	input string
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
	maxBatch := opts.Batch
	if maxBatch <= 0 {
		maxBatch = DefaultBatch
	}
	bs, _ := s.(BatchStore)
	if bs == nil {
		maxBatch = 1
	}
	ps, _ := s.(PreparingStore)
	// cpu holds a token for each core a goroutine extracts or writes on:
	// the one writer is the bottleneck whenever documents are short, and
	// with a worker on every core it would get only its share of them
	// while it writes; holding a token then leaves one worker fewer
	// running, and all of them while it waits for documents.
	cpu := make(chan struct{}, max(runtime.GOMAXPROCS(0), 1))
	// Documents are stored in the order of their inputs whatever the
	// order extraction finishes in, so that a run gives the same document
	// ids every time. A new input starts only while fewer than budget
	// extracted documents wait for the writer: that bounds the memory a
	// slow input can make the others wait in, without holding back the
	// input whose turn it is (it started before any that wait for it).
	budget := max(2*maxBatch, 64)
	var mu sync.Mutex
	wake := sync.NewCond(&mu)
	waiting := 0 // extracted documents not yet stored
	stop := context.AfterFunc(ctx, func() {
		mu.Lock()
		wake.Broadcast()
		mu.Unlock()
	})
	defer stop()
	jobs := make(chan job)
	go func() {
		defer close(jobs)
		seq := 0
		for input := range in {
			mu.Lock()
			for waiting >= budget && ctx.Err() == nil {
				wake.Wait()
			}
			mu.Unlock()
			select {
			case jobs <- job{seq, input}:
				seq++
			case <-ctx.Done():
				return
			}
		}
	}()
	// room for a whole batch while the writer stores the previous one
	out := make(chan extracted, max(workers*4, maxBatch))
	// done says that n extracted documents were stored (or failed)
	done := func(n int) {
		mu.Lock()
		waiting -= n
		wake.Broadcast()
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			send := func(e extracted) bool {
				select {
				case out <- e:
					return true
				case <-ctx.Done():
					return false
				}
			}
			for j := range jobs {
				docs, err := read(ctx, j.input)
				if err != nil && len(docs) == 0 {
					if !send(extracted{seq: j.seq, input: j.input, err: err, none: true, last: true}) {
						return
					}
					continue
				}
				if len(docs) == 0 {
					if !send(extracted{seq: j.seq, input: j.input, none: true, last: true}) {
						return
					}
					continue
				}
				if err != nil {
					// partial read: the good documents go on, the error is counted
					if !send(extracted{seq: j.seq, input: j.input, err: err, none: true}) {
						return
					}
				}
				for i, d := range docs {
					e := extracted{seq: j.seq, input: j.input, doc: d, last: i == len(docs)-1}
					cpu <- struct{}{}
					e.x = x.Extract(d.Text)
					if ps != nil {
						e.prep = ps.PrepareDocument(e.doc, e.x)
						e.x = actorgraph.Extraction{} // the prepared form holds it
					}
					<-cpu
					mu.Lock()
					waiting++
					mu.Unlock()
					if !send(e) {
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
	var batch []extracted
	var docs []actorgraph.Document
	var xs []actorgraph.Extraction
	var preps []any
	// flush stores the batch (in one transaction when the store can) and
	// accounts for every element of it, in order.
	flush := func() {
		docs, xs, preps = docs[:0], xs[:0], preps[:0]
		for _, e := range batch {
			if !e.none {
				docs = append(docs, e.doc)
				xs = append(xs, e.x)
				preps = append(preps, e.prep)
			}
		}
		var res []actorgraph.PutResult
		var errs []error
		if len(docs) > 0 {
			cpu <- struct{}{}
			defer func() { <-cpu }()
		}
		switch {
		case len(docs) == 0:
		case ps != nil:
			res, errs = ps.PutPrepared(ctx, preps)
		case bs != nil:
			res, errs = bs.PutBatch(ctx, docs, xs)
		default:
			res, errs = make([]actorgraph.PutResult, len(docs)), make([]error, len(docs))
			for i := range docs {
				res[i], errs[i] = s.PutDocument(ctx, docs[i], xs[i])
			}
		}
		j := 0
		for _, e := range batch {
			if e.none {
				if e.err != nil {
					fail(e.input, e.err)
					if opts.OnDoc != nil {
						opts.OnDoc(DocResult{Input: e.input, Err: e.err})
					}
				}
			} else {
				r, err := res[j], errs[j]
				j++
				sum.Docs++
				sum.Bytes += int64(len(e.doc.Text))
				switch {
				case err != nil:
					fail(e.input, err)
				case r.New:
					sum.New++
				default:
					sum.Unchanged++
				}
				if opts.OnDoc != nil {
					opts.OnDoc(DocResult{Input: e.input, Doc: e.doc, Put: r, Err: err})
				}
			}
			if e.last {
				sum.Inputs++
			}
		}
		done(len(docs))
		clear(preps)
		clear(batch) // let the texts go
		batch = batch[:0]
	}
	// early holds what arrived ahead of its turn, by input; next is the
	// input whose documents are stored now
	early := map[int][]extracted{}
	next := 0
	// take moves what is in order from early into the batch
	take := func() {
		size := 0
		for len(batch) < maxBatch && size < maxBatchBytes {
			q := early[next]
			if len(q) == 0 {
				return
			}
			e := q[0]
			early[next] = q[1:]
			batch = append(batch, e)
			size += len(e.doc.Text)
			if e.last {
				delete(early, next)
				next++
			}
		}
	}
	// receive files what arrived into early, without waiting for more
	closed := false
	receive := func(e extracted) {
		early[e.seq] = append(early[e.seq], e)
		for {
			select {
			case e, ok := <-out:
				if !ok {
					closed = true
					return
				}
				early[e.seq] = append(early[e.seq], e)
			default:
				return
			}
		}
	}
	for {
		if ctx.Err() != nil {
			// drain so workers can exit; what was not stored is not
			// counted, and the next run stores it
			go func() {
				for range out {
				}
			}()
			sum.Elapsed = now().Sub(start)
			return sum, ctx.Err()
		}
		// store what is ready in order: the batch grows while the writer
		// is the bottleneck and stays small when extraction is
		take()
		if len(batch) > 0 {
			flush()
			select {
			case <-tick.C:
				report()
			default:
			}
			continue
		}
		if closed {
			sum.Elapsed = now().Sub(start)
			report()
			return sum, ctx.Err()
		}
		select {
		case e, ok := <-out:
			if !ok {
				closed = true
				continue
			}
			receive(e)
		case <-tick.C:
			report()
		case <-ctx.Done():
		}
	}
}

// DefaultBatch is how many documents the writer stores in one
// transaction at most when the store supports batches.
const DefaultBatch = 2048

// maxBatchBytes bounds the text held in one batch.
const maxBatchBytes = 8 << 20

// BatchStore is a store that can store several documents in one
// transaction, for speed. Each document must still be stored whole or
// not at all, and one that fails must not keep the others out: errs[i]
// says why document i was not stored.
type BatchStore interface {
	PutBatch(ctx context.Context, docs []actorgraph.Document, xs []actorgraph.Extraction) ([]actorgraph.PutResult, []error)
}

// A PreparingStore can do the part of storing a document that needs no
// database (checks, hashing, encoding) ahead of its one writer: ingest
// calls PrepareDocument on its extraction workers, right after
// extraction, and hands the results to PutPrepared, which stores them as
// PutBatch would.
type PreparingStore interface {
	PrepareDocument(doc actorgraph.Document, x actorgraph.Extraction) any
	PutPrepared(ctx context.Context, ps []any) ([]actorgraph.PutResult, []error)
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
