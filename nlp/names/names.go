// Package names is the extraction stage that finds the names the knowledge
// base does not know: runs of capitalised words joined by particles (al-,
// bin, ibn, de, van) or, after a head word, by "of", "for", "in"
// ("Ministry of Foreign Affairs", "Centre for Conflict Studies"). It types
// each by its head words and context (Movement, Front, Brigade, Jamaat →
// armed group; Ministry, Centre, Army → organisation; Province, Valley →
// place; a title or role before it → person), splits titles off people's
// names, and keeps a longer name over a known name nested in it. A
// sentence-initial capital, a heading in title case or a lone unknown word
// is only a weak candidate, kept if a later stage links it to a real name.
//
// It imports only nlp and the root package; it must not import another
// stage.
package names

import (
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/nlp"
)

// Stage finds unknown names.
type Stage struct{}

// Name implements nlp.Stage.
func (Stage) Name() string { return "names" }

type proc struct {
	d     *nlp.Doc
	cover []int32 // token -> index of the KB mention covering it, or -1
}

// Process implements nlp.Stage.
func (Stage) Process(d *nlp.Doc) {
	p := &proc{d: d, cover: make([]int32, len(d.Tokens))}
	for i := range p.cover {
		p.cover[i] = -1
	}
	for mi, m := range d.Mentions {
		for t := m.T0; t < m.T1; t++ {
			p.cover[t] = int32(mi)
		}
	}
	var added []nlp.Mention
	for si := range d.Sentences {
		added = append(added, p.sentence(si)...)
	}
	d.Mentions = append(d.Mentions, added...)
	sort.SliceStable(d.Mentions, func(a, b int) bool { return d.Mentions[a].T0 < d.Mentions[b].T0 })
	p.typeLists()
}

func (p *proc) tok(i int) string { t := p.d.Tokens[i]; return p.d.Text[t.Start:t.End] }

func (p *proc) isNameWord(i int) bool {
	t := p.d.Tokens[i]
	return t.Kind == nlp.Word && (t.Cap || t.Upper)
}

// startsAfterBreak reports whether token i starts a sentence, a quotation,
// a list item or a clause after a colon.
func (p *proc) startsAfterBreak(i, sentStart int) bool {
	if i == sentStart {
		return true
	}
	prev := p.tok(i - 1)
	switch prev {
	case "“", "\"", "‘", "(", "[", ":", "—", "–", "-", "*", "•":
		return true
	}
	return p.d.Tokens[i].Lines > 0
}

func (p *proc) isHyphen(i int) bool {
	t := p.d.Tokens[i]
	return t.Kind == nlp.Punct && p.tok(i) == "-" && !t.Space && i+1 < len(p.d.Tokens) && !p.d.Tokens[i+1].Space
}

// isParticleStart reports whether "al-", "el-"... at i starts a name.
func (p *proc) isParticleStart(i, end int) bool {
	t := p.d.Tokens[i]
	return t.Kind == nlp.Word && !t.Cap && (particleConnectors[t.Norm] || hyphenParticles[t.Norm]) && i+2 < end && p.isHyphen(i+1) && p.isNameWord(i+2)
}

func (p *proc) sentence(si int) []nlp.Mention {
	s := p.d.Sentences[si]
	titleCase := p.isTitleCase(s)
	var out []nlp.Mention
	for i := s.T0; i < s.T1; {
		if !(p.isNameWord(i) || p.isParticleStart(i, s.T1) || p.numberStart(i, s.T1)) {
			i++
			continue
		}
		j := p.extend(i, s.T1)
		out = append(out, p.span(i, j, s, titleCase)...)
		i = j
	}
	return out
}

func (p *proc) numberStart(i, end int) bool {
	t := p.d.Tokens[i]
	ordinal := t.Kind == nlp.Word && t.Norm[0] >= '0' && t.Norm[0] <= '9' // "33rd Front"
	return (t.Kind == nlp.Number || ordinal) && i+1 < end && p.isNameWord(i+1) && !p.d.Tokens[i+1].Upper
}

// extend returns the end of the run of name words starting at i.
func (p *proc) extend(i, end int) int {
	j := i + 1
	last := i + 1 // end after the last name word
	for j < end {
		t := p.d.Tokens[j]
		if t.Lines > 0 {
			break
		}
		if p.isNameWord(j) {
			j++
			last = j
			continue
		}
		if p.isHyphen(j) && j+1 < end && (p.isNameWord(j+1) || particleConnectors[p.d.Tokens[j+1].Norm]) {
			j++
			continue
		}
		if t.Kind == nlp.Word && !t.Cap && (particleConnectors[t.Norm] || hyphenParticles[t.Norm] && j+1 < end && p.isHyphen(j+1)) {
			j++
			continue
		}
		if (t.Norm == "'s") && possessiveJoin[p.d.Tokens[j-1].Norm] && j+1 < end && p.isNameWord(j+1) {
			j++
			continue
		}
		if t.Kind == nlp.Word && phraseConnectors[t.Norm] && !t.Cap && p.headBefore(j) {
			// "of the", "for the": skip a following "the"
			k := j + 1
			if k < end && p.d.Tokens[k].Norm == "the" && !p.d.Tokens[k].Cap {
				k++
			}
			if k < end && p.isNameWord(k) && p.connectOK(t.Norm, j, k) {
				j = k
				continue
			}
		}
		break
	}
	return last
}

// headBefore reports whether the word before a connector at j is a head
// word that takes a complement ("Ministry of", "Centre for"), or a known
// armed group before "in" ("al-Qaeda in the ...").
func (p *proc) headBefore(j int) bool {
	prev := p.d.Tokens[j-1]
	if prev.Kind != nlp.Word {
		return false
	}
	if orgHeads[prev.Norm] || armedHeads[prev.Norm] || placeHeads[prev.Norm] || titleHeads[prev.Norm] {
		return true
	}
	switch prev.Norm {
	case "republic", "kingdom", "emirate", "state", "states", "islands", "people", "sons", "soldiers",
		"partisans", "supporters", "friends", "guardians", "defenders", "army", "men", "party", "victory",
		"initiative", "forum", "campaign", "caliphate":
		return true
	}
	if p.d.Tokens[j].Norm == "in" {
		if mi := p.cover[j-1]; mi >= 0 && p.d.Mentions[mi].Type == actorgraph.ArmedGroup || armedMarkers[prev.Norm] {
			return true
		}
	}
	return false
}

// connectOK vets a connector between a head and the next name word at k.
func (p *proc) connectOK(conn string, j, k int) bool {
	if conn == "and" {
		// "Ministry of Foreign Affairs and Trade": only inside a department
		return departments[p.d.Tokens[k].Norm]
	}
	if conn == "in" {
		// "Embassy in Lebanon", "al-Qaeda in the Islamic Maghreb"; but a group
		// in a place stays two names ("Hezbollah in Lebanon", "Taliban in
		// Panjshir"): after a group, "in" joins only "the" + two words that
		// are not one known place.
		prev := p.d.Tokens[j-1]
		if orgHeads[prev.Norm] || placeHeads[prev.Norm] || armedHeads[prev.Norm] {
			return true
		}
		if p.d.Tokens[j+1].Norm != "the" || p.runEnd(k)-k < 2 {
			return false
		}
		if mk := p.cover[k]; mk >= 0 && p.d.Mentions[mk].Type.IsPlace() && p.d.Mentions[mk].T1 >= p.runEnd(k) {
			return false
		}
	}
	return true
}

// runEnd returns the end of the plain run of capitalised words from k.
func (p *proc) runEnd(k int) int {
	for k < len(p.d.Tokens) && p.isNameWord(k) && p.d.Tokens[k].Lines == 0 {
		k++
	}
	return k
}

// isTitleCase reports whether a sentence is a headline written in title
// case: no closing full stop, and most of its longer words capitalised.
func (p *proc) isTitleCase(s nlp.Sentence) bool {
	last := p.d.Tokens[s.T1-1]
	if last.Kind == nlp.Punct && strings.ContainsAny(p.d.Text[last.Start:last.End], ".!?”\"") {
		return false
	}
	caps, words := 0, 0
	for i := s.T0; i < s.T1; i++ {
		t := p.d.Tokens[i]
		if t.Kind != nlp.Word || len(t.Norm) <= 3 || p.cover[i] >= 0 {
			continue
		}
		words++
		if t.Cap {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*7
}

type unit struct {
	t0, t1 int
	kind   int // 0 unknown words, 1 known mention, 2 title
	mi     int // mention index for kind 1
}

// span analyses the run of name words [i, j) of sentence s.
func (p *proc) span(i, j int, s nlp.Sentence, titleCase bool) []nlp.Mention {
	d := p.d
	// drop leading function words ("The", "In", "However") and stop words
	sentInitial := p.startsAfterBreak(i, s.T0)
	for i < j && d.Tokens[i].Kind == nlp.Word && stopNames[d.Tokens[i].Norm] && p.cover[i] < 0 &&
		!(i+1 < j && nameStarters[d.Tokens[i].Norm]) {
		i++
		sentInitial = false
	}
	for i < j && !p.isNameWord(i) && !p.isParticleStart(i, j) && !p.numberStart(i, j) {
		i++
	}
	for j > i && (!p.isNameWord(j-1) || j-i > 1 && stopNames[d.Tokens[j-1].Norm] && p.cover[j-1] < 0 && !isHead(d.Tokens[j-1].Norm)) {
		j--
	}
	if i >= j {
		return nil
	}
	// a span never cuts through a known name
	if mi := p.cover[j-1]; mi >= 0 && d.Mentions[mi].T1 > j {
		j = d.Mentions[mi].T1
	}
	if mi := p.cover[i]; mi >= 0 && d.Mentions[mi].T0 < i {
		i = d.Mentions[mi].T0
	}
	// whole span already one known mention?
	if mi := p.cover[i]; mi >= 0 && d.Mentions[mi].T0 == i && d.Mentions[mi].T1 == j {
		return nil
	}
	units := p.units(i, j)
	hasTitle, hasKnown := false, false
	for _, u := range units {
		hasTitle = hasTitle || u.kind == 2
		hasKnown = hasKnown || u.kind == 1
	}
	// A longer name over nested known names: "Bonn International Centre for
	// Conflict Studies", "Iranian Embassy in Lebanon", "al-Qaeda in the X".
	if !hasTitle && j-i > 1 {
		if typ, ok := p.headType(i, j); ok && (hasKnown || typ != "") {
			if hasKnown && !p.wholeBeatsParts(units, typ) {
				goto split
			}
			for _, u := range units {
				if u.kind == 1 {
					d.Mentions[u.mi].Removed = true
				}
			}
			return []nlp.Mention{p.mention(i, j, typ, false, titleCase)}
		}
	}
split:
	var out []nlp.Mention
	for k, u := range units {
		if u.kind != 0 {
			continue
		}
		afterTitle := k > 0 && units[k-1].kind == 2
		// a person whose first name is a place: "Israel Katz" after a title
		if k > 0 && units[k-1].kind == 1 && u.t1-u.t0 == 1 && units[k-1].t1 == u.t0 {
			m := &d.Mentions[units[k-1].mi]
			if m.T1-m.T0 == 1 && !m.Adj && m.Type.IsPlace() && (k > 1 && units[k-2].kind == 2 || p.roleBefore(m.T0)) {
				m.Removed = true
				pm := p.mention(m.T0, u.t1, actorgraph.Person, false, titleCase)
				pm.Title = true
				out = append(out, pm)
				continue
			}
		}
		t0, t1 := u.t0, u.t1
		for t0 < t1 && d.Tokens[t0].Kind == nlp.Number {
			t0++
		}
		if u.t0 < t0 {
			if typ, _ := p.headType(u.t0, t1); typ == actorgraph.Org {
				t0 = u.t0 // "152 Taskforce Battalion"
			}
		}
		if t0 >= t1 {
			continue
		}
		typ, _ := p.headType(t0, t1)
		titled := afterTitle || p.roleBefore(t0)
		if typ == "" && titled {
			typ = actorgraph.Person
		}
		weak := titleCase
		if typ == "" && p.hasPersonParticle(t0, t1) {
			typ = actorgraph.Person // "Abu Bakr al-Baghdadi", "Osama bin Laden"
		}
		if typ == "" {
			typ = p.contextType(t0, t1)
		}
		single := t1-t0 == 1 || (t1-t0 == 3 && p.isHyphen(t0+1))
		if single && !titled {
			word := d.Tokens[t0]
			if stopNames[word.Norm] {
				continue
			}
			if orgHeads[word.Norm] || armedHeads[word.Norm] || placeHeads[word.Norm] || titles[word.Norm] {
				weak = true // "the Resistance", "the Army": a head word alone names nothing
			}
			if word.Upper && len(word.Norm) >= 2 {
				// an unknown acronym: kept when defined or cued (alias stage)
				m := p.mention(t0, t1, actorgraph.Org, true, titleCase)
				m.Origin = nlp.FromAcronym
				if cue := p.cueBefore(t0); cue != "" {
					m.Type, m.Weak = cue, titleCase
				}
				out = append(out, m)
				continue
			}
			if sentInitial && t0 == i || typ == "" {
				weak = true
			}
		}
		if typ == "" {
			typ = actorgraph.Person
			if single || p.hasNonPersonWord(t0, t1) {
				typ = actorgraph.Org
			}
		}
		m := p.mention(t0, t1, typ, weak, titleCase)
		m.Title = titled
		out = append(out, m)
	}
	return out
}

// isHead reports whether w is a head word of any kind ("Forces", "Province").
func isHead(w string) bool { return orgHeads[w] || armedHeads[w] || placeHeads[w] }

// nameStarters are stop words that may begin a longer name.
var nameStarters = nlp.Words(`islamic western eastern northern southern central arab kurdish muslim christian jewish
	sunni shia national first second third new free`)

// units splits [i, j) into known mentions, title phrases and runs of
// unknown words.
func (p *proc) units(i, j int) []unit {
	d := p.d
	var us []unit
	k := i
	flush := func(a, b int) {
		// trim connectors and function words at the edges of an unknown run
		// ("Commander In Zamfara" in a headline)
		for a < b && (!p.isNameWord(a) && !p.isParticleStart(a, b) && d.Tokens[a].Kind != nlp.Number ||
			b-a > 1 && stopNames[d.Tokens[a].Norm] && !nameStarters[d.Tokens[a].Norm] && !isHead(d.Tokens[a].Norm)) {
			a++
		}
		for b > a && !p.isNameWord(b-1) {
			b--
		}
		if a < b {
			us = append(us, unit{t0: a, t1: b})
		}
	}
	start := k
	for k < j {
		if mi := p.cover[k]; mi >= 0 && !d.Mentions[mi].Removed {
			m := d.Mentions[mi]
			flush(start, k)
			us = append(us, unit{t0: k, t1: m.T1, kind: 1, mi: int(mi)})
			k = m.T1
			start = k
			continue
		}
		if e := p.titleEnd(k, j); e > k {
			flush(start, k)
			us = append(us, unit{t0: k, t1: e, kind: 2})
			k = e
			start = k
			continue
		}
		k++
	}
	flush(start, j)
	return us
}

// titleEnd returns the end of a title phrase starting at k ("Prime
// Minister", "Lt. Gen.", "Minister of Foreign Affairs", "MP"), or k.
func (p *proc) titleEnd(k, j int) int {
	d := p.d
	e := k
	sawHead := false
	for e < j {
		t := d.Tokens[e]
		if t.Kind == nlp.Punct && p.isHyphen(e) {
			e++
			continue
		}
		if t.Kind != nlp.Word || !titles[t.Norm] || p.cover[e] >= 0 {
			break
		}
		// "General" / "Major" as the last word before a non-name is not a title
		e++
		if titleHeads[t.Norm] {
			sawHead = true
		}
	}
	if !sawHead {
		return k
	}
	// the last title head must be followed by a name or "of" + department
	end := e
	for end < j && d.Tokens[end].Norm == "of" {
		m := end + 1
		for m < j && departments[d.Tokens[m].Norm] && p.cover[m] < 0 {
			m++
		}
		if m == end+1 {
			break
		}
		end = m
	}
	// do not end on a modifier: "Air" in "Air Force" is not a title
	for end > k && !titleHeads[d.Tokens[end-1].Norm] && !departments[d.Tokens[end-1].Norm] {
		end--
	}
	if end <= k {
		return k
	}
	return end
}

// headType types the phrase [i, j) by its words.
func (p *proc) headType(i, j int) (actorgraph.EntityType, bool) {
	d := p.d
	for k := i; k < j; k++ {
		if armedMarkers[d.Tokens[k].Norm] {
			return actorgraph.ArmedGroup, true
		}
		// "al-Qaeda in the X" where the first part is a known armed group
		if mi := p.cover[k]; mi >= 0 && d.Mentions[mi].Type == actorgraph.ArmedGroup && !d.Mentions[mi].Adj && k == i {
			if j > d.Mentions[mi].T1 && d.Tokens[d.Mentions[mi].T1].Norm == "in" {
				return actorgraph.ArmedGroup, true
			}
		}
	}
	last := d.Tokens[p.headIndex(i, j)].Norm
	if placeHeads[last] && !(last == "state" && j-i > 1 && p.anyOrgWord(i, j-1)) {
		return actorgraph.Location, true
	}
	if armedHeads[last] {
		return actorgraph.ArmedGroup, true
	}
	for k := i + 1; k < j; k++ {
		if orgHeads[d.Tokens[k].Norm] {
			if d.Tokens[k].Norm == "army" || d.Tokens[k].Norm == "forces" || d.Tokens[k].Norm == "force" {
				// "Arakan Army" is a group; "Nigerian Army" / "Israel Defense Forces" a state's
				if p.stateModifier(i, k) {
					return actorgraph.Org, true
				}
				return actorgraph.ArmedGroup, true
			}
			return actorgraph.Org, true
		}
	}
	if j-i == 1 && orgHeads[d.Tokens[i].Norm] {
		return "", false
	}
	return "", false
}

// headIndex returns the head word of [i, j): the last word before the
// first "of"/"for"/"in" ("Movement of Uzbekistan"), else the last word.
func (p *proc) headIndex(i, j int) int {
	for k := i + 1; k < j; k++ {
		t := p.d.Tokens[k]
		if !t.Cap && (t.Norm == "of" || t.Norm == "for" || t.Norm == "in" || t.Norm == "against" || t.Norm == "on") {
			return k - 1
		}
	}
	return j - 1
}

// hasPersonParticle reports whether [i, j) has the particles of Arabic
// personal names inside it: "Abu", "bin", "ibn", "bint", "Umm".
func (p *proc) hasPersonParticle(i, j int) bool {
	for k := i; k < j-1; k++ {
		switch p.d.Tokens[k].Norm {
		case "abu", "bin", "ibn", "bint", "umm":
			return true
		}
	}
	return false
}

// hasNonPersonWord reports whether [i, j) holds a word that people's names
// do not ("Islamic", "State", "National").
func (p *proc) hasNonPersonWord(i, j int) bool {
	for k := i; k < j; k++ {
		n := p.d.Tokens[k].Norm
		if nameStarters[n] || orgHeads[n] || placeHeads[n] || armedHeads[n] || stopNames[n] || p.d.Tokens[k].Upper && len(n) > 1 {
			return true
		}
	}
	return false
}

func (p *proc) anyOrgWord(

	i, j int) bool {
	for k := i; k < j; k++ {
		if armedMarkers[p.d.Tokens[k].Norm] {
			return true
		}
	}
	return false
}

// stateModifier reports whether a country or its adjective stands in [i, k).
func (p *proc) stateModifier(i, k int) bool {
	for t := i; t < k; t++ {
		if mi := p.cover[t]; mi >= 0 && p.d.Mentions[mi].Type == actorgraph.Country {
			return true
		}
		switch p.d.Tokens[t].Norm {
		case "air", "national", "defence", "defense", "royal", "armed", "naval", "special", "security", "federal":
			return true
		}
	}
	return false
}

// roleBefore reports whether a role noun or title precedes token t
// ("spokesman Deo Akiiki", "leader, Asim Umar").
func (p *proc) roleBefore(t int) bool {
	d := p.d
	k := t - 1
	if k >= 0 && d.Tokens[k].Norm == "," {
		k--
	}
	if k < 0 {
		return false
	}
	w := d.Tokens[k]
	return w.Kind == nlp.Word && (roles[w.Norm] || titleHeads[w.Norm])
}

// cueBefore returns the type a lower-case cue noun before t gives.
func (p *proc) cueBefore(t int) actorgraph.EntityType {
	if t == 0 {
		return ""
	}
	w := p.d.Tokens[t-1]
	if w.Kind != nlp.Word || w.Cap {
		return ""
	}
	switch {
	case orgCues[w.Norm]:
		return actorgraph.Org
	case armedCues[w.Norm]:
		return actorgraph.ArmedGroup
	case placeCues[w.Norm]:
		return actorgraph.Location
	case roles[w.Norm]:
		return actorgraph.Person
	}
	return ""
}

// contextType types an unknown name by the words around it.
func (p *proc) contextType(t0, t1 int) actorgraph.EntityType {
	d := p.d
	if c := p.cueBefore(t0); c != "" {
		return c
	}
	// "Officials in Tarkesh said": the preposition decides before the verb
	if t0 > 0 && placePreps[d.Tokens[t0-1].Norm] && !d.Tokens[t0-1].Cap && t1-t0 == 1 {
		return actorgraph.Location
	}
	if t1 < len(d.Tokens) {
		n := d.Tokens[t1]
		switch {
		case speechVerbs[n.Norm]:
			return actorgraph.Person
		case n.Norm == "town" || n.Norm == "village" || n.Norm == "city" || n.Norm == "province" || n.Norm == "region" || n.Norm == "district":
			return actorgraph.Location
		case n.Norm == ",":
			if t1+2 < len(d.Tokens) {
				a := d.Tokens[t1+1].Norm
				if a == "who" {
					return actorgraph.Person
				}
				if (a == "a" || a == "an" || a == "the") && roles[d.Tokens[t1+2].Norm] {
					return actorgraph.Person
				}
			}
		}
	}
	if t0 > 0 && placePreps[d.Tokens[t0-1].Norm] && !d.Tokens[t0-1].Cap {
		return actorgraph.Location
	}
	if t0 > 1 && d.Tokens[t0-1].Norm == "of" && placeCues[d.Tokens[t0-2].Norm] {
		return actorgraph.Location
	}
	if t0 > 0 && (d.Tokens[t0-1].Norm == "called" || d.Tokens[t0-1].Norm == "named") {
		if t0 > 2 && placeCues[d.Tokens[t0-2].Norm] || t0 > 2 && d.Tokens[t0-2].Norm == "location" {
			return actorgraph.Location
		}
	}
	return ""
}

func (p *proc) mention(t0, t1 int, typ actorgraph.EntityType, weak, titleCase bool) nlp.Mention {
	toks := p.d.Tokens
	return nlp.Mention{T0: t0, T1: t1, Start: toks[t0].Start, End: toks[t1-1].End, Type: typ,
		Origin: nlp.FromName, Entity: -1, Weak: weak || titleCase}
}

// wholeBeatsParts decides whether a phrase with known names nested in it is
// one name: yes when its head words make it a different kind of thing
// than the known part ("Iranian Embassy in Lebanon"), or when the known
// parts are only adjectives or places inside an organisation's name.
func (p *proc) wholeBeatsParts(us []unit, typ actorgraph.EntityType) bool {
	// a known place tacked on after the name without "of"/"in" is not part
	// of it: "the 3 Armoured Division Jos"
	if last := us[len(us)-1]; last.kind == 1 && p.d.Mentions[last.mi].Type.IsPlace() && len(us) > 1 {
		if prev := p.d.Tokens[last.t0-1]; prev.Kind == nlp.Word && prev.Cap {
			return false
		}
	}
	for _, u := range us {
		if u.kind != 1 {
			continue
		}
		m := p.d.Mentions[u.mi]
		if m.Adj || m.Type.IsPlace() {
			continue
		}
		if m.Type == typ && typ == actorgraph.ArmedGroup {
			continue // "al-Qaeda in the Indian Subcontinent"
		}
		if m.Type == typ {
			return false
		}
	}
	return true
}

// typeLists gives untyped or weak members of a coordinated list the type a
// following plural noun names ("Nbaga, Bula and Greya towns"), and keeps
// them.
func (p *proc) typeLists() {
	d := p.d
	ms := d.Mentions
	for a := 0; a < len(ms); {
		b := a + 1
		for b < len(ms) && coordinated(d, ms[b-1], ms[b]) {
			b++
		}
		if b-a >= 2 {
			last := ms[b-1]
			if last.T1 < len(d.Tokens) {
				if typ, ok := listTypeNouns[d.Tokens[last.T1].Norm]; ok {
					for k := a; k < b; k++ {
						if ms[k].Origin == nlp.FromName {
							ms[k].Type = actorgraph.EntityType(typ)
							ms[k].Weak = false
						}
					}
				}
			}
		}
		a = b
	}
}

// coordinated reports whether mention b follows mention a in a list ("a,
// b", "a and b", "a, and b").
func coordinated(d *nlp.Doc, a, b nlp.Mention) bool {
	if b.T0 <= a.T1 {
		return false
	}
	gap := b.T0 - a.T1
	if gap > 2 {
		return false
	}
	words := make([]string, 0, 2)
	for k := a.T1; k < b.T0; k++ {
		words = append(words, d.Tokens[k].Norm)
	}
	g := strings.Join(words, " ")
	return g == "," || g == "and" || g == "or" || g == ", and" || g == ", or"
}
