// Command bench-graph measures the knowledge graph at scale: ingestion
// speed and peak memory of `actorgraph ingest` on a generated corpus, and
// the latency of the graph queries analysts run most on the store it
// builds.
//
//	go run ./scripts/bench-graph [-n 100000] [-dir testdata/bench] [-queries 300] [-rebuild]
//
// The corpus (DIR/corpus-N.jsonl, from scripts/gencorpus) and the store
// (DIR/graph-N.db) are cached in DIR (git-ignored) and reused; -rebuild
// ingests again into a fresh store, which is how the ingestion figures
// are measured: the command is built and run under /usr/bin/time -v when
// present, and docs/s and the maximum RSS are printed.
//
// The queries are those of the command line, through the same packages:
//
//	actor NAME                  resolve + query.Engine.Profile (top 10 sources)
//	relations --actor NAME      resolve + Store.Edges (first 50)
//	path A B --max-hops 3       resolve both + query.Engine.Paths (5 paths)
//
// over a fixed, deterministic sample of actors: the 30 with the most
// documents (the slowest: hubs with edges to much of the graph) and
// others spread over the rest of the list. It prints p50, p95 and max per
// query, with the machine (cores, CPU model) and the load average.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/kb"
	"github.com/actorgraph/actorgraph/query"
	"github.com/actorgraph/actorgraph/scripts/machine"
	"github.com/actorgraph/actorgraph/store/sqlite"
)

func main() {
	n := flag.Int("n", 100000, "documents in the corpus")
	dir := flag.String("dir", "testdata/bench", "where the corpus and the store are cached")
	queries := flag.Int("queries", 300, "queries of each kind")
	rebuild := flag.Bool("rebuild", false, "ingest again into a fresh store, measuring ingestion")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the queries to this file")
	flag.Parse()
	if err := run(*n, *dir, *queries, *rebuild, *cpuprofile); err != nil {
		fmt.Fprintln(os.Stderr, "bench-graph:", err)
		os.Exit(1)
	}
}

func run(n int, dir string, queries int, rebuild bool, cpuprofile string) error {
	fmt.Printf("machine: %d cores, %s, %s; load average %s\n", runtime.NumCPU(), machine.CPUModel(), runtime.Version(), machine.LoadAvg())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	corpus := filepath.Join(dir, fmt.Sprintf("corpus-%d.jsonl", n))
	if _, err := os.Stat(corpus); err != nil {
		fmt.Printf("generating %s\n", corpus)
		if err := sh("go", "run", "./scripts/gencorpus", "-n", fmt.Sprint(n), "-o", corpus); err != nil {
			return err
		}
	}
	db := filepath.Join(dir, fmt.Sprintf("graph-%d.db", n))
	if _, err := os.Stat(db); err != nil || rebuild {
		if err := ingest(dir, db, corpus); err != nil {
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
	return bench(s, queries)
}

// ingest builds the command and ingests the corpus into a fresh store.
func ingest(dir, db, corpus string) error {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(db + suffix)
	}
	bin := filepath.Join(dir, "actorgraph")
	if err := sh("go", "build", "-o", bin, "./cmd/actorgraph"); err != nil {
		return err
	}
	fmt.Printf("ingest: load average %s before\n", machine.LoadAvg())
	args := []string{bin, "ingest", "--quiet", "--db", db, corpus}
	timeLog := filepath.Join(dir, "ingest.time")
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		args = append([]string{"/usr/bin/time", "-v", "-o", timeLog}, args...)
	}
	if err := sh(args[0], args[1:]...); err != nil {
		return err
	}
	if b, err := os.ReadFile(timeLog); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.Contains(l, "Maximum resident set size") || strings.Contains(l, "Elapsed (wall clock)") ||
				strings.Contains(l, "Percent of CPU") {
				fmt.Println("ingest:", strings.TrimSpace(l))
			}
		}
	}
	fmt.Printf("ingest: load average %s after\n", machine.LoadAvg())
	return nil
}

func sh(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return nil
}

func bench(s *sqlite.Store, queries int) error {
	ctx := context.Background()
	k, err := kb.Default()
	if err != nil {
		return err
	}
	known := map[string][]string{}
	for _, e := range k.Entries {
		for _, n := range e.Names() {
			key := strings.ToLower(n)
			if !slices.Contains(known[key], e.Name) {
				known[key] = append(known[key], e.Name)
			}
		}
	}
	q := &query.Engine{S: s, Known: func(name string) []string { return known[strings.ToLower(name)] }}
	_, ndocs, err := s.Documents(ctx, actorgraph.AsOf{}, actorgraph.Page{Limit: 1})
	if err != nil {
		return err
	}
	_, nactors, _ := s.Actors(ctx, actorgraph.ActorFilter{Page: actorgraph.Page{Limit: 1}})
	_, nedges, _ := s.Edges(ctx, actorgraph.EdgeFilter{Page: actorgraph.Page{Limit: 1}})
	fmt.Printf("store: %d documents, %d actors, %d relationships\n", ndocs, nactors, nedges)

	// the sample: the 30 actors with most documents, then every k-th
	// of the rest, by name as an analyst types it
	var names []string
	top, _, err := s.Actors(ctx, actorgraph.ActorFilter{Page: actorgraph.Page{Limit: 30}})
	if err != nil {
		return err
	}
	for _, a := range top {
		names = append(names, a.Name)
	}
	step := max(1, (nactors-30)/max(1, queries-30))
	for off := 30; off < nactors && len(names) < queries; off += step {
		as, _, err := s.Actors(ctx, actorgraph.ActorFilter{Page: actorgraph.Page{Offset: off, Limit: 1}})
		if err != nil {
			return err
		}
		if len(as) == 1 {
			names = append(names, as[0].Name)
		}
	}
	// names that resolve to one actor only (an ambiguous name is an
	// error answer, fast and not what is measured)
	var ids []actorgraph.ActorID
	var clean []string
	for _, n := range names {
		if a, err := q.Resolve(ctx, n); err == nil {
			clean = append(clean, n)
			ids = append(ids, a.ID)
		}
	}
	names = clean
	if len(names) < 2 {
		return fmt.Errorf("too few actors in the store to query")
	}
	fmt.Printf("queries: %d actors (%d hubs), load average %s\n", len(names), min(30, len(names)), machine.LoadAvg())

	measure("actor NAME", len(names), func(i int) error {
		a, err := q.Resolve(ctx, names[i])
		if err != nil {
			return err
		}
		_, err = q.Profile(ctx, a.ID, actorgraph.AsOf{}, 10)
		return err
	})
	measure("relations --actor NAME", len(names), func(i int) error {
		a, err := q.Resolve(ctx, names[i])
		if err != nil {
			return err
		}
		_, _, err = s.Edges(ctx, actorgraph.EdgeFilter{Actor: a.ID, Page: actorgraph.Page{Limit: 50}})
		return err
	})
	// pairs: a fixed shuffle, so that hubs meet rare actors and each other
	r := rand.New(rand.NewPCG(1, 2))
	pairs := make([][2]int, len(names))
	found := 0
	for i := range pairs {
		pairs[i] = [2]int{i, r.IntN(len(names))}
		if pairs[i][0] == pairs[i][1] {
			pairs[i][1] = (pairs[i][1] + 1) % len(names)
		}
	}
	measure("path A B --max-hops 3", len(pairs), func(i int) error {
		a, err := q.Resolve(ctx, names[pairs[i][0]])
		if err != nil {
			return err
		}
		b, err := q.Resolve(ctx, names[pairs[i][1]])
		if err != nil {
			return err
		}
		ps, err := q.Paths(ctx, a.ID, b.ID, 3, 5, actorgraph.AsOf{})
		if len(ps) > 0 {
			found++
		}
		return err
	})
	fmt.Printf("  (%d of %d pairs connected within 3 hops)\n", found, len(pairs))
	fmt.Printf("load average %s after\n", machine.LoadAvg())
	return nil
}

// measure runs f(0..n-1) once as a warm-up pass over the first few, then
// times every call and prints the percentiles.
func measure(name string, n int, f func(i int) error) {
	for i := 0; i < min(n, 5); i++ {
		f(i)
	}
	ds := make([]time.Duration, 0, n)
	errs := 0
	for i := 0; i < n; i++ {
		t := time.Now()
		if err := f(i); err != nil {
			errs++
		}
		ds = append(ds, time.Since(t))
	}
	slices.Sort(ds)
	pct := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
	fmt.Printf("%-24s n=%d  p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms  errors %d\n", name, n,
		ms(pct(0.50)), ms(pct(0.95)), ms(ds[len(ds)-1]), errs)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
