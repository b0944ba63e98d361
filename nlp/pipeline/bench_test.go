package pipeline

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fallbackReports are used when fewer than three sample reports exist;
// they were written for this benchmark.
var fallbackReports = []string{
	`Border brief: the northern districts

The Taliban hosted al-Qaeda fighters in Kunar province during 2023, according to a United Nations monitoring team. Officials in Kabul denied the claim and said no foreign group operates on Afghan soil. The Islamic State Khorasan Province (ISKP) attacked a Taliban checkpoint near Jalalabad on 4 March, killing 12 people.

China pressed the Taliban to expel Uyghur militants, and Russia signalled it may recognise the government in Kabul. Tajikistan, which backs the National Resistance Front, keeps its border closed.

- Uzbekistan trades with the Taliban through Termez.
- Pakistan accuses the Taliban of sheltering the TTP.
`,
	`Sahel update

Jama'at Nusrat al-Islam wal-Muslimin (JNIM), al-Qaeda's branch in the Sahel, attacked an army convoy near Djibo in Burkina Faso, killing 35 soldiers. The junta in Ouagadougou blamed the group and vowed to retaliate. Russia's Africa Corps supports the Malian army, which fought Tuareg rebels around Kidal in 2.5 weeks of clashes.

The Islamic State Sahel Province is a rival of JNIM; the two groups have fought each other since 2020. Niger, Mali and Burkina Faso formed the Alliance of Sahel States and left ECOWAS, which condemned the coups.
`,
	`Red Sea and Lebanon

Iran-backed Houthi rebels fired 3 missiles at Israel on Tuesday. The U.S. and Britain struck Houthi positions near Hodeidah in response. Saudi Arabia did not join the strikes.

Hezbollah, which Iran arms and funds, has not attacked Israel since the ceasefire of November 2024, but Israeli jets struck Hezbollah sites in southern Lebanon on 1,200 occasions, the group said. Lebanon's army deployed along the Litani river.
`,
}

// corpus produces benchmark documents one at a time from a few base
// reports, varying each: sentences rotated within paragraphs, actor names
// swapped for others from a fixed list, digits shifted.
type corpus struct {
	base   [][][]string // report → paragraph → sentences
	swaps  []*strings.Replacer
	digits []*strings.Replacer
}

var actorNames = []string{"Taliban", "Hezbollah", "Houthis", "al-Shabaab", "Boko Haram", "JNIM", "ISKP",
	"Hamas", "M23", "Wagner Group", "Islamic State", "al-Qaeda", "Russia", "China", "Iran", "Turkey"}

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

// splitRough splits a paragraph after ". ", "? " and "! " before a capital;
// good enough to vary the order of sentences.
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

// doc returns document i of the corpus.
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

// benchReports reads the sample reports, falling back to fallbackReports.
func benchReports(b *testing.B) []string {
	files, _ := filepath.Glob("../../samples/*.txt")
	sort.Strings(files)
	var out []string
	for _, f := range files {
		if t, err := os.ReadFile(f); err == nil && len(strings.TrimSpace(string(t))) > 0 {
			out = append(out, string(t))
		}
	}
	if len(out) < 3 {
		b.Logf("only %d sample reports: using the built-in ones", len(out))
		return fallbackReports
	}
	return out
}

// peakRSS returns the process's peak resident set size in bytes from
// /proc/self/status (VmHWM), or 0 where that is not available.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) == 2 && f[1] == "kB" {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n << 10
			}
		}
	}
	return 0
}

func avgSize(c *corpus, n int) int64 {
	var total int64
	for i := 0; i < n; i++ {
		total += int64(len(c.doc(i)))
	}
	return total / int64(n)
}

// BenchmarkExtract extracts one generated document per iteration. The
// MB/s it reports counts the time spent in Extract only, not generation.
func BenchmarkExtract(b *testing.B) {
	x := extractor(b)
	c := newCorpus(benchReports(b))
	b.SetBytes(avgSize(c, 64))
	b.ReportAllocs()
	var bytes int64
	var inExtract time.Duration
	i := 0
	for b.Loop() {
		text := c.doc(i)
		i++
		t0 := time.Now()
		res := x.Extract(text)
		inExtract += time.Since(t0)
		bytes += int64(len(text))
		if len(res.Entities) == 0 {
			b.Fatalf("document %d: no entities", i-1)
		}
	}
	if inExtract > 0 {
		b.ReportMetric(float64(bytes)/1e6/inExtract.Seconds(), "MB/s")
	}
	b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MiB")
}

// BenchmarkExtractParallel runs Extract on every core (GOMAXPROCS) and
// reports the total and the per-core throughput.
func BenchmarkExtractParallel(b *testing.B) {
	x := extractor(b)
	c := newCorpus(benchReports(b))
	b.SetBytes(avgSize(c, 64))
	var next, bytes atomic.Int64
	start := time.Now()
	var once sync.Once
	b.RunParallel(func(pb *testing.PB) {
		once.Do(func() { start = time.Now() })
		for pb.Next() {
			text := c.doc(int(next.Add(1) - 1))
			x.Extract(text)
			bytes.Add(int64(len(text)))
		}
	})
	el := time.Since(start).Seconds()
	if el > 0 {
		mbs := float64(bytes.Load()) / 1e6 / el
		b.ReportMetric(mbs, "MB/s")
		b.ReportMetric(mbs/float64(runtime.GOMAXPROCS(0)), "MB/s/core")
	}
	b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MiB")
}

// TestCorpusVaries checks the benchmark's generator: documents differ, and
// the base documents come back unchanged in round 0 except for rotation.
func TestCorpusVaries(t *testing.T) {
	c := newCorpus(fallbackReports)
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		d := c.doc(i)
		if seen[d] {
			t.Fatalf("document %d repeats an earlier one", i)
		}
		seen[d] = true
	}
	if c.doc(0) != fallbackReports[0] {
		t.Errorf("document 0 is not the first base report")
	}
}
