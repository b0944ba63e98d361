// Package relation is the extraction stage that reads typed relationships
// between a sentence's entities: from a lexicon of relation verbs, nouns,
// roles, links and compounds (lexicon.txt, compiled in) over clause
// patterns — active and passive voice, coordinated arguments, possessives
// and appositives ("AQIS leader Asim Umar", "China is Pakistan's closest
// ally"), hyphenated compounds ("Iran-backed"), nominalisations ("ISK's
// insurgency against the Taliban") — and decides each relation's negation
// and modality from cues inside its clause.
//
// It imports only nlp and the root package; it must not import another
// stage.
package relation

import (
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/nlp"
)

// Stage extracts relations.
type Stage struct {
	lx *Lexicon
}

// New returns the stage with the embedded lexicon, plus overlay rules when
// overlay is not empty.
func New(overlay string) (*Stage, error) {
	lx, err := ParseLexicon(defaultLexicon, "lexicon.txt")
	if err != nil {
		return nil, err
	}
	if overlay != "" {
		if err := lx.Add(overlay, "overlay"); err != nil {
			return nil, err
		}
	}
	return &Stage{lx: lx}, nil
}

// Name implements nlp.Stage.
func (*Stage) Name() string { return "relation" }

// arg is an entity mention usable as a relation argument.
type arg struct {
	t0, t1 int
	ent    int
	adj    bool
	typ    actorgraph.EntityType
	coref  bool
}

type sent struct {
	d     *nlp.Doc
	si    int
	s     nlp.Sentence
	args  []arg
	at    []int // token - s.T0 -> index into args, or -1
	out   []nlp.Relation
	bound []uint8 // token - s.T0 -> boundary kind
}

const (
	bNone uint8 = iota
	bHard
	bRel
	bSoft
)

var (
	hardBounds = nlp.Words(`; ( ) [ ]`)
	relBounds  = nlp.Words(`which who whom whose that`)
	softBounds = nlp.Words(`while whereas although though because but however unless until when whether where if
		after before given despite`)
)

// Process implements nlp.Stage.
func (st *Stage) Process(d *nlp.Doc) {
	var all []arg
	for _, m := range d.Mentions {
		if m.Removed || m.Entity < 0 || m.Entity >= len(d.Entities) {
			continue
		}
		all = append(all, arg{t0: m.T0, t1: m.T1, ent: m.Entity, adj: m.Adj, typ: d.Entities[m.Entity].Type,
			coref: m.Origin == nlp.FromCoref})
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].t0 < all[b].t0 })
	k := 0
	// one buffer for the whole document, sliced per sentence
	atBuf := make([]int, len(d.Tokens))
	boundBuf := make([]uint8, len(d.Tokens))
	x := &sent{d: d}
	for si, s := range d.Sentences {
		*x = sent{d: d, si: si, s: s, at: atBuf[s.T0:s.T1], bound: boundBuf[s.T0:s.T1], args: x.args[:0], out: x.out[:0]}
		for i := range x.at {
			x.at[i] = -1
		}
		for k < len(all) && all[k].t0 < s.T0 {
			k++
		}
		for j := k; j < len(all) && all[j].t0 < s.T1; j++ {
			a := all[j]
			if a.t1 > s.T1 {
				continue
			}
			x.args = append(x.args, a)
			for t := a.t0; t < a.t1; t++ {
				if x.at[t-s.T0] < 0 {
					x.at[t-s.T0] = len(x.args) - 1
				}
			}
		}
		if len(x.args) < 2 && !x.hasTwoEntities() {
			continue
		}
		for t := s.T0; t < s.T1; t++ {
			n := d.Tokens[t].Norm
			switch {
			case hardBounds[n]:
				x.bound[t-s.T0] = bHard
			case n == "-" && d.Tokens[t].Space && t+1 < s.T1 && d.Tokens[t+1].Space:
				x.bound[t-s.T0] = bHard // a spaced dash opens or closes an aside
			case relBounds[n]:
				x.bound[t-s.T0] = bRel
			case softBounds[n] && !d.Tokens[t].Cap || softBounds[n] && t == s.T0:
				x.bound[t-s.T0] = bSoft
			}
		}
		x.run(st.lx)
		x.whereActs()
		x.coalitions()
		d.Relations = append(d.Relations, x.out...)
	}
	d.Relations = append(d.Relations, nameParts(d)...)
}

func (x *sent) hasTwoEntities() bool {
	seen := map[int]bool{}
	for _, a := range x.args {
		seen[a.ent] = true
	}
	return len(seen) >= 2
}

// tok returns token t, or the zero token outside the sentence.
func (x *sent) tok(t int) nlp.Token {
	if t < x.s.T0 || t >= x.s.T1 {
		return nlp.Token{}
	}
	return x.d.Tokens[t]
}
func (x *sent) norm(t int) string {
	if t < x.s.T0 || t >= x.s.T1 {
		return ""
	}
	return x.d.Tokens[t].Norm
}

// argAt returns the index of the argument covering token t, or -1.
func (x *sent) argAt(t int) int {
	if t < x.s.T0 || t >= x.s.T1 {
		return -1
	}
	return x.at[t-x.s.T0]
}

func (x *sent) run(lx *Lexicon) {
	for t := x.s.T0; t < x.s.T1; t++ {
		if x.argAt(t) >= 0 && x.tok(t).Cap {
			// trigger words inside names ("Prime Minister" is not) are skipped,
			// but compounds after a name ("Iran-backed") are read below
			continue
		}
		end, rules := lx.match(x.d, t, x.s.T1)
		if end < 0 {
			continue
		}
		for _, r := range x.order(rules, t, end) {
			if x.apply(r, t, end) {
				break
			}
		}
		t = end - 1
	}
	x.inPlace()
}

// order puts noun readings first when a preposition follows the trigger
// or a determiner precedes it, verb readings first otherwise.
func (x *sent) order(rules []*Rule, t, end int) []*Rule {
	nounish := false
	prev := x.norm(t - 1)
	switch prev {
	case "the", "a", "an", "its", "their", "his", "her", "'s", "of", "this", "that", "these", "those", "-", "with",
		"both", "two", "three", "several", "many", "such", "all", "some", "any", "no", "most", "more", "fewer":
		nounish = true
	}
	if prev == "that" && x.verbal(t) {
		nounish = false // a relative clause: "a group that pledged allegiance to"
	}
	if x.tok(t-1).Kind == nlp.Number {
		nounish = true // "150 rocket attacks"
	}
	if a := x.argAt(t - 1); a >= 0 && x.args[a].adj {
		nounish = true // "Israeli airstrikes", "Houthi attacks"
	}
	if strings.HasSuffix(x.norm(t), "ing") && (prev == "of" || prev == "for" || prev == "with" || prev == "by") {
		nounish = false // a gerund: "accused India of sponsoring the BLA"
	}
	if nounMods[prev] && prev != "-" || t-2 >= x.s.T0 && x.norm(t-2) == "-" && x.argAt(t-1) < 0 {
		nounish = true // "cross-border attacks", "deadly strikes"
	}
	// a bare form ("aid", "support", "strikes") is read as a verb only
	// after a subject, an auxiliary or a conjunction: "Britain suspended
	// bilateral aid" has no verb "aid"
	verbOK := !nounish && (x.verbal(t) || x.subjectBefore(t) || end-t > 1)
	if x.norm(t) == "armed" && !x.subjectBefore(t) {
		verbOK = false // "an armed group"
	}
	// phrasal verbs that mean something else: "ruled out", "backed down"
	switch x.norm(t) + " " + x.norm(end) {
	case "ruled out", "rule out", "rules out", "ruling out", "backed down", "backed off", "backed away", "turned down",
		"called off", "held off", "set up", "sets up":
		verbOK = false
	}
	out := make([]*Rule, 0, len(rules))
	for _, r := range rules {
		if (r.kind == kNoun || r.kind == kLink || r.kind == kRole) == nounish {
			if r.kind == kVerb && !verbOK {
				continue
			}
			out = append(out, r)
		}
	}
	for _, r := range rules {
		// after a determiner a word is a noun: no verb reading
		if (r.kind == kNoun || r.kind == kLink || r.kind == kRole) != nounish && !(r.kind == kVerb && !verbOK) {
			out = append(out, r)
		}
	}
	return out
}

// verbal reports whether the word at t can only be a verb form here
// (a past tense or participle, an -ing form).
func (x *sent) verbal(t int) bool {
	w := x.norm(t)
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") || irregularParticiples[w]
}

// subjectBefore reports whether what precedes t can introduce a verb: a
// name, a pronoun, an auxiliary or modal, an adverb, "to", a conjunction.
func (x *sent) subjectBefore(t int) bool {
	if t <= x.s.T0 {
		return true
	}
	if a := x.argAt(t - 1); a >= 0 && !x.args[a].adj {
		return true
	}
	p := x.norm(t - 1)
	if auxiliaries[p] || adverbs[p] || groupNouns[p] || relBounds[p] || beForms[p] || strings.HasSuffix(p, "ly") {
		return true
	}
	switch p {
	case "to", "and", "or", "but", ",", "it", "they", "he", "she", "we", "who", "which", "that", "government",
		"officials", "authorities", "army", "military", "group", "movement", "state", "country", "also", "will",
		"would", "could", "may", "might", "must", "should", "can", "cannot", "not", "never", "n't", "later", "then":
		return true
	}
	return false
}

func (x *sent) apply(r *Rule, t, end int) bool {
	switch r.kind {
	case kVerb:
		return x.verb(r, t, end)
	case kNoun:
		return x.noun(r, t, end)
	case kRole, kLink:
		return x.link(r, t, end)
	case kCompound:
		return x.compound(r, t, end)
	}
	return false
}

// add records a relation if the argument types fit the relation type.
func (x *sent) add(r *Rule, src, tgt arg, t, end int) bool {
	if src.ent == tgt.ent {
		return false
	}
	if !fits(r.Type, src.typ, tgt.typ) {
		return false
	}
	neg := r.Neg
	if !(r.kind == kRole && x.tok(t).Cap) { // a title ("President X") is never negated by its clause
		neg = r.Neg != x.negated(src, t)
	}
	mod := x.modality(r, src, t, end)
	x.out = append(x.out, nlp.Relation{Source: src.ent, Target: tgt.ent, Type: r.Type, Negated: neg,
		Modality: mod, Sentence: x.si, Trigger: x.d.Text[x.tok(t).Start:x.tok(end-1).End]})
	return true
}

// fits checks the argument types a relation type allows.
func fits(t actorgraph.RelationType, s, o actorgraph.EntityType) bool {
	if s == actorgraph.Location {
		return false
	}
	switch t {
	case actorgraph.LocatedIn:
		return o.IsPlace()
	case actorgraph.Leads:
		return s == actorgraph.Person && (o == actorgraph.Org || o == actorgraph.ArmedGroup || o == actorgraph.Country)
	case actorgraph.MemberOf:
		return s == actorgraph.Person && (o == actorgraph.Org || o == actorgraph.ArmedGroup)
	case actorgraph.AffiliateOf, actorgraph.SplinterOf:
		return (s == actorgraph.Org || s == actorgraph.ArmedGroup) && (o == actorgraph.Org || o == actorgraph.ArmedGroup)
	}
	return o.IsActor()
}

// ---- verbs ----

var beForms = nlp.Words(`is are was were be been being get got gets getting`)
var adverbs = nlp.Words(`also reportedly allegedly recently previously initially later repeatedly regularly
	already still even often once then now first successfully jointly directly apparently reported believed
	said being knowingly deliberately openly secretly fully long widely increasingly`)

func (x *sent) isPassive(t int) bool {
	if !isParticiple(x.norm(t)) {
		return false // "has been at war with", "is fighting"
	}
	k := t - 1
	for k > x.s.T0 && adverbs[x.norm(k)] {
		k--
	}
	if k >= x.s.T0 && beForms[x.norm(k)] {
		return true
	}
	return false
}

func (x *sent) verb(r *Rule, t, end int) bool {
	// "Led by X, the group ...": a fronted passive names the subject after the comma
	if x.norm(end) == "by" && t == x.s.T0 && r.Type != actorgraph.LocatedIn {
		agent := x.agent(end)
		comma := -1
		for k := end; k < x.s.T1 && k < end+25; k++ {
			if x.norm(k) == "," && x.argAt(k-1) < 0 || x.norm(k) == "," && k > end+1 && x.argAt(k+1) >= 0 {
				comma = k
				break
			}
		}
		if agent >= 0 && comma > 0 {
			for k := comma + 1; k < x.s.T1 && k < comma+4; k++ {
				if p := x.argAt(k); p >= 0 && x.args[p].typ != actorgraph.Location {
					return x.add(r, x.args[agent], x.args[p], t, end)
				}
			}
		}
		return false
	}
	if (x.isPassive(t) || x.norm(end) == "by" && !x.argBefore(t)) && r.Type != actorgraph.LocatedIn {
		patient := x.subject(t, r)
		if patient < 0 || x.isPassive(t) && !x.nextToVerb(patient, t) {
			return false
		}
		agent := x.agent(end)
		if agent < 0 {
			return false
		}
		ok := false
		for _, s := range x.coord(agent) {
			for _, o := range x.coord(patient) {
				ok = x.add(r, x.args[s], x.args[o], t, end) || ok
			}
		}
		return ok
	}
	subj := x.subject(t, r)
	accused := false
	if s, ok := x.accusedOf(t); ok {
		subj, accused = s, true // "accused India of sponsoring the BLA"
	}
	if subj < 0 {
		return false
	}
	if x.reciprocal(end) {
		// "JNIM and ISGS have fought each other": the relation holds
		// between the members of the subject
		subs := x.coord(subj)
		ok := false
		for i := range subs {
			for j := range subs {
				if i != j && (i < j || !r.Type.Symmetric()) {
					ok = x.add(r, x.args[subs[i]], x.args[subs[j]], t, end) || ok
				}
			}
		}
		return ok
	}
	obj := x.object(end, r)
	if obj < 0 {
		obj = x.relativeObject(subj)
	}
	if obj < 0 {
		return false
	}
	obj = x.npHead(obj)
	// "fought in Syria and Mali", "operations across Somalia": a verb
	// followed by a place preposition says where, not against whom
	if r.Type != actorgraph.LocatedIn && placePreps[x.norm(end)] && x.args[obj].t0 == end+1 &&
		(x.args[obj].typ.IsPlace() || x.args[obj].typ == actorgraph.Country) {
		return false
	}
	// "holds Lebanon responsible": blame, not a place held
	if hold := x.norm(t); (hold == "holds" || hold == "hold" || hold == "held" || hold == "holding") &&
		(x.norm(x.args[obj].t1) == "responsible" || x.norm(x.args[obj].t1) == "accountable") {
		r = &Rule{Type: actorgraph.Condemns, kind: kVerb}
	}
	if (r.Type == actorgraph.Leads || r.Type == actorgraph.MemberOf) && x.norm(x.args[obj].t1) == "'s" {
		return false // "directed Hezbollah's attacks": the object is the attacks
	}
	if obj < 0 {
		return false
	}
	if len(r.Needs) > 0 && !x.needs(r, x.args[obj].t1) {
		return false
	}
	ok := false
	n := len(x.out)
	for _, s := range x.coord(subj) {
		for _, o := range x.coord(obj) {
			ok = x.add(r, x.args[s], x.args[o], t, end) || ok
		}
	}
	if accused {
		for i := n; i < len(x.out); i++ {
			x.out[i].Modality = actorgraph.Reported
		}
	}
	return ok
}

// appositiveAnchor returns the actor an appositive noun phrase ending at
// j describes: "X, a group of Ugandan origin" or "X (ACR), the movement's
// armed wing". The phrase must open with an article after a comma and
// name no actor itself but for adjective forms; -1 otherwise.
func (x *sent) appositiveAnchor(j int) int {
	for k := j; k > x.s.T0 && k >= j-8; k-- {
		if a := x.argAt(k); a >= 0 && !x.args[a].adj {
			return -1
		}
		if x.bound[k-x.s.T0] == bHard && x.norm(k) != "," {
			return -1
		}
		if x.norm(k) != "," {
			continue
		}
		switch x.norm(k + 1) {
		case "a", "an", "the":
		default:
			return -1
		}
		p := k - 1
		if p > x.s.T0 && x.norm(p) == ")" {
			if o := x.openParen(p); o > x.s.T0 {
				p = o - 1
			}
		}
		if a := x.argAt(p); a >= 0 && x.args[a].typ != actorgraph.Location && !x.args[a].adj {
			return x.headOf(a)
		}
		return -1
	}
	return -1
}

var articles = nlp.Words(`a an the`)

var quoteMarks = nlp.Words(`" “ ” ' ’ «  »`)

// reciprocal reports whether the words at k are "each other" or "one
// another" (after an optional preposition).
func (x *sent) reciprocal(k int) bool {
	if k < x.s.T1 {
		switch x.norm(k) {
		case "with", "against", "to", "on":
			k++
		}
	}
	if k+1 >= x.s.T1 {
		return false
	}
	a, b := x.norm(k), x.norm(k+1)
	return a == "each" && b == "other" || a == "one" && b == "another"
}

// accusedOf finds X in "accused X of VERBing", "blamed X for VERBing"
// with the trigger at t: X is the subject, and the relation is only
// alleged.
func (x *sent) accusedOf(t int) (int, bool) {
	p := t - 1
	if p <= x.s.T0 || x.norm(p) != "of" && x.norm(p) != "for" {
		return -1, false
	}
	a := x.argAt(p - 1)
	if a < 0 {
		return -1, false
	}
	a = x.headOf(a)
	v := x.args[a].t0 - 1
	if x.norm(v) == "the" {
		v--
	}
	switch x.norm(v) {
	case "accused", "accuses", "accusing", "accuse", "blamed", "blames", "blaming", "suspected", "suspects", "charged":
		return a, true
	}
	return -1, false
}

// argBefore reports whether an argument stands right before token t
// ("Iran backed by" is not a reduced passive; "organisation backed by" is).
func (x *sent) argBefore(t int) bool { return x.argAt(t-1) >= 0 }

// isParticiple reports whether a word can be a past participle.
func isParticiple(w string) bool {
	if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") || strings.HasSuffix(w, "wn") {
		return true
	}
	return irregularParticiples[w]
}

var irregularParticiples = nlp.Words(`struck hit shot led run held fought bought sought caught taught brought kept left
	met sent spent won overrun set put cut hurt beaten slain slew bombed`)

// nextToVerb reports whether argument a is the grammatical subject right
// before the verb group ending at t ("Umar was killed", "the IMU, which
// was hosted"), not a name further back ("Saleh's whereabouts ... his
// brother was killed").
func (x *sent) nextToVerb(a, t int) bool {
	k := t - 1
	for k > x.s.T0 && (adverbs[x.norm(k)] || auxiliaries[x.norm(k)] || beForms[x.norm(k)] || relBounds[x.norm(k)] || x.norm(k) == ",") {
		k--
	}
	_, last := x.endOfGroup(a)
	end := x.args[last].t1
	if x.norm(end) == ")" {
		end++
	}
	for end < x.s.T1 && groupNouns[x.norm(end)] {
		end++ // "Several Wagner fighters were killed"
	}
	return k < end
}

// needs reports whether one of the rule's required words follows.
func (x *sent) needs(r *Rule, from int) bool {
	for t := from; t < x.s.T1 && t < from+10; t++ {
		if x.bound[t-x.s.T0] == bHard {
			break
		}
		if r.Needs[x.norm(t)] {
			return true
		}
	}
	return false
}

// subject finds the argument before a trigger at t: the nearest actor in
// the clause, the noun a relative clause hangs on, or across "but".
func (x *sent) subject(t int, r *Rule) int {
	// a participle right after a common noun describes that noun: "the
	// caliphate based in Iraq" says nothing of an actor before it
	if reducedParticiples[x.norm(t)] && t-1 > x.s.T0 {
		p := x.tok(t - 1)
		if p.Kind == nlp.Word && !p.Cap && x.argAt(t-1) < 0 && !auxiliaries[p.Norm] && !beForms[p.Norm] && !isAdverb(p.Norm) &&
			!relBounds[p.Norm] && !linkingVerbs[p.Norm] && p.Norm != "and" && p.Norm != "or" {
			return -1
		}
	}
	// a coordinated verb phrase ("X is ... and serves in Y") shares the
	// subject of its clause, not the nearest name
	k := t - 1
	for k > x.s.T0 && (adverbs[x.norm(k)] || auxiliaries[x.norm(k)]) {
		k--
	}
	if k > x.s.T0 && (x.norm(k) == "and" || x.norm(k) == "but") {
		if s := x.clauseSubject(k); s >= 0 {
			return s
		}
	}
	// a participle after a comma modifies the clause's subject: "the
	// Treasury sanctioned X in February, accusing him of ..."
	if k > x.s.T0 && k == t-1 && x.norm(k) == "," && strings.HasSuffix(x.norm(t), "ing") {
		if s := x.clauseSubject(k); s >= 0 {
			return s
		}
	}
	for k := t - 1; k >= x.s.T0 && k >= t-18; k-- {
		b := x.bound[k-x.s.T0]
		// step over an appositive or relative clause between commas right
		// before the verb: "the IMU, under its leader Usman Ghazi, pledged"
		if k == x.verbStart(t)-1 && x.norm(k) == "," {
			if c := x.prevComma(k); c > x.s.T0 {
				k = c
				continue
			}
		}
		if b == bHard && x.norm(k) == ")" {
			// step over a parenthesis: "the Islamic State Khorasan (ISK) continues"
			if o := x.openParen(k); o > x.s.T0 {
				k = o
				continue
			}
		}
		if b == bHard {
			return -1
		}
		if b == bRel {
			// "ISKP, which attacked ...": the noun before the pronoun
			j := k - 1
			if j >= x.s.T0 && x.norm(j) == "," {
				j--
			}
			if j >= x.s.T0 && x.norm(j) == ")" {
				j-- // "ECOWAS (ECOWAS), which"
			}
			if a := x.argAt(j); a >= 0 && x.args[a].typ != actorgraph.Location {
				return x.headOf(a)
			}
			// "the ADF, a group of Ugandan origin that pledged ...": the
			// relative clause hangs on an appositive, which names the
			// actor before it
			if a := x.appositiveAnchor(j); a >= 0 {
				return a
			}
			return -1
		}
		if b == bSoft && x.norm(k) != "but" {
			return -1
		}
		if a := x.argAt(k); a >= 0 {
			arg := x.args[a]
			if arg.typ == actorgraph.Location {
				continue
			}
			if arg.adj && !x.adjSubject(arg) || x.isModifier(arg) {
				continue
			}
			h := x.headOf(a)
			// "According to Al Manar, the strike hit ...": a source, not a subject
			if x.norm(x.args[h].t0-1) == "to" && x.norm(x.args[h].t0-2) == "according" ||
				x.norm(x.args[h].t0-2) == "to" && x.norm(x.args[h].t0-3) == "according" {
				return -1
			}
			// a place in a prepositional phrase is not the subject:
			// "Hezbollah in Lebanon condemned"
			if arg.typ == actorgraph.Country && placePreps[x.norm(x.args[h].t0-1)] {
				k = x.args[h].t0
				continue
			}
			// "its strike in Beirut, Lebanon, killed": the country only
			// completes a place
			if arg.typ == actorgraph.Country && x.norm(x.args[h].t0-1) == "," && x.norm(x.args[h].t1) == "," {
				if q := x.argAt(x.args[h].t0 - 2); q >= 0 && x.args[q].typ.IsPlace() {
					k = x.args[h].t0
					continue
				}
			}
			return h
		}
	}
	return -1
}

var placePreps = nlp.Words(`in from across inside within throughout near into`)

// reducedParticiples open a participle phrase that describes the noun
// right before it ("fighters based in", "troops stationed in").
var reducedParticiples = nlp.Words(`based headquartered stationed deployed garrisoned located`)

var linkingVerbs = nlp.Words(`remain remains remained remaining stay stays stayed staying been being get gets got seem seems seemed appear appears appeared`)

var auxiliaries = nlp.Words(`has have had is are was were will would can could may might must should also then
	did does do not to`)

// clauseSubject returns the first actor argument of the clause holding
// token k, when it comes before k.
func (x *sent) clauseSubject(k int) int {
	from := x.clauseStart(k)
	for j := from; j < k; j++ {
		if a := x.argAt(j); a >= 0 && x.args[a].typ != actorgraph.Location && (!x.args[a].adj || x.adjSubject(x.args[a])) && !x.isModifier(x.args[a]) {
			return x.headOf(a)
		}
	}
	return -1
}

// verbStart returns the first token of the verb group ending at t
// (auxiliaries and adverbs before the trigger).
func (x *sent) verbStart(t int) int {
	k := t
	for k-1 > x.s.T0 && (isAdverb(x.norm(k-1)) || auxiliaries[x.norm(k-1)] || beForms[x.norm(k-1)]) {
		k--
	}
	return k
}

// isAdverb reports whether w is an adverb: a listed one or an -ly word.
func isAdverb(w string) bool {
	return adverbs[w] || len(w) > 4 && strings.HasSuffix(w, "ly") && w != "italy" && w != "only"
}

// prevComma returns the comma that opens the phrase closed by the comma
// at k, when an argument stands right before it ("X, ..., verb"), or -1.
func (x *sent) prevComma(k int) int {
	for j := k - 1; j > x.s.T0 && k-j < 30; j-- {
		if x.bound[j-x.s.T0] == bHard {
			return -1
		}
		if x.norm(j) == "," {
			if x.argAt(j-1) >= 0 {
				return j
			}
			// "the Allied Democratic Forces (ADF), a group ..., continues"
			if x.norm(j-1) == ")" {
				if o := x.openParen(j - 1); o > x.s.T0 && x.argAt(o-1) >= 0 {
					return j
				}
			}
			return -1
		}
	}
	return -1
}

// openParen returns the "(" that the ")" at k closes, or -1.
func (x *sent) openParen(k int) int {
	depth := 0
	for j := k; j >= x.s.T0 && k-j < 40; j-- {
		switch x.norm(j) {
		case ")":
			depth++
		case "(":
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

var ownForces = nlp.Words(`army armies forces troops soldiers military militia fighters government regime navy
	camp camps hideouts headquarters strongholds compound residence convoy vehicles ships vessels
	police positions bases base convoy units`)

// isModifier reports whether an argument only modifies a compound
// ("Iran" in "the Iran-backed Houthis").
func (x *sent) isModifier(a arg) bool {
	if a.t0-2 >= x.s.T0 && x.norm(a.t0-1) == "-" && !x.tok(a.t0-1).Space && !x.tok(a.t0).Space && hyphenPrefixes[x.norm(a.t0-2)] {
		return true // "the anti-Taliban resistance", "pro-Iran militias"
	}
	return x.norm(a.t1) == "-" && !x.tok(a.t1).Space && a.t1+1 < x.s.T1 && !x.tok(a.t1+1).Cap
}

var hyphenPrefixes = nlp.Words(`anti pro non post pre ex`)

// adjSubject: an adjective stands for its state as a subject only before
// a word like "forces", "troops", "officials", "government".
func (x *sent) adjSubject(a arg) bool {
	switch x.norm(a.t1) {
	case "forces", "troops", "military", "army", "government", "officials", "authorities", "jets",
		"fighter", "aircraft", "warplanes", "navy", "soldiers", "police", "rebels", "fighters", "militants", "drone",
		"drones", "regime", "leadership", "junta", "officials'", "airstrikes", "airstrike", "strikes", "strike",
		"missiles", "rockets", "artillery", "shelling", "raid", "raids", "bombers", "warships", "units":
		return true
	}
	return false
}

// placeNouns after an adjective make it a place: "the Lebanese capital".
var placeNouns = nlp.Words(`capital city town village port coast border borders territory soil side region province
	area areas countryside waters airspace mainland north south east west interior city's`)

// headOf returns the first argument of a group of arguments for one entity
// written together ("Islamic State Khorasan (ISK)").
func (x *sent) headOf(a int) int {
	for a > 0 {
		p := x.args[a-1]
		if p.ent != x.args[a].ent || x.args[a].t0-p.t1 > 2 {
			break
		}
		// only brackets and commas between: "Islamic State Khorasan (ISK)"
		for k := p.t1; k < x.args[a].t0; k++ {
			if n := x.norm(k); n != "(" && n != ")" && n != "," {
				return a
			}
		}
		a--
	}
	return a
}

// object finds the argument after a trigger ending at end.
func (x *sent) object(end int, r *Rule) int {
	limit := end + 12
	if r.Near {
		limit = end + 3
	}
	for k := end; k < x.s.T1 && k < limit; k++ {
		b := x.bound[k-x.s.T0]
		if b == bHard || b == bRel || b == bSoft && k > end || participles[x.norm(k)] && k > end {
			return -1
		}
		// no object before a conjunction: "condemned the strike and
		// declared solidarity with Lebanon" does not condemn Lebanon
		if k > end && (x.norm(k) == "and" || x.norm(k) == "but") && x.argAt(k-1) < 0 {
			return -1
		}
		if a := x.argAt(k); a >= 0 {
			arg := x.args[a]
			if r.Type == actorgraph.LocatedIn || r.Place {
				if arg.typ.IsPlace() {
					return a
				}
				continue
			}
			if arg.typ == actorgraph.Location {
				continue
			}
			// a country after "in", "at", "across" is where, not whom:
			// "fought in Syria", "shelter in the Venezuelan states"
			if arg.typ == actorgraph.Country && x.placeIntro(arg) {
				continue
			}
			if x.isModifier(arg) {
				continue // "the al-Qaeda-linked group": al-Qaeda is not the object
			}
			// an adjective before a name is not the object: "armed the
			// Lebanese movement" arms the movement
			if arg.adj && x.argAt(arg.t1) >= 0 || arg.adj && x.argAt(arg.t1+1) >= 0 {
				continue
			}
			// "struck the Lebanese capital": a place, not the state
			if arg.adj && placeNouns[x.norm(arg.t1)] {
				continue
			}
			// a possessor is not the object: "killed his predecessor, X",
			// "hosted the group's leader" (but "condemned the Taliban's approach")
			if x.isPossessor(arg) && !possessorObject[r.Type] {
				if !arg.coref {
					return -1 // "directed Hezbollah's attacks": the attacks are the object
				}
				continue
			}
			return a
		}
	}
	return -1
}

var possessorObject = map[actorgraph.RelationType]bool{actorgraph.Condemns: true, actorgraph.Pressures: true,
	actorgraph.Rival: true, actorgraph.Ally: true}

// isPossessor reports whether an argument possesses the noun after it:
// "the Taliban's approach", "his predecessor" — but not when the noun is
// the actor's own force ("Benin's army", "Pakistan's security forces").
func (x *sent) isPossessor(a arg) bool {
	if x.norm(a.t1) == "'s" {
		for k := a.t1 + 1; k < x.s.T1 && k < a.t1+4; k++ {
			if ownForces[x.norm(k)] {
				return false
			}
			if x.tok(k).Kind != nlp.Word || x.argAt(k) >= 0 {
				break
			}
		}
		return true
	}
	switch x.norm(a.t0) {
	case "his", "her", "its", "their":
		if a.coref && ownForces[x.norm(x.nextWord(a.t1))] {
			return false // "recognise its government"
		}
		return a.coref
	}
	return false
}

// placeIntro reports whether a locative preposition introduces the
// argument ("in Syria", "across the Sahel", "in the Venezuelan states").
func (x *sent) placeIntro(a arg) bool {
	k := a.t0 - 1
	for k > x.s.T0 && (x.norm(k) == "the" || locMods[x.norm(k)]) {
		k--
	}
	if x.norm(k) == "at" && (firedAt[x.norm(k-1)] || x.norm(k-1) == "aimed") {
		return false // "fired drones at Israel": a target
	}
	return locPreps[x.norm(k)] || x.norm(k) == "into" || x.norm(k) == "from"
}

// relativeObject finds the object of a verb in an object relative clause:
// "the PKK, which it has fought since 1984" — the subject stands right
// after the pronoun, and the object is the noun before it.
func (x *sent) relativeObject(subj int) int {
	p := x.args[subj].t0 - 1
	if p <= x.s.T0 || !relBounds[x.norm(p)] || x.norm(p) == "who" || x.norm(p) == "whose" {
		return -1
	}
	j := p - 1
	if x.norm(j) == "," {
		j--
	}
	if x.norm(j) == ")" {
		j--
	}
	if a := x.argAt(j); a >= 0 && x.args[a].typ != actorgraph.Location {
		return x.headOf(a)
	}
	return -1
}

// npHead moves from a group to the person a role noun after it names:
// "hosted AQIS leader, Asim Umar" hosts the leader.
func (x *sent) npHead(a int) int {
	if x.args[a].typ == actorgraph.Person {
		return a
	}
	end, _ := x.endOfGroup(a)
	k := end
	for k < x.s.T1 && k < end+3 && linkMods[x.norm(k)] {
		k++
	}
	if k < x.s.T1 && personRoles[x.norm(k)] {
		k++
		if x.norm(k) == "," {
			k++
		}
		k = x.skipTitles(k)
		if p := x.argAt(k); p >= 0 && x.args[p].typ == actorgraph.Person {
			return p
		}
	}
	return a
}

var personRoles = nlp.Words(`leader chief head commander founder emir spokesman spokesperson spokeswoman member
	official deputy adviser advisor envoy president minister`)

// participles that open a new clause after a verb's object ("warned of
// war, saying Israel ...").
var participles = nlp.Words(`saying adding noting calling claiming describing arguing insisting stressing`)

// agent finds the "by X" (or "in a X raid") argument after a passive verb:
// "killed by the Taliban", "killed in a U.S. raid", "killed in a drone
// strike by France".
func (x *sent) agent(end int) int {
	for k := end; k < x.s.T1 && k < end+10; k++ {
		if x.bound[k-x.s.T0] != bNone {
			return -1
		}
		n := x.norm(k)
		if n == "by" {
			for j := k + 1; j < x.s.T1 && j < k+6; j++ {
				if a := x.argAt(j); a >= 0 && x.args[a].typ != actorgraph.Location {
					return a
				}
			}
			return -1
		}
		if a := x.argAt(k); a >= 0 && x.args[a].typ != actorgraph.Location && k > end {
			nx := x.norm(x.args[a].t1)
			switch nx {
			case "raid", "strike", "airstrike", "attack", "operation", "drone", "air", "ambush", "bombing", "offensive", "assault", "missile", "rocket", "strikes", "raids":
				return a
			}
			if !x.args[a].adj {
				return -1 // another name comes first: not the agent
			}
		}
	}
	return -1
}

// coord expands an argument to the list it stands in: "China and
// Pakistan", "the IMU, Jund al-Khilafah, TIP, and ...".
func (x *sent) coord(a int) []int {
	out := []int{a}
	// references that name several entities at once ("both countries")
	for b := range x.args {
		if b != a && x.args[b].t0 == x.args[a].t0 && x.args[b].t1 == x.args[a].t1 && x.args[b].ent != x.args[a].ent {
			out = append(out, b)
		}
	}
	// rightwards
	for cur := a; ; {
		nx := x.nextListItem(cur)
		if nx < 0 {
			break
		}
		out = append(out, nx)
		cur = nx
	}
	// leftwards
	for cur := a; ; {
		pv := x.prevListItem(cur)
		if pv < 0 {
			break
		}
		out = append(out, pv)
		cur = pv
	}
	return out
}

// skipSame moves past later arguments of the same entity written right
// after a ("ISK (ISK)").
func (x *sent) endOfGroup(a int) (int, int) {
	end := x.args[a].t1
	last := a
	for b := a + 1; b < len(x.args); b++ {
		if x.args[b].ent != x.args[a].ent {
			break
		}
		gap := x.args[b].t0 - end
		if gap > 1 || gap == 1 && x.norm(end) != "(" {
			break
		}
		end = x.args[b].t1
		last = b
		if x.norm(end) == ")" {
			end++
		}
	}
	return end, last
}

func (x *sent) nextListItem(a int) int {
	end, last := x.endOfGroup(a)
	sep := 0
	k := end
	for k < x.s.T1 {
		n := x.norm(k)
		if n == "," || n == "and" || n == "or" || n == "both" {
			sep++
			k++
			continue
		}
		if n == "the" || n == "its" {
			k++
			continue
		}
		if b := x.argAt(k); b >= 0 && x.args[b].adj && b > last {
			// premodifier: "Kazakh-led Jund al-Khilafah"
			k = x.args[b].t1
			if x.norm(k) == "-" {
				k += 2
			}
			continue
		}
		break
	}
	if sep == 0 || k-end > 6 {
		return -1
	}
	b := x.argAt(k)
	if b < 0 || b <= last || x.args[b].adj {
		return -1
	}
	// "James Kabarebe, Rwanda's minister": an appositive, not a list
	if sep == 1 && x.norm(end) == "," && x.norm(x.args[b].t1) == "'s" {
		return -1
	}
	if x.args[b].typ == actorgraph.Location && x.args[a].typ != actorgraph.Location {
		return -1
	}
	return b
}

func (x *sent) prevListItem(a int) int {
	k := x.args[a].t0 - 1
	sep := 0
	for k >= x.s.T0 {
		n := x.norm(k)
		if n == "," || n == "and" || n == "or" {
			sep++
			k--
			continue
		}
		if n == "the" || n == "both" || n == ")" {
			k--
			continue
		}
		break
	}
	if sep == 0 || x.args[a].t0-k > 5 {
		return -1
	}
	b := x.argAt(k)
	if b < 0 || b >= a || x.args[b].adj {
		return -1
	}
	b = x.headOf(b)
	if x.args[b].typ == actorgraph.Location && x.args[a].typ != actorgraph.Location {
		return -1
	}
	// "aid to Rwanda, and the European Parliament called ...": a ", and"
	// after a prepositional object starts a clause, not a list
	if sep >= 2 && preps[x.before(b)] && x.norm(k+1) == "," {
		if pv := x.prevListItem(b); pv < 0 {
			return -1
		}
	}
	// the list must really be one: "A, B and C"; a lone comma before a
	// clause ("Tajikistan, Russia said") is not enough unless "and" follows a
	if sep == 1 && x.norm(k+1) == "," {
		if nx := x.nextListItem(a); nx < 0 {
			return -1
		}
	}
	return b
}

var preps = nlp.Words(`to of in on at from with by for into against over under`)

// before returns the word before an argument, skipping "the".
func (x *sent) before(a int) string {
	k := x.args[a].t0 - 1
	for k > x.s.T0 && (x.norm(k) == "the" || x.norm(k) == "both") {
		k--
	}
	return x.norm(k)
}

// ---- nouns ----

var nounMods = nlp.Words(`low-level low level long-running long running years-long decade-long bloody brutal
	violent armed military deadly major new renewed continued ongoing growing relentless fierce cross-border
	drone missile rocket air naval ground joint coordinated suicide large-scale small-scale retaliatory
	the a an its their his her recent latest first second several many numerous repeated regular`)

func (x *sent) noun(r *Rule, t, end int) bool {
	if end >= x.s.T1 {
		return false
	}
	// "between A and B"
	if x.norm(end) == "between" {
		a := x.firstArgAfter(end+1, 4)
		if a < 0 {
			return false
		}
		list := x.coord(a)
		if len(list) != 2 {
			return false
		}
		A, B := x.args[list[0]], x.args[list[1]]
		ok := x.add(r, A, B, t, end)
		if r.Type == actorgraph.Attacks {
			ok = x.add(r, B, A, t, end) || ok
		}
		return ok
	}
	p := end
	// "a coalition in Yemen against Houthi forces": step over a place
	if (x.norm(p) == "in" || x.norm(p) == "across") && p+1 < x.s.T1 {
		if a := x.argAt(p + 1); a >= 0 && x.args[a].typ.IsPlace() {
			p = x.args[a].t1
		} else if x.norm(p+1) == "the" {
			if a := x.argAt(p + 2); a >= 0 && x.args[a].typ.IsPlace() {
				p = x.args[a].t1
			}
		}
	}
	if !r.Preps[x.norm(p)] {
		// "kept the Islamic State's backing": the possessor backs the
		// clause's subject
		if r.Type == actorgraph.Supports && backingNouns[x.norm(t)] && x.norm(t-1) == "'s" {
			if o := x.argAt(t - 2); o >= 0 {
				if s := x.clauseSubject(t - 2); s >= 0 && x.args[s].ent != x.args[o].ent {
					return x.add(r, x.args[x.headOf(o)], x.args[s], t, end)
				}
			}
		}
		return false
	}
	obj := x.nounObject(p + 1)
	if obj < 0 {
		return false
	}
	src := x.nounSource(t)
	if src < 0 {
		return false
	}
	ok := false
	srcs := x.coord(src)
	for _, s := range srcs {
		for _, o := range x.coord(obj) {
			if r.Rev { // "help from Russia": Russia helps
				ok = x.add(r, x.args[o], x.args[s], t, end) || ok
				continue
			}
			ok = x.add(r, x.args[s], x.args[o], t, end) || ok
		}
	}
	// "Saudi Arabia and the UAE have led a coalition": partners are allies
	if coalitionNouns[x.norm(t)] && len(srcs) > 1 {
		ally := &Rule{Type: actorgraph.Ally, kind: kNoun}
		for i := 0; i < len(srcs); i++ {
			for j := i + 1; j < len(srcs); j++ {
				x.add(ally, x.args[srcs[i]], x.args[srcs[j]], t, end)
			}
		}
	}
	return ok
}

var backingNouns = nlp.Words(`backing support sponsorship patronage protection help aid blessing`)

var coalitionNouns = nlp.Words(`coalition alliance partnership`)

var nounObjStops = nlp.Words(`by to from after before during for with since until that which who`)

// nounObject returns the argument a noun's preposition introduces: within
// six tokens, before another preposition or clause.
func (x *sent) nounObject(k int) int {
	for j := k; j < x.s.T1 && j < k+6; j++ {
		if x.bound[j-x.s.T0] != bNone || nounObjStops[x.norm(j)] {
			return -1
		}
		if a := x.argAt(j); a >= 0 {
			if x.args[a].typ == actorgraph.Location {
				continue
			}
			return a
		}
	}
	return -1
}

// adjective reports whether token k is a lower-case word that can only
// modify a noun here: not a verb form, not a light verb ("its deadliest
// attack", "a brutal campaign").
func (x *sent) adjective(k int) bool {
	tk := x.tok(k)
	w := tk.Norm
	if tk.Kind != nlp.Word || tk.Cap || x.argAt(k) >= 0 || lightVerbs[w] || x.verbal(k) || auxiliaries[w] || preps[w] {
		return false
	}
	return strings.HasSuffix(w, "est") || strings.HasSuffix(w, "al") || strings.HasSuffix(w, "ive") ||
		strings.HasSuffix(w, "ic") || strings.HasSuffix(w, "ous") || strings.HasSuffix(w, "ful") || strings.HasSuffix(w, "ary")
}

// firstArgAfter returns the first non-place argument (a country counts) in
// the n tokens from k, staying in the clause.
func (x *sent) firstArgAfter(k, n int) int {
	for j := k; j < x.s.T1 && j < k+n; j++ {
		if x.bound[j-x.s.T0] != bNone {
			return -1
		}
		if a := x.argAt(j); a >= 0 {
			if x.args[a].typ == actorgraph.Location {
				continue
			}
			return a
		}
	}
	return -1
}

// nounSource finds who does what a noun names: a possessive or adjective
// right before it ("ISK's insurgency", "Israeli airstrikes"), else the
// subject of the clause ("ISK continues to wage an insurgency").
func (x *sent) nounSource(t int) int {
	k := t - 1
	for k >= x.s.T0 && t-k <= 4 && (nounMods[x.norm(k)] || x.norm(k) == "-" || x.adjective(k)) && !lightVerbs[x.norm(k)] {
		k--
	}
	// "in an air strike on X", "fighting in loose alliance with X": the
	// clause's subject acts
	j := k
	for j > x.s.T0 && t-j <= 4 && x.tok(j).Kind == nlp.Word && !x.tok(j).Cap && x.argAt(j) < 0 &&
		!preps[x.norm(j)] && !lightVerbs[x.norm(j)] && !x.verbal(j) && x.norm(j) != "a" && x.norm(j) != "an" {
		j--
	}
	if (x.norm(j) == "a" || x.norm(j) == "an") && (x.norm(j-1) == "in" || x.norm(j-1) == "with") ||
		x.norm(j) == "in" {
		if s := x.clauseSubject(j); s >= 0 {
			return s
		}
	}
	if k >= x.s.T0 && x.norm(k) == "'s" {
		k--
	}
	if a := x.argAt(k); a >= 0 && x.args[a].typ != actorgraph.Location {
		return x.headOf(a)
	}
	// "the attack on Yemen" has no stated agent unless a light verb gives
	// it one: "ISK continues to wage an insurgency", "carried out strikes"
	for j := k; j >= x.s.T0 && j > k-6; j-- {
		if lightVerbs[x.norm(j)] {
			if s, ok := x.accusedOf(j); ok {
				return s
			}
			return x.subject(j, &Rule{})
		}
	}
	return -1
}

var lightVerbs = nlp.Words(`used use uses using orchestrating orchestrated providing extending extended giving carrying launching mounting staging receives received receive receiving obtained gets got seek seeks sought seeking build built deepen deepened strengthen strengthened forge forged
	wage wages waged waging carry carries carried conduct conducts conducted conducting
	launch launches launched launching mount mounts mounted stage staged claim claimed claims step stepped
	ramp ramping ramped intensify intensified escalate escalated began begin begun start started resume resumed
	lead leads led leading form formed join joined continue continues continued maximize maximise impose
	pledged pledge pledges sent send sends provided provide provides supplied supply gave give gives offered
	deployed deploy signed sign signs concluded agreed held hold conducted
	imposed imposes`)

// ---- roles and links ----

var linkMods = nlp.Words(`closest close main key chief top senior most longtime long-time long-standing longstanding
	traditional staunch strongest strong major principal powerful loyal regional local former deputy military
	political spiritual de facto overall official army official de-facto caretaker the a an its their his her
	interim acting new late founding self-styled self-proclaimed supreme operational field chief-of-staff
	one of two three`)

func (x *sent) skipMods(k, dir int) int {
	for k >= x.s.T0 && k < x.s.T1 && linkMods[x.norm(k)] && x.argAt(k) < 0 {
		k += dir
	}
	return k
}

// link reads roles and links around a relational noun N at [t, end):
//
//	O N H           "AQIS leader Asim Umar", "Al-Qaeda affiliate JNIM"
//	O's N H         "Lebanon's Prime Minister Najib Mikati"
//	N of O, H       "the spokesman of the Nigeria Army, Col. Sani Usman"
//	H, a N of O     "Yvan Guichaoua, a senior researcher at the Bonn ..."
//	H is O's N      "China is Pakistan's closest ally"
//	H is a N of O   "JNIM is an affiliate of al-Qaeda"
//
// H holds the role; O is the other party. Without rev the relation runs
// H → O (leader → group, affiliate → parent, ally); with rev O → H
// ("Iranian proxy Hezbollah": Iran SUPPORTS Hezbollah).
func (x *sent) link(r *Rule, t, end int) bool {
	h, o := -1, -1
	// before N: O or O's, then modifiers
	k := x.skipMods(t-1, -1)
	if k >= x.s.T0 && x.norm(k) != "'s" {
		// "al-Qaeda's East African affiliate", "the Taliban's most
		// dangerous armed opponent": any few words after a possessive
		for j := k; j >= x.s.T0 && j > t-6 && x.argAt(j) < 0; j-- {
			if x.norm(j) == "'s" {
				k = j
				break
			}
			if x.tok(j).Kind != nlp.Word {
				break
			}
		}
	}
	if k >= x.s.T0 && x.norm(k) == "'s" {
		k--
	}
	if x.norm(k) == ")" { // "AQIS (AQIS) leader"
		k--
	}
	before := x.argAt(k)
	// "the AU mission" where the mission is a reference to a named entity:
	// the referent holds the role
	if c := x.argAt(t); c >= 0 && x.args[c].coref && before >= 0 && x.args[before].ent != x.args[c].ent {
		H, O := x.args[c], x.args[x.headOf(before)]
		if r.Rev {
			return x.add(r, O, H, t, end)
		}
		return x.add(r, H, O, t, end)
	}
	// after N: [,] H
	j := end
	if x.norm(j) == "," {
		j++
	}
	j = x.skipTitles(j)
	after := x.argAt(j)
	if before >= 0 && after >= 0 && x.args[after].t0 == j {
		o, h = x.headOf(before), after
	}
	// "H, the Syrian affiliate of O": skip adjectives before the noun too
	kc := k
	for kc >= x.s.T0 && (x.argAt(kc) >= 0 && x.args[x.argAt(kc)].adj || linkMods[x.norm(kc)]) {
		kc--
	}
	// "H is O's N" / "H, O's N" / "H, the O peacekeeping mission"
	if o < 0 && before >= 0 {
		if hh := x.copulaSubject(x.args[before].t0 - 1); hh >= 0 {
			o, h = x.headOf(before), hh
		}
	}
	// "N of O, H" / "H is a N of O" / "H, a N at O"
	if o < 0 {
		switch x.norm(end) {
		case "of", "at", "for", "to", "in", "with", "from":
			oo := x.argWithin(end+1, 6)
			if oo >= 0 {
				// H after O: "spokesman of the NAF, Group Captain X"
				je := x.args[oo].t1
				if x.norm(je) == "(" {
					if _, last := x.endOfGroup(oo); last >= 0 {
						je = x.args[last].t1 + 1
					}
				}
				if x.norm(je) == "," {
					if hh := x.argAt(x.skipTitles(je + 1)); hh >= 0 && x.args[hh].typ == actorgraph.Person && r.kind == kRole {
						o, h = oo, hh
					}
				}
				if o < 0 {
					if hh := x.copulaSubject(kc); hh >= 0 {
						o, h = oo, hh
					}
				}
			}
		}
	}
	// "President Gustavo Petro ... in Colombia": a head-of-state title with
	// no state before it leads the one state the sentence names
	if o < 0 && r.Type == actorgraph.Leads && r.kind == kRole && stateTitles[x.norm(t)] && after >= 0 &&
		x.args[after].t0 == j && x.args[after].typ == actorgraph.Person {
		if c := x.soleCountry(); c >= 0 {
			o, h = c, after
		}
	}
	reported := false
	// "Russia treats the Taliban as a partner", "Turkey regards the YPG as
	// an extension of the PKK": the object of the verb holds the role
	if o < 0 && x.norm(kc) == "as" {
		if xa := x.argAt(kc - 1); xa >= 0 {
			xa = x.headOf(xa)
			v := x.args[xa].t0 - 1
			if x.norm(v) == "the" {
				v--
			}
			if v > x.s.T0 && regardVerbs[x.norm(v)] {
				h = xa
				if oo := x.argWithin(end+1, 4); oo >= 0 && (x.norm(end) == "of" || x.norm(end) == "to") {
					o, reported = oo, true
				} else if r.Type.Symmetric() {
					o = x.subject(v+1, &Rule{})
				}
			}
		}
	}
	// "The ELN and the EMC have been bitter enemies": a symmetric relation
	// among the members of a coordinated subject
	if o < 0 && r.Type.Symmetric() && r.kind == kLink {
		if hh := x.copulaSubject(kc); hh >= 0 {
			list := x.coord(hh)
			ok := false
			for i := 0; i < len(list); i++ {
				for j := i + 1; j < len(list); j++ {
					ok = x.add(r, x.args[list[i]], x.args[list[j]], t, end) || ok
				}
			}
			return ok
		}
	}
	if o < 0 || h < 0 {
		return false
	}
	if r.kind == kRole && x.args[h].typ != actorgraph.Person {
		return false
	}
	H, O := x.args[h], x.args[o]
	n := len(x.out)
	var ok bool
	if r.Rev {
		ok = x.add(r, O, H, t, end)
	} else {
		ok = x.add(r, H, O, t, end)
	}
	if ok && reported && len(x.out) > n {
		x.out[n].Modality = actorgraph.Reported
	}
	return ok
}

var stateTitles = nlp.Words(`president prime premier king emir sultan chancellor`)

// soleCountry returns the argument of the one country a sentence names
// (by name or adjective), or -1 when it names none or several.
func (x *sent) soleCountry() int {
	found, ent := -1, -1
	for i, a := range x.args {
		if a.typ != actorgraph.Country {
			continue
		}
		if ent >= 0 && a.ent != ent {
			return -1
		}
		if found < 0 || x.args[found].adj && !a.adj {
			found = i
		}
		ent = a.ent
	}
	return found
}

var regardVerbs = nlp.Words(`treats treated treat treating regards regarded regard regarding considers considered
	consider considering sees saw see views viewed view describes described describe labels labelled labeled
	brands branded`)

// coalitions reads alliances from a coordinated subject acting together:
// "Mali, Burkina Faso and Niger formed the Alliance of Sahel States",
// "Saudi Arabia and the UAE jointly went to war".
func (x *sent) coalitions() {
	r := &Rule{Type: actorgraph.Ally, kind: kVerb}
	for t := x.s.T0; t < x.s.T1; t++ {
		if !coalitionVerbs[x.norm(t)] {
			continue
		}
		s := x.subject(t, r)
		if s < 0 {
			continue
		}
		list := x.coord(s)
		if len(list) < 2 {
			continue
		}
		for i := 0; i < len(list); i++ {
			for j := i + 1; j < len(list); j++ {
				x.add(r, x.args[list[i]], x.args[list[j]], t, t+1)
			}
		}
	}
}

var coalitionVerbs = nlp.Words(`formed founded created established jointly together`)

// skipTitles moves past title words and honorifics to a person's name.
func (x *sent) skipTitles(j int) int {
	for j < x.s.T1 && j-x.s.T0 >= 0 && x.argAt(j) < 0 && x.tok(j).Kind != nlp.Punct && (x.tok(j).Cap || linkMods[x.norm(j)]) {
		j++
		if j < x.s.T1 && x.norm(j) == "." {
			j++
		}
	}
	return j
}

// argWithin returns the first argument within n tokens of k.
func (x *sent) argWithin(k, n int) int {
	for j := k; j < x.s.T1 && j < k+n; j++ {
		if x.bound[j-x.s.T0] == bHard {
			return -1
		}
		if a := x.argAt(j); a >= 0 {
			return a
		}
	}
	return -1
}

// copulaSubject finds H in "H is ...", "H, ..." ending at token k (the
// token before the determiner or possessor).
func (x *sent) copulaSubject(k int) int {
	for k > x.s.T0 && (x.norm(k) == "the" || x.norm(k) == "a" || x.norm(k) == "an") {
		k--
	}
	n := x.norm(k)
	switch n {
	case "is", "was", "are", "were", "remains", "remained", "became", "becomes", "become", "been", "be", "as", ",":
	default:
		return -1
	}
	if n != "," && x.norm(k-1) == "," {
		// "X, usually shortened to Y, has been ..." — go back over the aside
		if c := x.prevComma(k - 1); c > x.s.T0 {
			k = c + 1
		}
	}
	j := k - 1
	for j >= x.s.T0 && (adverbs[x.norm(j)] || x.norm(j) == ",") && k-j < 4 {
		if x.argAt(j) >= 0 {
			break
		}
		j--
	}
	// "China, moreover, is"
	for j >= x.s.T0 && x.argAt(j) < 0 && k-j < 4 && x.tok(j).Kind == nlp.Word && !x.tok(j).Cap {
		j--
	}
	if j >= x.s.T0 && x.norm(j) == "," {
		j--
	}
	if x.norm(j) == ")" {
		if o := x.openParen(j); o > x.s.T0 {
			j = o - 1
		}
	}
	if a := x.argAt(j); a >= 0 {
		return x.headOf(a)
	}
	return -1
}

// ---- compounds ----

// compound reads "A-form B": the trigger is the word after a hyphen that
// follows an argument.
func (x *sent) compound(r *Rule, t, end int) bool {
	if t-2 < x.s.T0 || x.norm(t-1) != "-" {
		return false
	}
	a := x.argAt(t - 2)
	if a < 0 {
		return false
	}
	// the noun phrase the compound modifies: its last argument before a
	// word that is neither a modifier nor a name
	b := -1
	for k := end; k < x.s.T1 && k < end+6; k++ {
		if x.bound[k-x.s.T0] != bNone {
			break
		}
		if c := x.argAt(k); c >= 0 {
			b = c
			k = x.args[c].t1 - 1
			if x.args[c].adj || x.norm(x.args[c].t1) == "-" {
				continue
			}
			break
		}
		if !nounMods[x.norm(k)] && !linkMods[x.norm(k)] && x.tok(k).Kind == nlp.Word && !x.tok(k).Cap {
			// "Lebanon-based Iranian proxy Hezbollah": a noun between an
			// adjective and the name does not end the phrase
			if b >= 0 && !(x.args[b].adj && x.argAt(k+1) >= 0) {
				break
			}
			continue
		}
	}
	if b < 0 || b == a {
		return false
	}
	A, B := x.args[a], x.args[b]
	if r.Rev {
		return x.add(r, B, A, t, end)
	}
	return x.add(r, A, B, t, end)
}

// inPlace reads "GROUP in PLACE" and "GROUP forces in PLACE" as LOCATED_IN.
func (x *sent) inPlace() {
	r := &Rule{Type: actorgraph.LocatedIn, kind: kVerb}
	for i, a := range x.args {
		if a.typ != actorgraph.ArmedGroup || a.coref {
			continue
		}
		k := a.t1
		if x.norm(k) == "'s" {
			continue
		}
		for k < x.s.T1 && k < a.t1+2 && groupNouns[x.norm(k)] {
			k++
		}
		if x.norm(k) != "in" {
			continue
		}
		p := x.argAt(k + 1)
		if p < 0 && x.norm(k+1) == "the" {
			p = x.argAt(k + 2)
		}
		if p < 0 || !x.args[p].typ.IsPlace() || x.args[p].adj {
			continue
		}
		_ = i
		if x.add(r, a, x.args[p], k, k+1) {
			// a group's place is background fact, whatever the clause says
			x.out[len(x.out)-1].Modality = actorgraph.Asserted
			x.out[len(x.out)-1].Negated = false
		}
	}
}

// whereActs reads where a group or person is from where the sentence has
// it act: "JNIM fighters overran a base at Djibo", "the rebels attacked
// the base in Bulamarer", "Col. Sani Usman, yesterday in Abuja". The actor
// is the nearest group, person or organisation before a place that a
// locative preposition introduces, in the same clause. States are left
// out: a state that strikes abroad is not located there.
func (x *sent) whereActs() {
	r := &Rule{Type: actorgraph.LocatedIn, kind: kVerb}
	memo := map[int]int{} // place argument -> actor argument (-1: none)
	var actorFor func(pi int, depth int) (int, int)
	// actorFor returns the actor located at place argument pi and the
	// token of the preposition that locates it, or -1.
	actorFor = func(pi int, depth int) (int, int) {
		p := x.args[pi]
		k := p.t0 - 1
		for k > x.s.T0 && (locMods[x.norm(k)] || x.norm(k) == "-") {
			k--
		}
		// "in Syria's Idlib", "Djibo in northern Burkina Faso", "the Menaka
		// and Gao regions": follow the place it belongs to
		if depth < 4 {
			if x.norm(k) == "'s" {
				if q := x.argAt(k - 1); q >= 0 && x.args[q].typ.IsPlace() {
					return actorFor(x.headOf(q), depth+1)
				}
			}
			if q := x.argAt(k - 1); q >= 0 && x.args[q].typ.IsPlace() && (x.norm(k) == "in" || x.norm(k) == ",") {
				return actorFor(x.headOf(q), depth+1)
			}
			if pv := x.prevListItem(pi); pv >= 0 && x.args[pv].typ.IsPlace() {
				return actorFor(pv, depth+1)
			}
		}
		if !locPreps[x.norm(k)] {
			return -1, -1
		}
		if x.norm(k) == "at" && firedAt[x.norm(k-1)] {
			return -1, -1 // "fired rockets at Kiryat Shmona": a target, not a location
		}
		if pk := k - 1; abstractNouns[x.norm(pk)] || pk > x.s.T0 && quoteMarks[x.norm(pk)] && abstractNouns[x.norm(pk-1)] {
			return -1, -1 // "developments in the Middle East": about, not located
		}
		if q := x.argAt(k - 1); q >= 0 && x.args[q].typ.IsPlace() {
			return -1, -1
		}
		for j := k - 1; j >= x.s.T0 && j > k-16; j-- {
			if b := x.bound[j-x.s.T0]; b == bHard || b == bSoft || participles[x.norm(j)] {
				break
			}
			// step over an appositive between commas: "the ADF, a group
			// that pledged allegiance to the Islamic State, continues to
			// kill civilians in Ituri"
			if x.norm(j) == "," && j+1 < k && x.argAt(j+1) < 0 {
				if c := x.prevComma(j); c > 0 && articles[x.norm(c+1)] {
					j = c
					if x.norm(c-1) == ")" {
						j = x.openParen(c - 1) // "(ADF)": on to the name before it
					}
					continue
				}
			}
			a := x.argAt(j)
			if a < 0 {
				continue
			}
			s := x.args[a]
			if x.norm(s.t1) == "'s" {
				// "the group's strongholds in Zabul", "its base in Mogadishu":
				// the owner of a base or a force is there; of anything else, not
				if locatable[x.norm(x.nextWord(s.t1+1))] {
					return x.headOf(a), k
				}
				break // "al-Qaeda's franchise in the Sahel": the franchise is there
			}
			if s.typ.IsPlace() || s.typ == actorgraph.Country || s.adj && !x.adjSubject(s) || x.isModifier(s) {
				if s.typ == actorgraph.Country && !s.adj {
					break // "Israel killed X in Beirut": a state acting abroad
				}
				continue
			}
			if s.typ == actorgraph.Org {
				break // organisations report and monitor from afar
			}
			return x.headOf(a), k
		}
		return -1, -1
	}
	for pi, p := range x.args {
		if !p.typ.IsPlace() || p.adj {
			continue
		}
		// a place naming the noun after it is not where anyone is: "in the
		// Doha peace talks"
		if n := x.tok(p.t1); p.t1 < x.s.T1 && n.Kind == nlp.Word && !n.Cap && modifiedNouns[n.Norm] {
			continue
		}
		if _, done := memo[pi]; done {
			continue
		}
		a, k := actorFor(pi, 0)
		memo[pi] = a
		if a < 0 {
			continue
		}
		for _, s := range x.coord(a) {
			if x.args[s].typ == actorgraph.Org || x.args[s].typ.IsPlace() {
				continue
			}
			if x.add(r, x.args[s], p, k, k+1) {
				x.out[len(x.out)-1].Trigger = x.norm(k) + " " + x.d.Text[x.tok(p.t0).Start:x.tok(p.t1-1).End]
			}
		}
	}
}

// nextWord skips modifiers from k and returns the token of the first
// other word.
func (x *sent) nextWord(k int) int {
	start := k
	for k < x.s.T1 && k < start+4 && (linkMods[x.norm(k)] || nounMods[x.norm(k)] || x.adjective(k)) {
		k++
	}
	return k
}

// locatable nouns are where their owner is: "its base in Mogadishu".
var locatable = nlp.Words(`base bases headquarters strongholds stronghold positions position camp camps hideouts
	hideout fighters troops forces force units command contingent presence cells offices office embassy`)

var abstractNouns = nlp.Words(`developments talks situation crisis tensions events elections interests affairs policy
	peace stability security negotiations news reports interest role influence involvement investment trade`)

// modifiedNouns after a place show that the place only names them: "the
// Doha peace talks", "the Geneva conference".
var modifiedNouns = nlp.Words(`peace talks agreement accord accords deal process summit conference meeting meetings
	negotiations format declaration protocol framework ceasefire truce initiative plan`)

var firedAt = nlp.Words(`rockets missiles drones shells mortars fire fired firing shots projectiles`)

var locPreps = nlp.Words(`in at across inside throughout around`)
var locMods = nlp.Words(`the northern southern eastern western central north south east west north-east north-west
	south-east south-west northeastern northwestern southeastern southwestern rural eastern parts part of areas
	area town city village province region district`)

var groupNouns = nlp.Words(`forces fighters targets positions militants hideouts bases strongholds troops elements
	cells members units rebels insurgents`)

// ---- negation and modality ----

var negWords = nlp.Words(`not n't never no cannot without nor neither`)
var negVerbs = nlp.Words(`refuse refused refuses refusing deny denied denies denying decline declined declines
	reject rejected rejects`)

// negated reports whether a negation stands between the subject (or the
// clause start) and the trigger at t.
func (x *sent) negated(src arg, t int) bool {
	from := x.clauseStart(t)
	if src.t1 > from && src.t1 <= t {
		from = src.t1
	}
	for k := from; k < t; k++ {
		n := x.norm(k)
		if negWords[n] {
			if n == "not" && (x.norm(k+1) == "only" || x.norm(k+1) == "hesitate" || x.norm(k+1) == "just") ||
				n == "no" && (x.norm(k+1) == "doubt" || x.norm(k+1) == "sooner") {
				continue
			}
			if n == "no" && x.norm(k+1) == "longer" {
				return true
			}
			return true
		}
		if negVerbs[n] && (x.norm(k+1) == "to" || x.norm(k+1) == "being" || x.norm(k+1) == "having" || k+1 == t) {
			return true // "refused to", "denied being", "denied sheltering"
		}
	}
	return false
}

func (x *sent) clauseStart(t int) int {
	for k := t - 1; k >= x.s.T0; k-- {
		if b := x.bound[k-x.s.T0]; b != bNone {
			return k + 1
		}
	}
	return x.s.T0
}

var possibleCues = nlp.Words(`may might could would will shall 'll can if unless possibility possible possibly
	potential potentially likely unlikely probably expected pledge pledged pledges pledging promise promised
	promises promising vow vowed vows vowing threaten threatened threatens threatening intend intends intended
	intending plan plans planned planning seek seeks seeking sought aim aims aiming want wants wanted hope hopes
	ready prepared willing should must offer offered offering offers demand demanded demands demanding urge urged
	urging in_case forecast predicted risk`)
var reportedCues = nlp.Words(`reportedly allegedly alleged purportedly according claimed claims claiming claim
	believed suspected rumoured rumored accused`)
var speechVerbs = nlp.Words(`said says say stated announced declared insisted asserted added`)

// modality decides how the sentence commits to a relation with trigger [t, end).
func (x *sent) modality(r *Rule, src arg, t, end int) actorgraph.Modality {
	if r.Possible {
		return actorgraph.Possible
	}
	// titles, roles and compounds are background facts: "IDF spokesperson
	// Daniel Hagari", "Hezbollah-run Al Manar"
	if r.kind == kRole || r.kind == kCompound {
		return actorgraph.Asserted
	}
	from := x.clauseStart(t)
	// a coordinated verb phrase has its own cues: "pledged troops to AUSSOM
	// and signed a defence pact" signed the pact
	seg := from
	for k := from; k < t; k++ {
		if (x.norm(k) == "and" || x.norm(k) == "but") && k+1 < t && x.argAt(k+1) < 0 && x.tok(k+1).Kind == nlp.Word &&
			!x.tok(k+1).Cap && x.norm(k+1) != "the" && x.norm(k+1) != "a" && x.norm(k+1) != "an" && x.norm(k+1) != "other" {
			seg = k + 1
		}
	}
	segEnd := x.s.T1
	for k := end; k < x.s.T1; k++ {
		if x.bound[k-x.s.T0] == bHard || x.norm(k) == "," && (x.norm(k+1) == "and" || x.norm(k+1) == "but") {
			segEnd = k
			break
		}
	}
	// a governing "there is a possibility that" / "if" earlier in the sentence
	for k := x.s.T0; k < t; k++ {
		n := x.norm(k)
		if n == "possibility" || n == "if" && (k == x.s.T0 || k >= from-1) {
			return actorgraph.Possible
		}
	}
	for k := seg; k < t; k++ {
		n := x.norm(k)
		if (n == "called" || n == "calls" || n == "calling") && (x.norm(k+1) == "on" || x.norm(k+1) == "upon" || x.norm(k+1) == "for") ||
			n == "set" && x.norm(k+1) == "to" {
			return actorgraph.Possible
		}
		if possibleCues[n] {
			if n == "can" && x.norm(k+1) == "be" {
				continue
			}
			if n == "may" && x.tok(k).Cap && k > x.s.T0 {
				continue // the month: "In May 2025"
			}
			return actorgraph.Possible
		}
	}
	for k := x.s.T0; k < x.s.T1; k++ {
		n := x.norm(k)
		// "according to X" governs its own part of the sentence, or all of
		// it when it opens the sentence
		if n == "according" && x.norm(k+1) == "to" && (k <= x.s.T0+1 || k >= from && k < segEnd) {
			return actorgraph.Reported
		}
		// "reportedly", "claimed": inside the relation's own clause, before
		// the trigger (or an adverb right after it)
		if reportedCues[n] && k >= from && (k < t || k < end+3 && strings.HasSuffix(n, "ly")) {
			return actorgraph.Reported
		}
		// "the monitoring team reported that ...", "a UN report found that ..."
		if k < t && findingVerbs[n] && (x.norm(k+1) == "that" || x.norm(k+2) == "that" || x.norm(k+3) == "that") {
			return actorgraph.Reported
		}
	}
	// "the group said it had carried out": a claim by the source itself
	for k := x.s.T0; k < t; k++ {
		if speechVerbs[x.norm(k)] {
			if a := x.argAt(k - 1); a >= 0 && x.args[a].ent == src.ent {
				return actorgraph.Reported
			}
			if x.norm(k-1) == "statement" || x.norm(k-1) == "officials" {
				return actorgraph.Reported
			}
		}
	}
	return actorgraph.Asserted
}

var findingVerbs = nlp.Words(`reported found concluded alleged alleges believe believes estimated estimates suspect
	suspects assessed assesses`)
