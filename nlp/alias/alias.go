// Package alias is the extraction stage that groups a document's mentions
// into entities: mentions of one knowledge-base entry; acronyms defined in
// the text ("Islamic State Khorasan (ISK)", "(TIP, formerly the East
// Turkestan Islamic Movement or ETIM)"); names introduced by "also known
// as", "formerly", "a.k.a."; later mentions by acronym, by surname ("Saleh"
// after "Amrullah Saleh") and repeated names. Weak candidates that nothing
// links to a real name are dropped here.
//
// It imports only nlp and the root package; it must not import another
// stage.
package alias

import (
	"strings"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/nlp"
)

// Stage links mentions into entities.
type Stage struct{}

// Name implements nlp.Stage.
func (Stage) Name() string { return "alias" }

type uf []int

func (u uf) find(x int) int {
	for u[x] != x {
		u[x] = u[u[x]]
		x = u[x]
	}
	return x
}

func (u uf) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if ra < rb {
		u[rb] = ra
	} else {
		u[ra] = rb
	}
}

// aliasCues introduce another name of the mention before them.
var aliasCues = []string{"also known as", "formerly known as", "previously known as", "better known as",
	"otherwise known as", "known as", "also called", "formerly called", "a.k.a.", "aka", "formerly", "previously",
	"or", "now called", "now known as", "renamed"}

// Process implements nlp.Stage.
func (Stage) Process(d *nlp.Doc) {
	var idx []int // live mentions
	for i := range d.Mentions {
		if !d.Mentions[i].Removed {
			idx = append(idx, i)
		}
	}
	u := make(uf, len(d.Mentions))
	for i := range u {
		u[i] = i
	}
	// same knowledge-base entry
	byKB := map[string]int{}
	for _, i := range idx {
		if id := d.Mentions[i].KBID; id != "" {
			if j, ok := byKB[id]; ok {
				u.union(i, j)
			} else {
				byKB[id] = i
			}
		}
	}
	// definitions in the text
	for k, i := range idx {
		defineFrom(d, idx, k, i, u)
	}
	// the same unknown name again
	byText := map[string]int{}
	for _, i := range idx {
		m := &d.Mentions[i]
		if m.KBID != "" || m.Adj {
			continue
		}
		key := normName(d.MentionText(m))
		if j, ok := byText[key]; ok {
			u.union(i, j)
		} else {
			byText[key] = i
		}
	}
	linkAcronyms(d, idx, u)
	linkSurnames(d, idx, u)
	linkShortNames(d, idx, u)
	build(d, idx, u)
}

func normName(s string) string {
	s = nlp.Fold(s)
	s = strings.TrimPrefix(s, "the ")
	return strings.ReplaceAll(s, "-", " ")
}

// defineFrom links the mentions a definition after mention i introduces.
func defineFrom(d *nlp.Doc, idx []int, k, i int, u uf) {
	m := d.Mentions[i]
	t := m.T1
	toks := d.Tokens
	if t < len(toks) && toks[t].Norm == "," {
		t++
	}
	paren := false
	if t < len(toks) && (toks[t].Norm == "(" || toks[t].Norm == "[") {
		paren = true
		t++
	}
	next := k + 1
	first := true
	for next < len(idx) {
		n := &d.Mentions[idx[next]]
		// skip cue words between
		cue := phraseBetween(d, t, n.T0)
		ok := false
		if paren && first && n.T0 == t {
			ok = true
		} else if cue != "" {
			for _, c := range aliasCues {
				if cue == c || cue == c+" the" {
					ok = true
					break
				}
			}
			if cue == "or" || cue == "or the" {
				ok = paren && !first || false
			}
			if !paren && first && cue == "or" {
				ok = false
			}
		}
		if !ok || n.Adj || n.Type.IsPlace() && !m.Type.IsPlace() && n.Origin == nlp.FromKB {
			return
		}
		if n.KBID != "" && m.KBID != "" && n.KBID != m.KBID {
			return
		}
		u.union(i, idx[next])
		if n.Weak && !m.Weak {
			n.Weak = false
		}
		if n.Origin == nlp.FromAcronym || n.Origin == nlp.FromName && n.KBID == "" {
			n.Type = m.Type
		}
		first = false
		t = n.T1
		if t < len(toks) && toks[t].Norm == "," {
			t++
		}
		next++
		if !paren {
			return
		}
	}
}

// phraseBetween returns the folded words between tokens a and b, or "" when
// there are none or more than four.
func phraseBetween(d *nlp.Doc, a, b int) string {
	if b <= a || b-a > 4 {
		return ""
	}
	var parts []string
	for t := a; t < b; t++ {
		parts = append(parts, d.Tokens[t].Norm)
	}
	s := strings.Join(parts, " ")
	s = strings.TrimSuffix(s, " ,")
	return strings.ReplaceAll(s, " .", ".")
}

// initials returns the capital initials of a multi-word name: "Multi-National
// Joint Task Force" → "MNJTF".
func initials(d *nlp.Doc, m *nlp.Mention) string {
	var b strings.Builder
	for t := m.T0; t < m.T1; t++ {
		tok := d.Tokens[t]
		if tok.Kind != nlp.Word || !tok.Cap {
			continue
		}
		b.WriteString(strings.ToUpper(d.Tok(t)[:1]))
	}
	return b.String()
}

func linkAcronyms(d *nlp.Doc, idx []int, u uf) {
	byInit := map[string][]int{}
	for _, i := range idx {
		m := &d.Mentions[i]
		if m.T1-m.T0 >= 2 && !m.Adj && !m.Weak {
			in := initials(d, m)
			if len(in) >= 2 {
				byInit[in] = append(byInit[in], i)
			}
		}
	}
	for _, i := range idx {
		m := &d.Mentions[i]
		if m.Origin != nlp.FromAcronym {
			continue
		}
		text := strings.ReplaceAll(d.MentionText(m), ".", "")
		cands := byInit[text]
		roots := map[int]bool{}
		for _, c := range cands {
			roots[u.find(c)] = true
		}
		if len(roots) == 1 {
			u.union(i, cands[0])
			m.Weak = false
			m.Type = d.Mentions[cands[0]].Type
		}
	}
}

// linkSurnames joins a name of one or two words to the person whose
// last name it is ("Saleh", "al-Sharaa", "Ben Gvir"), when exactly one
// person in the document has that last name.
func linkSurnames(d *nlp.Doc, idx []int, u uf) {
	words := func(m *nlp.Mention) []string {
		var w []string
		for t := m.T0; t < m.T1; t++ {
			if d.Tokens[t].Kind != nlp.Punct {
				w = append(w, d.Tokens[t].Norm)
			}
		}
		return w
	}
	byLast := map[string][]int{}
	for _, i := range idx {
		m := &d.Mentions[i]
		w := words(m)
		if m.Type != actorgraph.Person || len(w) < 2 || m.Weak && !m.Title {
			continue
		}
		byLast[w[len(w)-1]] = append(byLast[w[len(w)-1]], i)
		// compound surnames: "Ben Gvir", "Ag Ghali", "al-Sharaa"
		if len(w) >= 3 {
			two := w[len(w)-2] + " " + w[len(w)-1]
			byLast[two] = append(byLast[two], i)
		}
	}
	for _, i := range idx {
		m := &d.Mentions[i]
		if m.KBID != "" && m.Type != actorgraph.Person || m.Adj {
			continue
		}
		w := words(m)
		if len(w) == 0 || len(w) > 2 {
			continue
		}
		cands := byLast[strings.Join(w, " ")]
		roots := map[int]bool{}
		for _, c := range cands {
			if c != i {
				roots[u.find(c)] = true
			}
		}
		if len(roots) == 1 {
			for _, c := range cands {
				if c != i {
					u.union(i, c)
					break
				}
			}
			m.Weak = false
			m.Type = actorgraph.Person
		}
	}
}

// linkShortNames joins an unknown name to a longer unknown name of the same
// kind that ends with it ("the Soufan Center" / "Soufan Center"; at least
// two words must agree) — typical for organisations. Suffixes are indexed
// once, so long documents stay linear.
func linkShortNames(d *nlp.Doc, idx []int, u uf) {
	type key struct {
		typ    actorgraph.EntityType
		suffix string
	}
	bySuffix := map[key]int{}
	for _, j := range idx {
		o := &d.Mentions[j]
		if o.KBID != "" || o.Adj || o.Type == actorgraph.Person || o.T1-o.T0 < 3 {
			continue
		}
		words := strings.Fields(normName(d.MentionText(o)))
		for s := 1; s+1 < len(words); s++ {
			k := key{o.Type, strings.Join(words[s:], " ")}
			if _, ok := bySuffix[k]; !ok {
				bySuffix[k] = j
			}
		}
	}
	for _, i := range idx {
		m := &d.Mentions[i]
		if m.KBID != "" || m.Adj || m.Type == actorgraph.Person || m.T1-m.T0 < 2 {
			continue
		}
		if j, ok := bySuffix[key{m.Type, normName(d.MentionText(m))}]; ok && j != i {
			u.union(i, j)
			m.Weak = m.Weak && d.Mentions[j].Weak
		}
	}
}

// build turns the union groups into entities, dropping groups of weak
// candidates only.
func build(d *nlp.Doc, idx []int, u uf) {
	groups := map[int][]int{}
	var order []int
	for _, i := range idx {
		r := u.find(i)
		if _, ok := groups[r]; !ok {
			order = append(order, r)
		}
		groups[r] = append(groups[r], i)
	}
	d.Entities = d.Entities[:0]
	for _, r := range order {
		ms := groups[r]
		strong := false
		for _, i := range ms {
			if !d.Mentions[i].Weak {
				strong = true
				break
			}
		}
		if !strong {
			for _, i := range ms {
				d.Mentions[i].Removed = true
			}
			continue
		}
		e := nlp.Entity{Mentions: ms}
		e.Type = groupType(d, ms)
		for _, i := range ms {
			if id := d.Mentions[i].KBID; id != "" && e.KBID == "" {
				e.KBID = id
			}
		}
		ei := len(d.Entities)
		for _, i := range ms {
			d.Mentions[i].Entity = ei
			d.Mentions[i].Type = e.Type
		}
		d.Entities = append(d.Entities, e)
	}
}

func groupType(d *nlp.Doc, ms []int) actorgraph.EntityType {
	for _, i := range ms {
		if m := d.Mentions[i]; m.KBID != "" {
			return m.Type
		}
	}
	votes := map[actorgraph.EntityType]int{}
	for _, i := range ms {
		m := d.Mentions[i]
		w := 1
		if !m.Weak {
			w = 3
		}
		if m.Title {
			w += 3
		}
		if m.Origin == nlp.FromName && m.T1-m.T0 >= 2 {
			w += 2
		}
		votes[m.Type] += w
	}
	best, bw := actorgraph.EntityType(""), -1
	for _, t := range actorgraph.EntityTypes {
		if votes[t] > bw {
			best, bw = t, votes[t]
		}
	}
	return best
}
