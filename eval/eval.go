// Package eval scores an extraction against gold annotations in the
// schema of the project's evaluation set (one NAME.gold.json beside each
// NAME.txt): entity, typed-entity, relation and strict (with modality)
// precision, recall and F1, micro-averaged over documents. It follows the
// shared scorer's rules exactly so that `go test` and CI agree with it.
//
// It imports only the root package and the standard library.
package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/actorgraph/actorgraph"
)

// Gold is one annotated document.
type Gold struct {
	Source    string `json:"source"`
	Published string `json:"published"`
	Entities  []struct {
		ID    string   `json:"id"`
		Type  string   `json:"type"`
		Names []string `json:"names"`
	} `json:"entities"`
	Relations []struct {
		Source   string `json:"source"`
		Type     string `json:"type"`
		Target   string `json:"target"`
		Negated  bool   `json:"negated"`
		Modality string `json:"modality"`
		Evidence string `json:"evidence"`
	} `json:"relations"`
}

// Tally counts true positives, false positives and false negatives.
type Tally struct{ TP, FP, FN int }

// PRF returns precision, recall and F1.
func (t Tally) PRF() (p, r, f float64) {
	if t.TP+t.FP > 0 {
		p = float64(t.TP) / float64(t.TP+t.FP)
	}
	if t.TP+t.FN > 0 {
		r = float64(t.TP) / float64(t.TP+t.FN)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

func (t *Tally) add(o Tally) { t.TP += o.TP; t.FP += o.FP; t.FN += o.FN }

// Score holds the four tallies.
type Score struct {
	Docs                                  int
	Entities, Typed, Relations, RelStrict Tally
	Misses, FalsePositives                []string // relation keys, for reports
}

// Add merges another score into s.
func (s *Score) Add(o Score) {
	s.Docs += o.Docs
	s.Entities.add(o.Entities)
	s.Typed.add(o.Typed)
	s.Relations.add(o.Relations)
	s.RelStrict.add(o.RelStrict)
	s.Misses = append(s.Misses, o.Misses...)
	s.FalsePositives = append(s.FalsePositives, o.FalsePositives...)
}

func (s Score) String() string {
	var b strings.Builder
	for _, x := range []struct {
		name string
		t    Tally
	}{{"entities", s.Entities}, {"typed_entities", s.Typed}, {"relations", s.Relations}, {"relations_strict", s.RelStrict}} {
		p, r, f := x.t.PRF()
		fmt.Fprintf(&b, "%-17s P %.3f  R %.3f  F1 %.3f   (tp %d fp %d fn %d)\n", x.name, p, r, f, x.t.TP, x.t.FP, x.t.FN)
	}
	return b.String()
}

var (
	punctRE = regexp.MustCompile(`["“”()\[\],;:]`)
	// Python's \s matches every Unicode space, and a few controls too
	spaceRE = regexp.MustCompile(`[\s\p{Z}\x{85}\x{1c}-\x{1f}]+`)
)

// Norm normalises a name as the scorer does: accents and dots removed,
// case folded, a leading "the" and a trailing "'s" dropped.
func Norm(s string) string {
	s = norm.NFKD.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, s)
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, "\u2019", "'")
	s = strings.ReplaceAll(s, ".", "")
	s = punctRE.ReplaceAllString(s, " ")
	s = strings.TrimSpace(spaceRE.ReplaceAllString(s, " "))
	s = strings.TrimPrefix(s, "the ")
	s = strings.TrimSuffix(s, "'s")
	return s
}

type relKey struct {
	s, typ, t string
	neg       bool
}

func key(s, typ, t string, neg bool) relKey {
	if (typ == "ALLY" || typ == "RIVAL") && t < s {
		s, t = t, s
	}
	return relKey{s, typ, t, neg}
}

// Compare scores one extraction against its gold annotation.
func Compare(g *Gold, x *actorgraph.Extraction) Score {
	sc := Score{Docs: 1}
	goldNames := map[string][]string{}
	gtype := map[string]string{}
	for _, e := range g.Entities {
		gtype[e.ID] = e.Type
		for _, n := range e.Names {
			k := Norm(n)
			if !contains(goldNames[k], e.ID) {
				goldNames[k] = append(goldNames[k], e.ID)
			}
		}
	}
	mapping := map[string]string{}
	used := map[string]bool{}
	for _, p := range x.Entities {
		votes := map[string]int{}
		var order []string
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			for _, gid := range goldNames[Norm(n)] {
				if votes[gid] == 0 {
					order = append(order, gid)
				}
				votes[gid]++
			}
		}
		// most votes first; ties keep first-seen order (as Python's stable sort)
		sort.SliceStable(order, func(i, j int) bool { return votes[order[i]] > votes[order[j]] })
		if len(order) > 0 {
			mapping[p.ID] = order[0]
		}
		matched := ""
		for _, gid := range order {
			if !used[gid] {
				matched = gid
				break
			}
		}
		if matched == "" {
			sc.Entities.FP++
			sc.Typed.FP++
			continue
		}
		mapping[p.ID] = matched
		used[matched] = true
		sc.Entities.TP++
		if string(p.Type) == gtype[matched] {
			sc.Typed.TP++
		} else {
			sc.Typed.FP++
			sc.Typed.FN++
		}
	}
	sc.Entities.FN = len(g.Entities) - len(used)
	sc.Typed.FN += len(g.Entities) - len(used)

	gold := map[relKey]string{}
	for _, r := range g.Relations {
		m := r.Modality
		if m == "" {
			m = "asserted"
		}
		gold[key(r.Source, r.Type, r.Target, r.Negated)] = m
	}
	pred := map[relKey]string{}
	var predOrder []relKey
	for _, r := range x.Relations {
		s, ok := mapping[r.Source]
		if !ok {
			s = "?" + r.Source
		}
		t, ok := mapping[r.Target]
		if !ok {
			t = "?" + r.Target
		}
		k := key(s, string(r.Type), t, r.Negated)
		if _, seen := pred[k]; !seen {
			m := string(r.Modality)
			if m == "" {
				m = "asserted" // as the shared scorer reads a missing modality
			}
			pred[k] = m
			predOrder = append(predOrder, k)
		}
	}
	hit := 0
	strict := 0
	for _, k := range predOrder {
		if gm, ok := gold[k]; ok {
			hit++
			if gm == pred[k] {
				strict++
			}
		} else {
			sc.FalsePositives = append(sc.FalsePositives, fmt.Sprint(k))
		}
	}
	for k := range gold {
		if _, ok := pred[k]; !ok {
			sc.Misses = append(sc.Misses, fmt.Sprint(k))
		}
	}
	sc.Relations = Tally{TP: hit, FP: len(pred) - hit, FN: len(gold) - hit}
	sc.RelStrict = Tally{TP: strict, FP: len(pred) - strict, FN: len(gold) - strict}
	return sc
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// Pair is one annotated document on disk.
type Pair struct {
	Name string
	Text string
	Gold *Gold
}

// LoadDir reads every NAME.txt in dir that has a NAME.gold.json.
func LoadDir(dir string) ([]Pair, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []Pair
	for _, gf := range files {
		base := strings.TrimSuffix(gf, ".gold.json")
		text, err := os.ReadFile(base + ".txt")
		if err != nil {
			continue
		}
		b, err := os.ReadFile(gf)
		if err != nil {
			return nil, err
		}
		var g Gold
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: %v", gf, err)
		}
		out = append(out, Pair{Name: filepath.Base(base), Text: string(text), Gold: &g})
	}
	return out, nil
}
