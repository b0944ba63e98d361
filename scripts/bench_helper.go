//go:build ignore

// bench_helper is the Go half of scripts/bench: it generates a corpus of
// report files from the sample reports and measures extraction throughput
// over such a corpus. It is excluded from `go build ./...`; build it with
// `go build -o HELPER scripts/bench_helper.go`.
//
//	bench_helper gen [-samples DIR] [-mb N] -o DIR
//	bench_helper run [-workers N] [-json=false] DIR
//
// gen writes files doc-NNNNNN.txt until they hold at least N MB, each a
// variation of a sample report (sentences rotated within paragraphs, actor
// names swapped, digits shifted; the same scheme as BenchmarkExtract in
// nlp/pipeline/bench_test.go). run reads the files one at a time on N
// workers, extracts each (and encodes the result as JSON, as the CLI
// does, unless -json=false) and prints throughput and peak RSS (VmHWM).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/actorgraph/actorgraph/kb"
	"github.com/actorgraph/actorgraph/nlp/pipeline"
	"github.com/actorgraph/actorgraph/source"
)

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400) // as cmd/actorgraph does
	}
	if len(os.Args) < 2 {
		fatalf("usage: bench_helper gen|run ...")
	}
	switch os.Args[1] {
	case "gen":
		gen(os.Args[2:])
	case "run":
		run(os.Args[2:])
	default:
		fatalf("unknown mode %q", os.Args[1])
	}
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench_helper: "+format+"\n", args...)
	os.Exit(1)
}

// fallbackReports are used when fewer than three sample reports exist.
var fallbackReports = []string{
	"Border brief\n\nThe Taliban hosted al-Qaeda fighters in Kunar province during 2023, according to a United Nations monitoring team. Officials in Kabul denied the claim. The Islamic State Khorasan Province (ISKP) attacked a Taliban checkpoint near Jalalabad on 4 March, killing 12 people.\n\nChina pressed the Taliban to expel Uyghur militants, and Russia signalled it may recognise the government in Kabul. Tajikistan, which backs the National Resistance Front, keeps its border closed.\n",
	"Sahel update\n\nJama'at Nusrat al-Islam wal-Muslimin (JNIM), al-Qaeda's branch in the Sahel, attacked an army convoy near Djibo in Burkina Faso, killing 35 soldiers. Russia's Africa Corps supports the Malian army, which fought Tuareg rebels around Kidal.\n\nThe Islamic State Sahel Province is a rival of JNIM. Niger, Mali and Burkina Faso left ECOWAS, which condemned the coups.\n",
	"Red Sea and Lebanon\n\nIran-backed Houthi rebels fired 3 missiles at Israel on Tuesday. The U.S. and Britain struck Houthi positions near Hodeidah in response.\n\nHezbollah, which Iran arms and funds, has not attacked Israel since the ceasefire of November 2024. Lebanon's army deployed along the Litani river.\n",
}

var actorNames = []string{"Taliban", "Hezbollah", "Houthis", "al-Shabaab", "Boko Haram", "JNIM", "ISKP",
	"Hamas", "M23", "Wagner Group", "Islamic State", "al-Qaeda", "Russia", "China", "Iran", "Turkey"}

type corpus struct {
	base   [][][]string
	swaps  []*strings.Replacer
	digits []*strings.Replacer
}

func newCorpus(reports []string) *corpus {
	c := &corpus{}
	for _, r := range reports {
		var paras [][]string
		for _, p := range strings.Split(r, "\n\n") {
			paras = append(paras, splitRough(p))
		}
		c.base = append(c.base, paras)
	}
	for shift := range actorNames {
		var pairs []string
		for j, n := range actorNames {
			pairs = append(pairs, n, actorNames[(j+shift)%len(actorNames)])
		}
		c.swaps = append(c.swaps, strings.NewReplacer(pairs...))
	}
	for shift := 0; shift < 10; shift++ {
		var pairs []string
		for d := 0; d < 10; d++ {
			pairs = append(pairs, strconv.Itoa(d), strconv.Itoa((d+shift)%10))
		}
		c.digits = append(c.digits, strings.NewReplacer(pairs...))
	}
	return c
}

func splitRough(p string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(p); i++ {
		if (p[i] == '.' || p[i] == '?' || p[i] == '!') && p[i+1] == ' ' && p[i+2] >= 'A' && p[i+2] <= 'Z' {
			out = append(out, p[start:i+1])
			start = i + 2
		}
	}
	return append(out, p[start:])
}

func (c *corpus) doc(i int) string {
	paras := c.base[i%len(c.base)]
	round := i / len(c.base)
	var b strings.Builder
	for pi, sents := range paras {
		if pi > 0 {
			b.WriteString("\n\n")
		}
		rot := (round * (pi + 1)) % len(sents)
		for k := range sents {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(sents[(k+rot)%len(sents)])
		}
	}
	s := c.swaps[round%len(c.swaps)].Replace(b.String())
	return c.digits[(round/len(c.swaps))%len(c.digits)].Replace(s)
}

func gen(args []string) {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	dir := fs.String("samples", "samples", "directory of sample reports (*.txt)")
	mb := fs.Int("mb", 50, "write at least this many MB")
	out := fs.String("o", "", "output directory")
	fs.Parse(args)
	if *out == "" {
		fatalf("gen: -o DIR is required")
	}
	files, _ := filepath.Glob(filepath.Join(*dir, "*.txt"))
	sort.Strings(files)
	var reports []string
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && strings.TrimSpace(string(b)) != "" {
			reports = append(reports, string(b))
		}
	}
	if len(reports) < 3 {
		fmt.Fprintf(os.Stderr, "bench_helper: only %d sample reports in %s; using built-in ones\n", len(reports), *dir)
		reports = fallbackReports
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fatalf("%v", err)
	}
	c := newCorpus(reports)
	var total int64
	n := 0
	for ; total < int64(*mb)*1e6; n++ {
		d := c.doc(n)
		if err := os.WriteFile(filepath.Join(*out, fmt.Sprintf("doc-%06d.txt", n)), []byte(d), 0o644); err != nil {
			fatalf("%v", err)
		}
		total += int64(len(d))
	}
	fmt.Printf("generated %d files, %.1f MB, from %d base reports\n", n, float64(total)/1e6, len(reports))
}

func run(args []string) {
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "parallel workers")
	withJSON := fs.Bool("json", true, "encode each result as JSON (as the CLI does)")
	fs.Parse(args)
	if fs.NArg() != 1 {
		fatalf("run: want one DIR")
	}
	files, err := filepath.Glob(filepath.Join(fs.Arg(0), "*.txt"))
	if err != nil || len(files) == 0 {
		fatalf("run: no .txt files in %s", fs.Arg(0))
	}
	sort.Strings(files)
	t0 := time.Now()
	k, err := kb.Default()
	if err != nil {
		fatalf("%v", err)
	}
	x, err := pipeline.New(k, "")
	if err != nil {
		fatalf("%v", err)
	}
	setup := time.Since(t0)

	paths := make(chan string)
	var bytes, docs, ents, rels atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			enc := json.NewEncoder(io.Discard)
			for p := range paths {
				doc, err := source.ReadFile(p, nil)
				if err != nil {
					fatalf("%v", err)
				}
				res := x.Extract(doc.Text)
				if *withJSON {
					if err := enc.Encode(res); err != nil {
						fatalf("%v", err)
					}
				}
				bytes.Add(int64(len(doc.Text)))
				docs.Add(1)
				ents.Add(int64(len(res.Entities)))
				rels.Add(int64(len(res.Relations)))
			}
		}()
	}
	for _, p := range files {
		paths <- p
	}
	close(paths)
	wg.Wait()
	el := time.Since(start).Seconds()
	mbs := float64(bytes.Load()) / 1e6 / el
	fmt.Printf("workers=%d GOMAXPROCS=%d docs=%d MB=%.1f seconds=%.2f MB/s=%.2f MB/s/worker=%.2f entities=%d relations=%d kb+pipeline-setup=%v peak-RSS-MiB=%.1f\n",
		*workers, runtime.GOMAXPROCS(0), docs.Load(), float64(bytes.Load())/1e6, el, mbs, mbs/float64(*workers),
		ents.Load(), rels.Load(), setup.Round(time.Millisecond), float64(peakRSS())/(1<<20))
}

func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) == 2 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n << 10
			}
		}
	}
	return 0
}
