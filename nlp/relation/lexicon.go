package relation

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/nlp"
)

//go:embed lexicon.txt
var defaultLexicon string

type kind uint8

const (
	kVerb kind = iota + 1
	kNoun
	kRole
	kLink
	kCompound
)

// Rule is one line of the lexicon.
type Rule struct {
	Type     actorgraph.RelationType
	kind     kind
	Rev      bool
	Neg      bool
	Possible bool
	Place    bool
	Near     bool
	Preps    map[string]bool
	Needs    map[string]bool
	Line     int
}

type trieNode struct {
	next  map[string]*trieNode
	rules []*Rule
}

// Lexicon is a parsed relation lexicon: a trie of trigger forms.
type Lexicon struct {
	root  *trieNode
	rules []*Rule
}

// ParseLexicon reads a lexicon in the format documented in lexicon.txt.
func ParseLexicon(text, name string) (*Lexicon, error) {
	lx := &Lexicon{root: &trieNode{}}
	if err := lx.Add(text, name); err != nil {
		return nil, err
	}
	return lx, nil
}

// Add parses more rules into the lexicon (an analyst's overlay).
func (lx *Lexicon) Add(text, name string) error {
	for n, line := range strings.Split(text, "\n") {
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if err := lx.addLine(line, n+1); err != nil {
			return actorgraph.Errorf(actorgraph.EInvalid, "%s:%d: %v", name, n+1, err)
		}
	}
	return nil
}

func (lx *Lexicon) addLine(line string, n int) error {
	head, rest, ok := strings.Cut(line, ":")
	if !ok {
		return fmt.Errorf("want \"TYPE kind: forms ; flags\"")
	}
	hf := strings.Fields(head)
	if len(hf) != 2 {
		return fmt.Errorf("want \"TYPE kind\" before the colon, got %q", head)
	}
	t, err := actorgraph.ParseRelationType(hf[0])
	if err != nil {
		return err
	}
	r := &Rule{Type: t, Line: n}
	switch hf[1] {
	case "verb":
		r.kind = kVerb
	case "noun":
		r.kind = kNoun
	case "role":
		r.kind = kRole
	case "link":
		r.kind = kLink
	case "compound":
		r.kind = kCompound
	default:
		return fmt.Errorf("unknown kind %q (want verb, noun, role, link or compound)", hf[1])
	}
	parts := strings.Split(rest, ";")
	for _, f := range parts[1:] {
		f = strings.TrimSpace(f)
		key, val, _ := strings.Cut(f, "=")
		switch key {
		case "rev":
			r.Rev = true
		case "neg":
			r.Neg = true
		case "possible":
			r.Possible = true
		case "place":
			r.Place = true
		case "near":
			r.Near = true
		case "prep":
			r.Preps = set(val)
		case "needs":
			r.Needs = set(val)
		case "":
		default:
			return fmt.Errorf("unknown flag %q", key)
		}
	}
	if r.kind == kNoun && len(r.Preps) == 0 {
		return fmt.Errorf("a noun rule needs prep=")
	}
	lx.rules = append(lx.rules, r)
	for _, form := range strings.Split(parts[0], ",") {
		form = strings.TrimSpace(form)
		if form == "" {
			continue
		}
		toks := nlp.Tokenize(form)
		node := lx.root
		for _, tk := range toks {
			if node.next == nil {
				node.next = map[string]*trieNode{}
			}
			c := node.next[tk.Norm]
			if c == nil {
				c = &trieNode{}
				node.next[tk.Norm] = c
			}
			node = c
		}
		node.rules = append(node.rules, r)
	}
	return nil
}

func set(v string) map[string]bool {
	m := map[string]bool{}
	for _, x := range strings.Split(v, "/") {
		if x = strings.TrimSpace(x); x != "" {
			m[nlp.Fold(x)] = true
		}
	}
	return m
}

// match returns the longest trigger starting at token i: its end and rules.
func (lx *Lexicon) match(d *nlp.Doc, i, end int) (int, []*Rule) {
	node := lx.root
	bestEnd, best := -1, []*Rule(nil)
	for j := i; j < end; j++ {
		c := node.next[d.Tokens[j].Norm]
		if c == nil {
			// an adverb inside a form: "cooperates closely with"
			if n := d.Tokens[j].Norm; j > i && len(n) > 4 && strings.HasSuffix(n, "ly") && d.Tokens[j].Kind == nlp.Word {
				continue
			}
			break
		}
		node = c
		if len(node.rules) > 0 {
			bestEnd, best = j+1, node.rules
		}
	}
	return bestEnd, best
}
