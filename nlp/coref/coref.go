// Package coref is the extraction stage that resolves references to
// entities the document already named: "the group", "the movement", "the
// organisation", "the militants" to the nearest armed group or
// organisation; "the country" to the nearest country; "it"/"its" to the
// nearest actor in the same sentence; "he"/"his" to the nearest person;
// "both countries", "the two leaders" to the last two of that kind. Where
// no candidate is close enough it leaves the reference unresolved rather
// than guess.
//
// It imports only nlp and the root package; it must not import another
// stage.
package coref

import (
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/nlp"
)

// Stage resolves references.
type Stage struct{}

// Name implements nlp.Stage.
func (Stage) Name() string { return "coref" }

type kind struct {
	types  []actorgraph.EntityType
	n      int  // how many entities it names (2 for "both countries")
	same   bool // pronouns: within the sentence, or the one before when the sentence has none
	plural bool // "they": only groups named in the plural ("the Houthis", "militants")
}

var (
	group   = []actorgraph.EntityType{actorgraph.ArmedGroup}
	org     = []actorgraph.EntityType{actorgraph.Org, actorgraph.ArmedGroup}
	country = []actorgraph.EntityType{actorgraph.Country}
	person  = []actorgraph.EntityType{actorgraph.Person}
	actor   = []actorgraph.EntityType{actorgraph.ArmedGroup, actorgraph.Org, actorgraph.Country}
)

// nouns after "the" (or "this", "that") that refer back.
var nouns = map[string]kind{
	"group": {types: group, n: 1}, "movement": {types: group, n: 1}, "militants": {types: group, n: 1},
	"jihadists": {types: group, n: 1}, "insurgents": {types: group, n: 1}, "rebels": {types: group, n: 1},
	"militia": {types: group, n: 1}, "organisation": {types: org, n: 1}, "organization": {types: org, n: 1},
	"mission": {types: []actorgraph.EntityType{actorgraph.Org}, n: 1}, "country": {types: country, n: 1},
	"kingdom": {types: country, n: 1}, "alliance": {types: org, n: 1}, "coalition": {types: org, n: 1},
	"company": {types: []actorgraph.EntityType{actorgraph.Org}, n: 1},
	"branch":  {types: group, n: 1}, "faction": {types: group, n: 1}, "affiliate": {types: group, n: 1},
	"franchise": {types: group, n: 1}, "offshoot": {types: group, n: 1}, "network": {types: group, n: 1},
	"force": {types: org, n: 1},
	"party": {types: org, n: 1}, "agency": {types: []actorgraph.EntityType{actorgraph.Org}, n: 1},
}

// modifiers that may stand between "the" and the noun ("the militant group").
var modifiers = nlp.Words(`militant jihadist jihadi armed terrorist terror rebel insurgent islamist extremist
	al-qaeda-linked iran-backed shiite sunni separatist paramilitary peacekeeping`)

var pronouns = map[string]kind{
	"it": {types: actor, n: 1, same: true}, "its": {types: actor, n: 1, same: true}, "itself": {types: actor, n: 1, same: true},
	"they": {types: group, n: 1, same: true, plural: true}, "their": {types: group, n: 1, same: true, plural: true},
	"he": {types: person, n: 1}, "his": {types: person, n: 1}, "him": {types: person, n: 1},
}

// Process implements nlp.Stage.
func (Stage) Process(d *nlp.Doc) {
	// live mentions with entities, in text order
	var live []int
	for i, m := range d.Mentions {
		if !m.Removed && m.Entity >= 0 {
			live = append(live, i)
		}
	}
	sort.SliceStable(live, func(a, b int) bool { return d.Mentions[live[a]].T0 < d.Mentions[live[b]].T0 })
	covered := make([]bool, len(d.Tokens))
	for _, i := range live {
		for t := d.Mentions[i].T0; t < d.Mentions[i].T1; t++ {
			covered[t] = true
		}
	}
	var added []nlp.Mention
	for si, s := range d.Sentences {
		for t := s.T0; t < s.T1; t++ {
			if covered[t] {
				continue
			}
			k, t0, t1, ok := reference(d, t, s.T1)
			if !ok {
				continue
			}
			// antecedents come before the whole phrase ("the al-Qaeda-linked
			// group" is not al-Qaeda); one whose name holds the noun ("the
			// mission" → "African Union Transition Mission") wins
			var ents []int
			if !partNouns[d.Tokens[t0].Norm] {
				ents = inside(d, live, t, t0, k)
			}
			if ents == nil {
				ents = named(d, live, si, t, d.Tokens[t0].Norm, k)
			}
			if ents == nil {
				ents = antecedents(d, live, si, t, k)
			}
			if len(ents) != k.n {
				continue
			}
			for _, e := range ents {
				added = append(added, nlp.Mention{T0: t0, T1: t1, Start: d.Tokens[t0].Start, End: d.Tokens[t1-1].End,
					Type: d.Entities[e].Type, Origin: nlp.FromCoref, Entity: e})
				// later references may chain to this one ("the group said it ...")
				d.Mentions = append(d.Mentions, added[len(added)-1])
				mi := len(d.Mentions) - 1
				pos := sort.Search(len(live), func(x int) bool { return d.Mentions[live[x]].T0 > t0 })
				live = append(live, 0)
				copy(live[pos+1:], live[pos:])
				live[pos] = mi
				d.Entities[e].Mentions = append(d.Entities[e].Mentions, mi)
			}
			t = t1 - 1
		}
	}
}

// reference recognises a referring expression at token t.
func reference(d *nlp.Doc, t, end int) (kind, int, int, bool) {
	w := d.Tokens[t].Norm
	if k, ok := pronouns[w]; ok {
		return k, t, t + 1, true
	}
	switch w {
	case "both", "two":
		if t+1 < end {
			n := d.Tokens[t+1].Norm
			switch n {
			case "countries", "states", "governments":
				return kind{types: country, n: 2}, t, t + 2, true
			case "leaders", "men":
				return kind{types: person, n: 2}, t, t + 2, true
			case "groups", "movements":
				return kind{types: group, n: 2}, t, t + 2, true
			}
		}
	case "the", "this", "that":
		if t+1 < end && d.Tokens[t+1].Norm == "two" {
			if k, a, b, ok := reference(d, t+1, end); ok {
				_ = a
				return k, t, b, true
			}
		}
		// modifiers: "the militant group", "the Iran-backed group",
		// "the al-Qaeda-linked armed group"
		j := t + 1
		for j < end && j < t+8 {
			tk := d.Tokens[j]
			if modifiers[tk.Norm] || d.Text[tk.Start:tk.End] == "-" && !tk.Space ||
				j > t+1 && d.Text[d.Tokens[j-1].Start:d.Tokens[j-1].End] == "-" && !tk.Space {
				j++
				continue
			}
			if tk.Cap && j+1 < end && d.Text[d.Tokens[j+1].Start:d.Tokens[j+1].End] == "-" {
				j++ // "Iran" in "Iran-backed"
				continue
			}
			if tk.Cap && j+1 < end && j < t+3 && !d.Tokens[j+1].Cap && (modifiers[d.Tokens[j+1].Norm] || nouns[d.Tokens[j+1].Norm].n > 0) {
				j++ // "the Uyghur militant group"
				continue
			}
			if (tk.Norm == "al" || tk.Norm == "el") && j+1 < end && d.Text[d.Tokens[j+1].Start:d.Tokens[j+1].End] == "-" {
				j++
				continue
			}
			break
		}
		if j < end {
			if k, ok := nouns[d.Tokens[j].Norm]; ok && !d.Tokens[j].Cap {
				// "the group's", "the group said": yes; "the group of" / "groups like": no
				if j+1 < end && (d.Tokens[j+1].Norm == "of" || d.Tokens[j+1].Norm == "like") {
					return kind{}, 0, 0, false
				}
				// the mention is the noun alone, so that the words before it
				// ("Iran-backed") stay readable as a compound
				return k, j, j + 1, true
			}
		}
	}
	return kind{}, 0, 0, false
}

// partNouns name a part of the entity named inside their phrase, not the
// entity itself: "the AU mission" is not the AU.
var partNouns = nlp.Words(`mission branch wing affiliate faction franchise offshoot cell unit`)

// inside returns the entity a compatible name inside the phrase itself
// names: "the Houthi terror organisation" is the Houthis.
func inside(d *nlp.Doc, live []int, from, noun int, k kind) []int {
	if k.n != 1 {
		return nil
	}
	lo, hi := window(d, live, from, noun)
	for _, i := range live[lo:hi] {
		m := d.Mentions[i]
		if m.T1 <= noun && m.Origin != nlp.FromCoref && wanted(d.Entities[m.Entity].Type, k.types) &&
			!(m.T1 < len(d.Tokens) && d.Tokens[m.T1].Norm == "-") {
			return []int{m.Entity}
		}
	}
	return nil
}

// named returns the most recent entity within six sentences whose
// mentions contain noun as a word, when the reference is a noun phrase.
func named(d *nlp.Doc, live []int, si, t0 int, noun string, k kind) []int {
	if k.n != 1 || k.same || len(noun) < 4 {
		return nil
	}
	lo := si - 6
	if lo < 0 {
		lo = 0
	}
	first := d.Sentences[lo].T0
	wlo, whi := window(d, live, first, t0)
	for x := whi - 1; x >= wlo; x-- {
		m := d.Mentions[live[x]]
		if m.Origin == nlp.FromCoref || !wanted(d.Entities[m.Entity].Type, k.types) {
			continue
		}
		for i := m.T0; i < m.T1; i++ {
			if d.Tokens[i].Norm == noun || d.Tokens[i].Norm == noun+"s" {
				return []int{m.Entity}
			}
		}
	}
	return nil
}

// antecedents finds the k.n entities a reference at t0 names.
//   - Pronouns look in their own sentence and, when it names no candidate
//     before them, in the sentence before. A subject pronoun ("it said",
//     "he was") takes the first candidate there (the subject); a possessive
//     ("its", "his") the nearest in its own sentence, else the first of the
//     sentence before.
//   - Noun phrases ("the group") take the nearest candidate within three
//     sentences, passing over the subject of their own clause ("Taliban
//     officials denied sheltering the group" is not the Taliban).
func antecedents(d *nlp.Doc, live []int, si, t0 int, k kind) []int {
	ok := func(m nlp.Mention) bool {
		return wanted(d.Entities[m.Entity].Type, k.types) && (!k.plural || pluralName(d, m))
	}
	// candidates in text order within [from, t0)
	in := func(from int) []nlp.Mention {
		var out []nlp.Mention
		lo, hi := window(d, live, from, t0)
		for _, i := range live[lo:hi] {
			if m := d.Mentions[i]; ok(m) {
				out = append(out, m)
			}
		}
		return out
	}
	pick := func(ms []nlp.Mention, firstFirst bool) []int {
		var out []int
		seen := map[int]bool{}
		for x := range ms {
			m := ms[len(ms)-1-x]
			if firstFirst {
				m = ms[x]
			}
			if seen[m.Entity] {
				continue
			}
			seen[m.Entity] = true
			out = append(out, m.Entity)
			if len(out) == k.n {
				break
			}
		}
		return out
	}
	if k.same {
		cur := in(d.Sentences[si].T0)
		subjectPronoun := isSubjectPronoun(d, t0)
		if len(cur) > 0 {
			return pick(cur, subjectPronoun)
		}
		if si == 0 {
			return nil
		}
		var prev []nlp.Mention
		for _, m := range in(d.Sentences[si-1].T0) {
			if m.T0 < d.Sentences[si].T0 {
				prev = append(prev, m)
			}
		}
		return pick(prev, true)
	}
	lo := si - 2
	if lo < 0 {
		lo = 0
	}
	cands := in(d.Sentences[lo].T0)
	cs := clauseStart(d, si, t0)
	var outside []nlp.Mention
	for _, m := range cands {
		if m.T0 < cs {
			outside = append(outside, m)
		}
	}
	// the subject of the reference's own clause is not what it refers to
	return pick(outside, false)
}

var verbish = nlp.Words(`has have had is are was were will would can could may might must should did does do
	said says also still then remains remained became has_been`)

// isSubjectPronoun reports whether the pronoun at t is a subject ("it
// said", "he had"), as opposed to a possessive or an object.
func isSubjectPronoun(d *nlp.Doc, t int) bool {
	switch d.Tokens[t].Norm {
	case "it", "he", "they":
	default:
		return false
	}
	if t+1 >= len(d.Tokens) {
		return false
	}
	n := d.Tokens[t+1].Norm
	return verbish[n] || strings.HasSuffix(n, "ed") || strings.HasSuffix(n, "s") && !strings.HasSuffix(n, "ss")
}

// clauseStart returns the first token of the clause holding t: after the
// last comma, semicolon, "and" or "but" of the sentence before t.
func clauseStart(d *nlp.Doc, si, t int) int {
	for k := t - 1; k >= d.Sentences[si].T0; k-- {
		switch d.Tokens[k].Norm {
		case ",", ";", "and", "but", ":":
			return k + 1
		}
	}
	return d.Sentences[si].T0
}

func hasActorBefore(d *nlp.Doc, live []int, from, t0 int, k kind) bool {
	lo, hi := window(d, live, from, t0)
	for _, i := range live[lo:hi] {
		if wanted(d.Entities[d.Mentions[i].Entity].Type, k.types) {
			return true
		}
	}
	return false
}

// window returns the range of live (sorted by start token) whose mentions
// start in [from, to): references look only at nearby text, so a long
// document costs no more per reference than a short one.
func window(d *nlp.Doc, live []int, from, to int) (int, int) {
	lo := sort.Search(len(live), func(x int) bool { return d.Mentions[live[x]].T0 >= from })
	hi := sort.Search(len(live), func(x int) bool { return d.Mentions[live[x]].T0 >= to })
	if hi < lo {
		hi = lo
	}
	return lo, hi
}

// pluralName reports whether a mention names its group in the plural
// ("the Houthis", "Houthi rebels"), so that "they" can refer to it.
func pluralName(d *nlp.Doc, m nlp.Mention) bool {
	last := d.Tokens[m.T1-1].Norm
	if m.Adj && m.T1 < len(d.Tokens) {
		last = d.Tokens[m.T1].Norm // "Houthi rebels"
	}
	return len(last) > 3 && last[len(last)-1] == 's' && !strings.HasSuffix(last, "ss")
}

func wanted(t actorgraph.EntityType, ts []actorgraph.EntityType) bool {
	for _, x := range ts {
		if t == x {
			return true
		}
	}
	return false
}
