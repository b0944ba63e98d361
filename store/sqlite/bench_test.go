package sqlite

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph"
)

// corpus generates realistic documents: ~15 entities out of a pool of
// 3,000 actors whose popularity follows a Zipf law (a few appear in most
// reports, like the Taliban), a third of them known to the knowledge base,
// some with acronyms; ~10 relations with evidence sentences; 2–4 KB of
// text; dates over ten years, one in ten undated.
type corpus struct {
	rng   *rand.Rand
	zipf  *rand.Zipf
	pool  []actorgraph.Entity
	types []actorgraph.RelationType
}

var syllables = []string{"al", "ja", "bat", "nus", "ra", "tah", "rir", "sham", "ha", "qqa", "ni", "is", "lam", "ka", "bul",
	"shi", "ba", "ab", "jund", "aq", "sa", "liw", "har", "kat", "ib", "fa", "tah", "ans", "ar", "din"}

func word(rng *rand.Rand) string {
	var b strings.Builder
	for i := 0; i < 2+rng.Intn(2); i++ {
		b.WriteString(syllables[rng.Intn(len(syllables))])
	}
	w := b.String()
	return strings.ToUpper(w[:1]) + w[1:]
}

func newCorpus(seed int64) *corpus {
	rng := rand.New(rand.NewSource(seed))
	c := &corpus{rng: rng, zipf: rand.NewZipf(rng, 1.1, 4, 2999),
		types: []actorgraph.RelationType{actorgraph.Ally, actorgraph.AffiliateOf, actorgraph.Rival, actorgraph.Hosts,
			actorgraph.Supports, actorgraph.Attacks, actorgraph.Leads, actorgraph.MemberOf, actorgraph.LocatedIn}}
	types := actorgraph.EntityTypes
	for i := 0; i < 3000; i++ {
		n := 1 + rng.Intn(3)
		var ws []string
		for j := 0; j < n; j++ {
			ws = append(ws, word(rng))
		}
		name := strings.Join(ws, " ") + fmt.Sprintf(" %d", i)
		e := actorgraph.Entity{Name: name, Type: types[rng.Intn(len(types))]}
		if n > 1 && rng.Intn(2) == 0 {
			var acr string
			for _, w := range ws {
				acr += w[:1]
			}
			e.Aliases = []string{acr + fmt.Sprint(i%97)}
		}
		if i%3 == 0 {
			e.KBID, e.KBName = fmt.Sprintf("kb_%d", i), name
		}
		c.pool = append(c.pool, e)
	}
	return c
}

func (c *corpus) doc(i int) (actorgraph.Document, actorgraph.Extraction) {
	rng := c.rng
	seen := map[uint64]bool{}
	var picked []actorgraph.Entity
	for len(picked) < 15 {
		k := c.zipf.Uint64()
		if seen[k] {
			continue
		}
		seen[k] = true
		picked = append(picked, c.pool[k])
	}
	var text strings.Builder
	fmt.Fprintf(&text, "Report %d of the monitoring series.", i)
	x := actorgraph.Extraction{Entities: []actorgraph.Entity{}, Relations: []actorgraph.Relation{}}
	type sent struct{ start, end int }
	var sents []sent
	for k := range picked {
		e := picked[k]
		e.ID = fmt.Sprintf("e%d", k)
		e.Mentions = nil
		for m := 0; m < 1+rng.Intn(3); m++ {
			text.WriteString(" ")
			start := text.Len()
			name := e.Name
			if len(e.Aliases) > 0 && m > 0 {
				name = e.Aliases[0]
			}
			fmt.Fprintf(&text, "Observers said that %s was active in the district during the reporting period, ", name)
			e.Mentions = append(e.Mentions, actorgraph.Span{Start: start + 19, End: start + 19 + len(name)})
			text.WriteString("according to several local sources who asked not to be named.")
			sents = append(sents, sent{start, text.Len()})
		}
		x.Entities = append(x.Entities, e)
	}
	full := text.String()
	for r := 0; r < 10; r++ {
		a, b := rng.Intn(15), rng.Intn(15)
		if a == b {
			continue
		}
		s := sents[rng.Intn(len(sents))]
		mod := []actorgraph.Modality{actorgraph.Asserted, actorgraph.Asserted, actorgraph.Reported, actorgraph.Possible}[rng.Intn(4)]
		x.Relations = append(x.Relations, actorgraph.Relation{Source: x.Entities[a].ID, Type: c.types[rng.Intn(len(c.types))],
			Target: x.Entities[b].ID, Negated: rng.Intn(10) == 0, Modality: mod,
			Evidence: actorgraph.Evidence{Text: full[s.start:s.end], Span: actorgraph.Span{Start: s.start, End: s.end}, Trigger: "active"}})
	}
	pub := ""
	if rng.Intn(10) > 0 {
		pub = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.Intn(3650)).Format("2006-01-02")
	}
	return actorgraph.Document{Title: fmt.Sprintf("Report %d", i), URL: fmt.Sprintf("https://example.org/r/%d", i),
		Publisher: "Monitor", Published: pub, Text: full}, x
}

// usedStore opens a store that already holds 500 documents of c, as in
// use.
func usedStore(b *testing.B, c *corpus) *Store {
	b.Helper()
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 500; i++ {
		d, x := c.doc(i)
		if _, err := s.PutDocument(bg, d, x); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

func BenchmarkPutDocument(b *testing.B) {
	c := newCorpus(1)
	s := usedStore(b, c)
	defer s.Close()
	docs := make([]actorgraph.Document, b.N)
	xs := make([]actorgraph.Extraction, b.N)
	for i := range docs {
		docs[i], xs[i] = c.doc(1000 + i)
	}
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if _, err := s.PutDocument(bg, docs[i], xs[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "docs/s")
}

// BenchmarkPutDocuments imports in batches of 100 documents.
func BenchmarkPutDocuments(b *testing.B) {
	c := newCorpus(1)
	s := usedStore(b, c)
	defer s.Close()
	in := make([]DocInput, b.N)
	for i := range in {
		in[i].Doc, in[i].Extraction = c.doc(1000 + i)
	}
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i += 100 {
		if _, err := s.PutDocuments(bg, in[i:min(i+100, b.N)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "docs/s")
}

// The big store is filled once per test binary run and shared.
var big struct {
	once   sync.Once
	s      *Store
	dir    string
	actors []actorgraph.ActorID // the 200 most documented actors, and 200 rare ones
	err    error
	fill   time.Duration
}

// bigDocs is the size of the benchmark store: 20,000 documents, or
// $ACTORGRAPH_BENCH_DOCS.
var bigDocs = func() int {
	if n, err := strconv.Atoi(os.Getenv("ACTORGRAPH_BENCH_DOCS")); err == nil && n > 0 {
		return n
	}
	return 20000
}()

func bigStore(b *testing.B) *Store {
	if testing.Short() {
		b.Skip("fills a store of 20,000 documents; skipped under -short")
	}
	big.once.Do(func() {
		big.dir, big.err = os.MkdirTemp("", "actorgraph-bench-")
		if big.err != nil {
			return
		}
		big.s, big.err = Open(filepath.Join(big.dir, "big.db"))
		if big.err != nil {
			return
		}
		c := newCorpus(2)
		start := time.Now()
		const batch = 200
		for i := 0; i < bigDocs; i += batch {
			var in []DocInput
			for j := i; j < i+batch && j < bigDocs; j++ {
				d, x := c.doc(j)
				in = append(in, DocInput{d, x})
			}
			if _, big.err = big.s.PutDocuments(bg, in); big.err != nil {
				return
			}
		}
		big.fill = time.Since(start)
		fmt.Fprintf(os.Stderr, "filled %d documents with PutDocuments in %v (%.0f docs/s)\n", bigDocs, big.fill.Round(time.Millisecond),
			float64(bigDocs)/big.fill.Seconds())
		top, _, err := big.s.Actors(bg, actorgraph.ActorFilter{Page: actorgraph.Page{Limit: 200}})
		if err != nil {
			big.err = err
			return
		}
		_, total, _ := big.s.Actors(bg, actorgraph.ActorFilter{Page: actorgraph.Page{Limit: 1}})
		rare, _, err := big.s.Actors(bg, actorgraph.ActorFilter{Page: actorgraph.Page{Offset: total - 200, Limit: 200}})
		if err != nil {
			big.err = err
			return
		}
		for _, a := range append(top, rare...) {
			big.actors = append(big.actors, a.ID)
		}
	})
	if big.err != nil {
		b.Fatal(big.err)
	}
	return big.s
}

func TestMain(m *testing.M) {
	code := m.Run()
	if big.s != nil {
		big.s.Close()
		os.RemoveAll(big.dir)
	}
	os.Exit(code)
}

func BenchmarkActorQuery(b *testing.B) {
	s := bigStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Actor(bg, big.actors[i%len(big.actors)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkActorQueryParallel(b *testing.B) {
	s := bigStore(b)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := s.Actor(bg, big.actors[i%len(big.actors)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

func BenchmarkEdgesByActor(b *testing.B) {
	s := bigStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := s.Edges(bg, actorgraph.EdgeFilter{Actor: big.actors[i%len(big.actors)]}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEdgesByActorTop is the worst case: only the most documented
// actor, which has an edge to most of the graph.
func BenchmarkEdgesByActorTop(b *testing.B) {
	s := bigStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := s.Edges(bg, actorgraph.EdgeFilter{Actor: big.actors[0]}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEdgesByActorAsOf(b *testing.B) {
	s := bigStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f := actorgraph.EdgeFilter{Actor: big.actors[200+i%200], AsOf: actorgraph.AsOf{Date: "2020-01-01"}}
		if _, _, err := s.Edges(bg, f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	s := bigStore(b)
	var names []string
	for _, id := range big.actors {
		a, err := s.Actor(bg, id)
		if err != nil {
			b.Fatal(err)
		}
		names = append(names, a.Aliases[len(a.Aliases)-1].Name)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Resolve(bg, names[i%len(names)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch looks for actor names: a few hundred matching
// documents each.
func BenchmarkSearch(b *testing.B) {
	s := bigStore(b)
	var qs []string
	for _, id := range big.actors {
		a, err := s.Actor(bg, id)
		if err != nil {
			b.Fatal(err)
		}
		qs = append(qs, `"`+a.Name+`"`)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := s.Search(bg, qs[i%len(qs)], actorgraph.AsOf{}, actorgraph.Page{Limit: 20}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchEveryDocument is the worst case: words that every
// document contains, so all 20,000 are ranked and counted.
func BenchmarkSearchEveryDocument(b *testing.B) {
	s := bigStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := s.Search(bg, "observers district", actorgraph.AsOf{}, actorgraph.Page{Limit: 20}); err != nil {
			b.Fatal(err)
		}
	}
}
