// Command gencorpus writes a synthetic corpus of reports as JSON Lines
// that `actorgraph ingest` reads, for speed tests of ingestion and of
// queries on a large graph:
//
//	go run ./scripts/gencorpus -n 100000 -o corpus.jsonl [-seed 1]
//
// Every document is a variation of one of the embedded sample reports
// (samples.All()): the known actors it names are swapped, consistently
// within the document, for other knowledge-base actors of the same type
// (popular ones more often, so that the graph has hubs and a long tail),
// some persons get invented names, a paragraph may be dropped, and the
// dateline and every year in the text move by the same number of years.
// Publishers, titles and URLs vary. The output depends only on -n and
// -seed.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/kb"
	"github.com/actorgraph/actorgraph/samples"
)

// record is one line of the output, in the field names source/jsonl.go
// reads.
type record struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Publisher string `json:"publisher"`
	Published string `json:"published"`
	Text      string `json:"text"`
}

func main() {
	n := flag.Int("n", 1000, "documents to write")
	out := flag.String("o", "", "output file (JSON Lines); - for standard output")
	seed := flag.Uint64("seed", 1, "random seed: the same seed and -n give the same corpus")
	flag.Parse()
	if *out == "" || *n < 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -n N -o FILE.jsonl [-seed S]")
		os.Exit(2)
	}
	if err := run(*n, *out, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func run(n int, out string, seed uint64) error {
	k, err := kb.Default()
	if err != nil {
		return err
	}
	g := newGenerator(k, samples.All())
	if len(g.templates) == 0 {
		return fmt.Errorf("no sample reports to vary")
	}
	f := os.Stdout
	if out != "-" {
		if f, err = os.Create(out); err != nil {
			return err
		}
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := 0; i < n; i++ {
		if err := enc.Encode(g.doc(seed, i)); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if out != "-" {
		return f.Close()
	}
	return nil
}

// slot is a known actor's name in a sample report.
type slot struct {
	start, end int
	entry      *kb.Entry
	acronym    bool // the name used is an acronym
}

// template is a sample report with its actor names located.
type template struct {
	name  string
	text  string
	slots []slot // in order, not overlapping
}

type generator struct {
	templates []template
	byType    map[actorgraph.EntityType][]*kb.Entry
}

// swapped are the types whose actors are swapped; places stay, so that
// the reports keep their geography.
var swapped = []actorgraph.EntityType{actorgraph.ArmedGroup, actorgraph.Person, actorgraph.Org, actorgraph.Country}

func newGenerator(k *kb.KB, reports []samples.Report) *generator {
	g := &generator{byType: map[actorgraph.EntityType][]*kb.Entry{}}
	names := map[string]*kb.Entry{}
	for _, e := range k.Entries {
		if !swappable(e.Type) {
			continue
		}
		g.byType[e.Type] = append(g.byType[e.Type], e)
		for _, n := range e.Names() {
			if usableName(n) {
				if _, dup := names[n]; !dup {
					names[n] = e
				}
			}
		}
	}
	// the knowledge base's order puts the best-known actors of each
	// region first; a fixed shuffle spreads popularity across regions
	for t, list := range g.byType {
		r := rand.New(rand.NewPCG(7, uint64(len(t))))
		r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	for _, r := range reports {
		t := template{name: r.Name, text: r.Text}
		var found []slot
		for _, n := range sorted {
			for at := 0; ; {
				i := strings.Index(r.Text[at:], n)
				if i < 0 {
					break
				}
				s, e := at+i, at+i+len(n)
				if wordEdge(r.Text, s, e) {
					found = append(found, slot{start: s, end: e, entry: names[n], acronym: kb.IsAcronym(n)})
				}
				at = s + 1
			}
		}
		// leftmost, then longest, not overlapping
		sort.Slice(found, func(i, j int) bool {
			if found[i].start != found[j].start {
				return found[i].start < found[j].start
			}
			return found[i].end > found[j].end
		})
		end := 0
		for _, s := range found {
			if s.start >= end {
				t.slots = append(t.slots, s)
				end = s.end
			}
		}
		g.templates = append(g.templates, t)
	}
	return g
}

func swappable(t actorgraph.EntityType) bool {
	for _, s := range swapped {
		if s == t {
			return true
		}
	}
	return false
}

// usableName is a name worth swapping: capitalised and not a short
// acronym that would match ordinary words.
func usableName(n string) bool {
	r, _ := utf8.DecodeRuneInString(n)
	return len(n) >= 3 && unicode.IsUpper(r)
}

// wordEdge says text[s:e] is not part of a longer word.
func wordEdge(text string, s, e int) bool {
	if s > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:s])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if e < len(text) {
		r, _ := utf8.DecodeRuneInString(text[e:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

var publishers = []string{"Conflict Monitor", "Crisis Desk", "Borderlands Review", "Security Brief", "Regional Watch",
	"Militancy Tracker", "The Frontline Journal", "Field Notes Weekly", "Strategic Digest", "Sahel Observer",
	"Levant Analysis", "Horn Review", "Asia Security Letter", "Open Conflict Data", "Insurgency Watch"}

var firstNames = []string{"Ahmad", "Yusuf", "Amina", "Ibrahim", "Fatima", "Omar", "Khadija", "Hamid", "Layla", "Moussa",
	"Idris", "Salma", "Tariq", "Nadia", "Karim", "Aisha", "Bashir", "Zainab", "Rashid", "Mariam", "Jean", "Pierre",
	"Grace", "Samuel", "Elena", "Viktor", "Carlos", "Lucia", "Abdi", "Hawa"}

var lastNames = []string{"Rahimi", "Toure", "Haidari", "Diallo", "Nasser", "Okafor", "Mansour", "Karimov", "Baraka",
	"Sheikh", "Mutua", "Kamara", "Qureshi", "Farah", "Sultani", "Mbeki", "Haddad", "Osmani", "Yilmaz", "Petrov",
	"Morales", "Castillo", "Nkurunziza", "Bello", "Jalali", "Warsame", "Sesay", "Hakimi", "Zaman", "Darwish"}

var yearRE = regexp.MustCompile(`\b(19[5-9][0-9]|20[0-4][0-9])\b`)

var datelineRE = regexp.MustCompile(`Published: (\d{4})-(\d{2})-(\d{2})`)

// doc makes document i of the corpus of the given seed.
func (g *generator) doc(seed uint64, i int) record {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	t := &g.templates[r.IntN(len(g.templates))]

	// actors: each distinct known actor of the report may become another
	// of its type, never one the report already names
	repl := map[*kb.Entry]*kb.Entry{}
	invented := map[*kb.Entry]string{}
	used := map[*kb.Entry]bool{}
	for _, s := range t.slots {
		used[s.entry] = true
	}
	for _, s := range t.slots {
		e := s.entry
		if _, done := repl[e]; done {
			continue
		}
		repl[e] = e
		if r.Float64() < 0.25 {
			continue // keeps its actor
		}
		if e.Type == actorgraph.Person && r.Float64() < 0.4 {
			invented[e] = firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))]
			continue
		}
		list := g.byType[e.Type]
		for try := 0; try < 8; try++ {
			c := list[skewed(r, len(list))]
			if !used[c] {
				repl[e], used[c] = c, true
				break
			}
		}
	}
	var b strings.Builder
	b.Grow(len(t.text) + 64)
	at := 0
	for _, s := range t.slots {
		b.WriteString(t.text[at:s.start])
		b.WriteString(surface(s, repl[s.entry], invented[s.entry], t.text[s.start:s.end]))
		at = s.end
	}
	b.WriteString(t.text[at:])
	text := b.String()

	// one paragraph after the dateline may go
	paras := strings.Split(text, "\n\n")
	if len(paras) > 4 && r.Float64() < 0.3 {
		k := 3 + r.IntN(len(paras)-3)
		paras = append(paras[:k], paras[k+1:]...)
	}
	text = strings.Join(paras, "\n\n")

	// dates: the report moves to a year between 2012 and 2026, and every
	// year it mentions moves with it
	published := ""
	if m := datelineRE.FindStringSubmatch(text); m != nil {
		y, _ := strconv.Atoi(m[1])
		shift := 2012 + r.IntN(15) - y
		text = yearRE.ReplaceAllStringFunc(text, func(s string) string {
			v, _ := strconv.Atoi(s)
			return strconv.Itoa(v + shift)
		})
		published = fmt.Sprintf("%04d-%02d-%02d", y+shift, 1+r.IntN(12), 1+r.IntN(28))
		text = datelineRE.ReplaceAllString(text, "Published: "+published)
	}
	// a reference number keeps every text distinct
	text = strings.TrimRight(text, "\n") + fmt.Sprintf("\n\n(Report %d-%06d.)\n", seed, i)

	title, _, _ := strings.Cut(text, "\n")
	pub := publishers[skewed(r, len(publishers))]
	if r.Float64() < 0.3 {
		title = strings.TrimSpace(title) + " — " + pub
	}
	slug := strings.Map(func(c rune) rune {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return unicode.ToLower(c)
		}
		return '-'
	}, title)
	if len(slug) > 48 {
		slug = slug[:48]
	}
	domain := strings.ToLower(strings.ReplaceAll(pub, " ", "")) + ".example.org"
	year := "undated"
	if published != "" {
		year = published[:4]
	}
	return record{
		ID:        fmt.Sprintf("gen-%d-%06d", seed, i),
		Title:     strings.TrimSpace(title),
		URL:       fmt.Sprintf("https://%s/reports/%s/%s-%d", domain, year, strings.Trim(slug, "-"), i),
		Publisher: pub,
		Published: published,
		Text:      text,
	}
}

// skewed picks an index below n, low ones far more often (a Zipf-like
// popularity: a few actors appear in many reports, most in few).
func skewed(r *rand.Rand, n int) int {
	return min(n-1, int(float64(n)*math.Pow(r.Float64(), 3)))
}

// surface is the name a replacement actor goes by where the report used
// old: an acronym for an acronym when it has one, else its name.
func surface(s slot, to *kb.Entry, invented, old string) string {
	if invented != "" {
		if s.entry.Name != old && !s.acronym && !strings.Contains(old, " ") {
			// a surname alone stays a surname
			_, last, _ := strings.Cut(invented, " ")
			return last
		}
		return invented
	}
	if to == nil || to == s.entry {
		return old
	}
	if s.acronym {
		for _, a := range to.Aliases {
			if kb.IsAcronym(a) && len(a) >= 3 {
				return a
			}
		}
	}
	return to.Name
}
