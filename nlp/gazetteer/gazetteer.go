// Package gazetteer is the extraction stage that finds the knowledge base's
// actors and places in a document: one left-to-right pass over the tokens
// through a trie of every name, alias and adjective form (a token-level
// Aho–Corasick equivalent), taking the leftmost-longest match on token
// boundaries. Acronyms match only as written; other names need their
// capitalised words capitalised in the text. Hyphens between words are
// transparent, so "al-Qaeda", "al Qaeda" and "Al-Qaeda" are one name.
//
// It imports nlp, kb and the root package; it must not import another stage.
package gazetteer

import (
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/kb"
	"github.com/actorgraph/actorgraph/nlp"
)

type pattern struct {
	entry   *kb.Entry
	adj     bool
	acronym bool
	words   []string // the pattern's words as written (hyphens dropped)
}

type node struct {
	next map[string]*node
	pats []*pattern
}

// Stage matches knowledge-base names.
type Stage struct {
	root *node
	size int
}

// New builds the matcher for k.
func New(k *kb.KB) *Stage {
	s := &Stage{root: &node{}}
	for _, e := range k.Entries {
		for _, n := range e.Names() {
			s.add(e, n, false)
		}
		for _, a := range e.Adj {
			s.add(e, a, true)
		}
	}
	return s
}

// Patterns is the number of names in the matcher.
func (s *Stage) Patterns() int { return s.size }

// Name implements nlp.Stage.
func (*Stage) Name() string { return "gazetteer" }

// particles may be written in lower case in a text even where the
// knowledge base capitalises them.
var particles = map[string]bool{
	"al": true, "el": true, "ad": true, "ash": true, "as": true, "ar": true, "an": true, "at": true, "az": true,
	"bin": true, "ibn": true, "bint": true, "wal": true, "wa": true, "de": true, "du": true, "des": true,
	"la": true, "le": true, "van": true, "von": true, "der": true, "of": true, "the": true, "and": true,
	"in": true, "for": true, "ul": true, "ud": true, "e": true, "i": true, "y": true, "da": true, "do": true,
	"dos": true, "on": true, "to": true, "against": true, "ou": true,
}

func (s *Stage) add(e *kb.Entry, name string, adj bool) {
	toks := nlp.Tokenize(name)
	var words []string
	var keys []string
	for i, t := range toks {
		w := name[t.Start:t.End]
		if t.Kind == nlp.Punct && w == "-" {
			continue
		}
		// "the Islamic State" also matches "Islamic State"; but "The Base"
		// and "The Hague" keep their article, or any "Base" would match
		if i == 0 && t.Norm == "the" && wordCount(toks) > 2 {
			continue
		}
		words = append(words, w)
		keys = append(keys, t.Norm)
	}
	if len(keys) == 0 {
		return
	}
	n := s.root
	for _, k := range keys {
		if n.next == nil {
			n.next = map[string]*node{}
		}
		c := n.next[k]
		if c == nil {
			c = &node{}
			n.next[k] = c
		}
		n = c
	}
	for _, p := range n.pats {
		if p.entry == e && p.adj == adj && equalWords(p.words, words) {
			return
		}
	}
	n.pats = append(n.pats, &pattern{entry: e, adj: adj, acronym: kb.IsAcronym(name), words: words})
	s.size++
}

func wordCount(toks []nlp.Token) int {
	n := 0
	for _, t := range toks {
		if t.Kind != nlp.Punct {
			n++
		}
	}
	return n
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Process implements nlp.Stage.
func (s *Stage) Process(d *nlp.Doc) {
	toks := d.Tokens
	var pos []int // token indices of the words matched so far
	for i := 0; i < len(toks); {
		if toks[i].Kind == nlp.Punct {
			i++
			continue
		}
		n := s.root
		pos = pos[:0]
		bestEnd, bestPat := -1, (*pattern)(nil)
		for j := i; j < len(toks); j++ {
			t := toks[j]
			if t.Kind == nlp.Punct {
				if d.Text[t.Start:t.End] == "-" && !t.Space && j+1 < len(toks) && !toks[j+1].Space && j > i {
					continue // transparent hyphen inside a name
				}
				if t.Norm != "." && t.Norm != "&" && t.Norm != "'" {
					break
				}
			}
			if j > i && t.Lines > 0 {
				break // names do not run across lines
			}
			c := n.next[t.Norm]
			if c == nil {
				break
			}
			n = c
			pos = append(pos, j)
			if p := s.pick(d, n.pats, pos); p != nil {
				bestEnd, bestPat = j+1, p
			}
		}
		if bestPat == nil {
			i++
			continue
		}
		m := nlp.Mention{
			T0: i, T1: bestEnd, Start: toks[i].Start, End: toks[bestEnd-1].End,
			Type: bestPat.entry.Type, KBID: bestPat.entry.ID, Origin: nlp.FromKB,
			Adj: bestPat.adj, Entity: -1,
		}
		d.Mentions = append(d.Mentions, m)
		i = bestEnd
	}
}

// pick returns the first pattern at a node whose case agrees with the text.
func (s *Stage) pick(d *nlp.Doc, pats []*pattern, pos []int) *pattern {
	for _, p := range pats {
		if len(p.words) != len(pos) {
			continue
		}
		if caseAgrees(d, p, pos) {
			return p
		}
	}
	return nil
}

func caseAgrees(d *nlp.Doc, p *pattern, pos []int) bool {
	for k, w := range p.words {
		t := d.Tokens[pos[k]]
		got := d.Text[t.Start:t.End]
		if p.acronym {
			if nlp.Fold(got) != nlp.Fold(w) || !sameCase(got, w) {
				return false
			}
			// in a line written in capitals a short acronym is only a word:
			// "WHY IS IT"
			if len(pos) == 1 && len(got) <= 3 && shouting(d, pos[k]) {
				return false
			}
			continue
		}
		// "LeT" cannot be confirmed by "LET"
		if t.Upper && hasInnerCap(w) {
			return false
		}
		if particles[nlp.Fold(w)] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) && !t.Cap {
			return false
		}
		// inner capitals must be capitals too: "LeT" is not "Let"
		if !t.Upper && !innerCapsAgree(w, got) {
			return false
		}
	}
	return true
}

// sameCase compares letter case rune by rune (the folded texts are equal).
func sameCase(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return true // accents folded to different lengths: trust the fold
	}
	for i := range ra {
		if unicode.IsUpper(ra[i]) != unicode.IsUpper(rb[i]) {
			return false
		}
	}
	return true
}

// shouting reports whether the words around token i are in capitals too.
func shouting(d *nlp.Doc, i int) bool {
	n := 0
	for _, j := range []int{i - 2, i - 1, i + 1, i + 2} {
		if j >= 0 && j < len(d.Tokens) && d.Tokens[j].Kind == nlp.Word && d.Tokens[j].Upper && len(d.Tokens[j].Norm) > 1 {
			n++
		}
	}
	return n >= 2
}

// hasInnerCap reports whether a word has an upper-case letter after its
// first: "LeT", "HuM".
func hasInnerCap(w string) bool {
	inner, lower := false, false
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) {
			inner = true
		}
		if unicode.IsLower(r) {
			lower = true
		}
	}
	return inner && lower // "DC", "TV" are acronyms, not mixed case
}

// innerCapsAgree reports whether every upper-case letter after the first
// in the pattern word is upper case in the text word too.
func innerCapsAgree(pattern, text string) bool {
	pr, tr := []rune(pattern), []rune(text)
	if len(pr) != len(tr) {
		return true // accents folded to a different length: trust the fold
	}
	for i := 1; i < len(pr); i++ {
		if unicode.IsUpper(pr[i]) && !unicode.IsUpper(tr[i]) {
			return false
		}
	}
	return true
}
