// Command bench-write measures the store's writer alone: it extracts a
// JSON Lines corpus (from scripts/gencorpus) into memory first, on every
// core, and prepares it for storing as ingest's workers do, then stores
// it into a fresh SQLite store in batches as `actorgraph ingest` does, and
// prints documents per second of storing, optionally with a CPU profile
// of the storing only.
//
//	go run ./scripts/bench-write -corpus FILE.jsonl [-db FILE] [-from STORE] [-batch 2048] [-cpuprofile FILE]
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/nlp/pipeline"
	"github.com/actorgraph/actorgraph/scripts/machine"
	"github.com/actorgraph/actorgraph/store/sqlite"
)

func main() {
	corpus := flag.String("corpus", "", "JSON Lines corpus (scripts/gencorpus)")
	db := flag.String("db", "/tmp/bench-write.db", "the store to create (removed first)")
	batch := flag.Int("batch", 2048, "documents per transaction")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the storing to this file")
	from := flag.String("from", "", "start from a copy of this store (to time the writer on a large graph)")
	flag.Parse()
	if err := run(*corpus, *db, *from, *batch, *cpuprofile); err != nil {
		fmt.Fprintln(os.Stderr, "bench-write:", err)
		os.Exit(1)
	}
}

func run(corpus, db, from string, batch int, cpuprofile string) error {
	f, err := os.Open(corpus)
	if err != nil {
		return err
	}
	defer f.Close()
	var docs []actorgraph.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var d actorgraph.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return fmt.Errorf("line %d: %v", len(docs)+1, err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	x, err := pipeline.Default()
	if err != nil {
		return err
	}
	// extracted and prepared (sqlite.Prepare) on every core, as ingest's
	// workers do, so that what is timed is the writer's part alone
	ps := make([]any, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.NumCPU() {
		wg.Go(func() {
			for i := range next {
				ps[i] = sqlite.Prepare(docs[i], x.Extract(docs[i].Text))
			}
		})
	}
	t0 := time.Now()
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	fmt.Printf("extracted %d documents in %v\n", len(docs), time.Since(t0).Round(time.Millisecond))

	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(db + suffix)
	}
	if from != "" {
		if err := copyFile(from, db); err != nil {
			return err
		}
	}
	s, err := sqlite.Open(db)
	if err != nil {
		return err
	}
	defer s.Close()
	stop, err := machine.Profile(cpuprofile)
	if err != nil {
		return err
	}
	defer stop()
	ctx := context.Background()
	t0 = time.Now()
	c0 := machine.CPUTime()
	for i := 0; i < len(docs); i += batch {
		j := min(i+batch, len(docs))
		_, errs := s.PutPrepared(ctx, ps[i:j])
		for k, e := range errs {
			if e != nil {
				return fmt.Errorf("document %d: %v", i+k, e)
			}
		}
	}
	el, cpu := time.Since(t0), machine.CPUTime()-c0
	fmt.Printf("stored %d documents in %v: %.0f docs/s; CPU %v, %.0f docs per CPU second (load average %s)\n",
		len(docs), el.Round(time.Millisecond), float64(len(docs))/el.Seconds(), cpu.Round(time.Millisecond),
		float64(len(docs))/cpu.Seconds(), machine.LoadAvg())
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
