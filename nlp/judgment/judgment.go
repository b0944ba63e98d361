// Package judgment is the extraction stage that reads what a report
// estimates and what its actors promised: estimative sentences mapped to
// the ICD 203 probability scale with the cue that set the level,
// conditional judgments split into condition and consequence, and
// commitments (pledges, promises, vows, guarantees, agreements) with the
// relation they promise will or will not hold.
//
// It runs after the relation stage and reads its relations; like every
// stage it imports only the document model (package nlp) and the root
// package, never another stage, and does no I/O.
package judgment

import (
	"regexp"
	"strings"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/nlp"
)

// Stage finds judgments and commitments. It keeps no state.
type Stage struct{}

// Name is the stage's name.
func (Stage) Name() string { return "judgment" }

// Process sets d.Judgments and d.Commitments.
func (Stage) Process(d *nlp.Doc) {
	d.Judgments, d.Commitments = nil, nil
	if len(d.Sentences) == 0 {
		return
	}
	// the mentions starting at each token (the longest one wins)
	at := make(map[int]int, len(d.Mentions))
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Removed || m.Entity < 0 || m.Entity >= len(d.Entities) {
			continue
		}
		if j, ok := at[m.T0]; !ok || d.Mentions[j].T1 < m.T1 {
			at[m.T0] = i
		}
	}
	for si := range d.Sentences {
		s := sent{d: d, i: si, s: d.Sentences[si], at: at}
		if s.s.T1 <= s.s.T0 || s.s.T1 > len(d.Tokens) {
			continue
		}
		j, ok := s.estimate()
		if c, ok2 := s.conditional(); ok2 {
			if !ok {
				j = c
			} else {
				j.Conditional, j.Condition, j.Consequence = true, c.Condition, c.Consequence
			}
			ok = true
		}
		if ok {
			j.Sentence = si
			d.Judgments = append(d.Judgments, j)
		}
		d.Commitments = append(d.Commitments, s.commitments()...)
	}
}

// sent is one sentence under analysis.
type sent struct {
	d  *nlp.Doc
	i  int
	s  nlp.Sentence
	at map[int]int
}

func (x *sent) norm(k int) string {
	if k < x.s.T0 || k >= x.s.T1 {
		return ""
	}
	return x.d.Tokens[k].Norm
}

func (x *sent) tok(k int) nlp.Token { return x.d.Tokens[k] }

func (x *sent) span(t0, t1 int) actorgraph.Span {
	return actorgraph.Span{Start: x.d.Tokens[t0].Start, End: x.d.Tokens[t1-1].End}
}

// negator reports whether the word negates what follows it.
func negator(w string) bool {
	return w == "not" || w == "never" || w == "no" || strings.HasSuffix(w, "n't") || w == "cannot"
}

// ---------------------------------------------------------------------------
// Estimative language

type cue struct {
	words []string
	level actorgraph.Likelihood
	prio  int // 1: modal verbs, 2: bare possibility words, 3: explicit estimative phrases
}

// cueTable lists the estimative phrases by level; '_' joins the words of a
// phrase. Priority 3 unless listed in the weaker sets below.
var cueTable = map[actorgraph.Likelihood]string{
	actorgraph.AlmostCertain: `almost_certainly almost_certain nearly_certain nearly_certainly virtually_certain
		virtually_certainly near_certainty no_doubt without_doubt beyond_doubt little_doubt_that_X`,
	actorgraph.VeryLikely: `very_likely highly_likely very_probably highly_probable very_probable strong_likelihood
		little_doubt high_likelihood`,
	actorgraph.Likely: `likely probably probable likelihood more_likely most_likely expected_to expect expects
		high_risk serious_risk significant_risk real_risk growing_risk`,
	actorgraph.EvenChance: `roughly_even_chance even_chance even_odds as_likely_as_not fifty-fifty possibility possible
		possibly perhaps risk risks may might could`,
	actorgraph.Unlikely: `unlikely improbable probably_not probably_will_not probably_won't not_expected_to doubtful
		doubt doubted less_likely low_risk small_risk skepticism scepticism skeptical sceptical
		should_be_met_with_skepticism should_be_met_with_scepticism should_be_treated_with_skepticism
		should_be_treated_with_scepticism should_be_treated_with_caution`,
	actorgraph.VeryUnlikely: `very_unlikely highly_unlikely highly_improbable very_improbable little_chance
		little_prospect little_likelihood slim_chance slim_chances`,
	actorgraph.AlmostNoChance: `almost_no_chance no_chance virtually_no_chance remote_chance remote_possibility
		virtually_impossible almost_impossible nearly_impossible no_possibility no_prospect`,
}

var weakCues = map[string]int{"may": 1, "might": 1, "could": 1, "possibility": 2, "possible": 2, "possibly": 2,
	"perhaps": 2, "risk": 2, "risks": 2, "expect": 2, "expects": 2, "expected to": 2, "doubt": 2,
	"doubted": 2, "skepticism": 2, "scepticism": 2, "skeptical": 2, "sceptical": 2}

// cues indexes cueTable by first word.
var cues = func() map[string][]cue {
	m := map[string][]cue{}
	for lvl, list := range cueTable {
		for _, p := range strings.Fields(list) {
			if strings.HasSuffix(p, "_X") {
				continue
			}
			ws := strings.Split(strings.ReplaceAll(p, "-", " - "), "_")
			var words []string
			for _, w := range ws {
				words = append(words, strings.Fields(w)...)
			}
			prio := 3
			if v, ok := weakCues[strings.Join(words, " ")]; ok {
				prio = v
			}
			m[words[0]] = append(m[words[0]], cue{words, lvl, prio})
		}
	}
	for k := range m {
		l := m[k]
		// longest first, then a stable order by level rank
		for i := 1; i < len(l); i++ {
			for j := i; j > 0 && (len(l[j].words) > len(l[j-1].words) ||
				len(l[j].words) == len(l[j-1].words) && l[j].level.Rank() < l[j-1].level.Rank()); j-- {
				l[j], l[j-1] = l[j-1], l[j]
			}
		}
	}
	return m
}()

// mirror turns a level into its opposite ("not likely" is unlikely).
func mirror(l actorgraph.Likelihood) actorgraph.Likelihood {
	r := l.Rank()
	if r == 0 {
		return l
	}
	return actorgraph.Likelihoods[len(actorgraph.Likelihoods)-r]
}

var confidences = map[string]string{"high": "high", "moderate": "moderate", "medium": "moderate", "low": "low"}

// estimate finds the sentence's likelihood cue: the strongest kind of cue
// present (explicit phrases over bare possibility words over modal
// verbs), the first of that kind.
func (x *sent) estimate() (nlp.Judgment, bool) {
	var best nlp.Judgment
	bestPrio := 0
	conf, confSpan := "", actorgraph.Span{}
	for k := x.s.T0; k < x.s.T1; k++ {
		n := x.norm(k)
		if c, ok := confidences[n]; ok && x.norm(k+1) == "confidence" && conf == "" {
			conf, confSpan = c, x.span(k, k+2)
		}
		for _, c := range cues[n] {
			if !x.matches(k, c.words) {
				continue
			}
			end := k + len(c.words)
			lvl, ok := x.checkCue(k, end, c)
			if ok && c.prio > bestPrio {
				best = nlp.Judgment{Likelihood: lvl, Cue: x.span(k, end)}
				bestPrio = c.prio
			}
			k = end - 1 // the words of a matched phrase are used up
			break
		}
	}
	if bestPrio == 0 && conf == "" {
		return nlp.Judgment{}, false
	}
	best.Confidence = conf
	if bestPrio == 0 {
		best.Cue = confSpan
	}
	return best, true
}

func (x *sent) matches(k int, words []string) bool {
	for i, w := range words {
		if x.norm(k+i) != w {
			return false
		}
	}
	return true
}

var (
	mightOwners   = nlp.Words(`military its their his her the economic naval air great full`)
	possibleNot   = nlp.Words(`as where if whenever wherever made make makes making`)
	pastInability = nlp.Words(`not never n't`)
)

// checkCue rules out the words that only look estimative ("in May 2024",
// "military might", "as soon as possible", "could not reach") and
// applies a negation before the cue.
func (x *sent) checkCue(k, end int, c cue) (actorgraph.Likelihood, bool) {
	n := strings.Join(c.words, " ")
	prev := x.norm(k - 1)
	switch n {
	case "may":
		if x.tok(k).Cap && k > x.s.T0 || k+1 < x.s.T1 && x.tok(k+1).Kind == nlp.Number {
			return "", false // the month
		}
	case "might":
		if mightOwners.Has(prev) {
			return "", false
		}
	case "could":
		if pastInability.Has(x.norm(k + 1)) {
			return "", false
		}
	}
	// a modal inside a relative clause describes a noun ("attacks that
	// could harm civilians"); it does not judge
	if c.prio == 1 && (prev == "that" || prev == "which" || prev == "who") {
		return "", false
	}
	switch n {
	case "possible":
		if possibleNot.Has(prev) || prev == "it" && possibleNot.Has(x.norm(k-2)) {
			return "", false
		}
	case "risk", "risks":
		// "there is a risk that", "the risk of", "risks losing"; not a
		// heading's "Key risks" or "Risk Assessment"
		nx := x.norm(end)
		if prev == "at" || nx != "that" && nx != "of" && !strings.HasSuffix(nx, "ing") {
			return "", false
		}
	case "expect", "expects", "expected to":
		if prev == "as" {
			return "", false
		}
	case "doubt":
		if nx := x.norm(end); nx != "that" && nx != "whether" && nx != "the" {
			return "", false
		}
	}
	// a weak cue in a title-case heading ("A Regional Risk Assessment")
	if c.prio < 3 && x.tok(k).Cap && k > x.s.T0 {
		return "", false
	}
	lvl := c.level
	// "few analysts expect", "few expect": the opposite
	if prev == "few" || x.norm(k-2) == "few" {
		lvl = mirror(lvl)
	}
	// "not likely", "is not very likely", "no possibility"
	if negator(prev) || negator(x.norm(k-2)) && (prev == "very" || prev == "be" || prev == "so") {
		if prev == "no" && lvl == actorgraph.EvenChance {
			return actorgraph.AlmostNoChance, true
		}
		if c.words[0] != "no" && c.words[0] != "not" && c.prio > 1 {
			lvl = mirror(lvl)
		}
	}
	return lvl, true
}

// ---------------------------------------------------------------------------
// Conditionals

var notConditionalBefore = nlp.Words(`as even what ask asks asked asking wonder wonders wondered know knows knew
	unclear see saw check checked determine determined whether doubt`)
var notConditionalAfter = nlp.Words(`so any necessary possible anything ever at`)
var openers = nlp.Words(`but and yet however so even only`)

// conditional splits "if X, (then) Y" and "Y if X" (also "unless",
// "provided that", "as long as", "in the event that", "on condition that").
func (x *sent) conditional() (nlp.Judgment, bool) {
	tries := 0
	for k := x.s.T0; k < x.s.T1 && tries < maxTries; k++ {
		n := x.norm(k)
		var mEnd int
		switch {
		case n == "if" || n == "unless":
			if notConditionalBefore.Has(x.norm(k-1)) || notConditionalAfter.Has(x.norm(k+1)) ||
				n == "if" && x.norm(k+1) == "not" {
				continue
			}
			mEnd = k + 1
		case (n == "provided" || n == "providing") && x.norm(k+1) == "that":
			mEnd = k + 2
		case (n == "as" || n == "so") && x.norm(k+1) == "long" && x.norm(k+2) == "as" && x.norm(k-1) != "for":
			mEnd = k + 3
		case n == "in" && x.norm(k+1) == "the" && x.norm(k+2) == "event" && (x.norm(k+3) == "that" || x.norm(k+3) == "of"):
			mEnd = k + 4
		case n == "on" && x.norm(k+1) == "condition" && x.norm(k+2) == "that":
			mEnd = k + 3
		default:
			continue
		}
		tries++
		j := nlp.Judgment{Conditional: true, Cue: x.span(k, mEnd)}
		// fronted: at the start of the sentence or of a clause
		first := x.s.T0
		for first < k && (x.tok(first).Kind == nlp.Punct || openers.Has(x.norm(first))) {
			first++
		}
		if first == k || x.norm(k-1) == "," || x.norm(k-1) == ";" {
			// the condition runs to "then" or the first comma
			c := mEnd
			for c < x.s.T1 && c < mEnd+maxClause && x.norm(c) != "," && x.norm(c) != "then" && x.norm(c) != ";" {
				c++
			}
			if c >= x.s.T1 || c >= mEnd+maxClause || c-mEnd < 2 {
				continue
			}
			r := c + 1
			if x.norm(r) == "then" {
				r++
			}
			// an aside after the condition: "if X, if not Y, Z"
			for r < x.s.T1 && (x.norm(r) == "if" || x.norm(r) == "or" && x.norm(r+1) == "if") {
				for r < x.s.T1 && x.norm(r) != "," {
					r++
				}
				r++
			}
			if r >= x.s.T1 {
				continue
			}
			e := x.clauseEnd(r)
			if e-r < 2 {
				continue
			}
			j.Condition, j.Consequence = x.span(mEnd, c), x.span(r, e)
			return j, true
		}
		// trailing: "Y if X"
		start := first
		if k-start < 2 {
			continue
		}
		e := x.clauseEnd(mEnd)
		if e-mEnd < 2 {
			continue
		}
		cEnd := k
		if x.norm(cEnd-1) == "," {
			cEnd--
		}
		j.Consequence, j.Condition = x.span(start, cEnd), x.span(mEnd, e)
		return j, true
	}
	return nlp.Judgment{}, false
}

// Bounds that keep the stage linear in a sentence of any length: a clause
// is read over at most maxClause tokens, and at most maxTries condition
// words of a sentence are tried.
const (
	maxClause = 80
	maxTries  = 8
)

// clauseEnd is the end of the clause that starts at k: the next
// semicolon, or the sentence's end without its final punctuation.
func (x *sent) clauseEnd(k int) int {
	e := k
	for e < x.s.T1 && e < k+maxClause && x.norm(e) != ";" {
		e++
	}
	for e > k && x.tok(e-1).Kind == nlp.Punct && x.norm(e-1) != ")" && x.norm(e-1) != "\"" {
		e--
	}
	return e
}

// ---------------------------------------------------------------------------
// Commitments

// promiseVerbs are the cues of a commitment; "to" or "that" (or a
// beneficiary) must follow them.
var promiseVerbs = nlp.Words(`pledge pledged pledges pledging promise promised promises promising vow vowed vows
	vowing guarantee guaranteed guarantees guaranteeing commit commits committed committing agree agreed agrees
	agreeing undertake undertook undertaken undertakes undertaking swear swore sworn swears assure assured assures
	assuring`)

// promiseNouns are cues after a possessive or as a subject: "the Taliban's
// pledge not to ...".
var promiseNouns = nlp.Words(`pledge pledges promise promises commitment commitments guarantee guarantees assurance
	assurances undertaking vow`)

var notPromised = nlp.Words(`allegiance loyalty fealty`)
var refusal = nlp.Words(`refused refuses refusing declined declines failed fails failing`)
var passiveAux = nlp.Words(`was were been be being is are`)

// reversers turn what follows into its opposite: "stop attacking",
// "cease support for", "deny safe haven to".
var reversers = nlp.Words(`stop stops stopped stopping cease ceases ceased ceasing halt halts halted halting end ends
	ending suspend suspends suspended suspending refrain refrains refrained refraining abandon abandons abandoned
	quit quits hesitate hesitates hesitated renounce renounces renounced renouncing disavow disavows disavowed cut cuts cutting sever severs
	severed severing break breaks breaking deny denies denied denying expel expels expelled expelling evict evicts
	evicted evicting prevent prevents prevented preventing withdraw withdraws withdrew withdrawn withdrawing
	leave leaves leaving pull distance distances distancing dissociate`)

// promised maps a word to the relation it promises. "host" needs its
// object; "allow" needs a word of presence later in the clause.
var promised = func() map[string]actorgraph.RelationType {
	m := map[string]actorgraph.RelationType{}
	add := func(t actorgraph.RelationType, list string) {
		for _, w := range strings.Fields(list) {
			m[w] = t
		}
	}
	add(actorgraph.Hosts, `host hosts hosting hosted harbour harbor harbours harbors harbouring harboring shelter
		shelters sheltering sanctuary haven havens refuge allow allows allowing permit permits permitting let
		tolerate tolerating expel expelling evict evicting`)
	add(actorgraph.Attacks, `attack attacks attacking strike strikes striking target targeting shell shelling bomb
		bombing raid raids raiding assault assaults hostilities fire firing ceasefire cease-fire truce offensive
		offensives operations`)
	add(actorgraph.Supports, `support supporting back backing fund funding finance financing arm arming supply
		supplying aid aiding assist assisting help helping train training troops weapons arms assistance funds
		money`)
	add(actorgraph.Ally, `cooperate cooperating collaborate collaborating ally partner ties links relations`)
	add(actorgraph.LocatedIn, `withdraw withdrawing pull leave leaving`)
	add(actorgraph.Condemns, `condemn condemning denounce denouncing`)
	add(actorgraph.Rival, `fight fighting combat combating`)
	return m
}()

var presence = nlp.Words(`operate operating use using territory soil stay remain reside based haven sanctuary camps
	train training live return presence base bases plot plan launch`)
var supplies = nlp.Words(`troops weapons arms assistance funds money`)
var inherentlyNegative = nlp.Words(`expel expelling evict evicting ceasefire cease-fire truce withdraw withdrawing
	pull leave leaving`)

var monthRE = `(?:January|February|March|April|May|June|July|August|September|October|November|December)`
var whenRE = regexp.MustCompile(`\b(?:\d{1,2} ` + monthRE + `,? \d{4}|` + monthRE + ` \d{1,2}, \d{4}|` + monthRE +
	` \d{4}|(?:[Ii]n|[Bb]y|[Ss]ince|[Dd]uring|[Uu]ntil) (?:early |late |mid-)?\d{4})\b`)

// trimWhen drops the preposition of a date found by whenRE.
func trimWhen(m string) string {
	for _, pre := range []string{"in ", "by ", "since ", "during ", "until ", "In ", "By ", "Since ", "During ", "Until "} {
		m = strings.TrimPrefix(m, pre)
	}
	return m
}

// commitments reads the sentence's pledges and promises.
func (x *sent) commitments() []nlp.Commitment {
	var out []nlp.Commitment
	for k := x.s.T0; k < x.s.T1; k++ {
		n := x.norm(k)
		if truceVerbs.Has(n) && !negator(x.norm(k-1)) && !refusal.Has(x.norm(k-2)) {
			if cs := x.truce(k); len(cs) > 0 {
				out = append(out, cs...)
				continue
			}
		}
		verb := promiseVerbs.Has(n)
		noun := !verb && promiseNouns.Has(n)
		if !verb && !noun {
			continue
		}
		// a verb cue: not a refusal, not passive, not "committed attacks"
		if refusal.Has(x.norm(k-1)) || refusal.Has(x.norm(k-2)) && x.norm(k-1) == "to" ||
			negator(x.norm(k-1)) || verb && passiveAux.Has(x.norm(k-1)) {
			continue
		}
		next := x.norm(k + 1)
		if notPromised.Has(next) {
			continue
		}
		if strings.HasPrefix(n, "commit") && next != "to" && next != "itself" && next != "themselves" && next != "that" {
			continue
		}
		if strings.HasPrefix(n, "agree") && next != "to" && next != "that" && next != "with" && next != "not" && next != "on" {
			continue
		}
		if noun && next != "to" && next != "not" && next != "that" && next != "of" && next != "by" {
			continue
		}
		c, ok := x.commitment(k)
		if ok {
			out = append(out, c)
		}
	}
	return out
}

// mentionAt is the mention starting at token k, or -1.
func (x *sent) mentionAt(k int) int {
	if i, ok := x.at[k]; ok {
		return i
	}
	return -1
}

func (x *sent) entityType(mi int) actorgraph.EntityType {
	return x.d.Entities[x.d.Mentions[mi].Entity].Type
}

// promiser is who made the commitment whose cue is token k: the possessor
// of a noun cue, or the nearest actor before the cue.
func (x *sent) promiser(k int) int {
	if mi := x.promiserMention(k); mi >= 0 {
		return x.d.Mentions[mi].Entity
	}
	return -1
}

// promiserMention is the mention of the nearest actor before token k.
func (x *sent) promiserMention(k int) int {
	for t := k - 1; t >= x.s.T0 && t >= k-maxClause; t-- {
		if x.norm(t) == ";" {
			break
		}
		for mi := range x.mentionsEndingAt(t) {
			if x.entityType(mi).IsActor() {
				return mi
			}
		}
	}
	return -1
}

// truceVerbs conclude an agreement to stop fighting: "Israel and
// Hezbollah agreed to a ceasefire", "the junta signed a truce with the
// rebels", "a peace deal between X and Y".
var truceVerbs = nlp.Words(`sign signed signs signing agree agreed agrees reach reached reaches conclude concluded
	accept accepted accepts`)
var truceNouns = nlp.Words(`ceasefire cease-fire truce armistice`)
var peaceNouns = nlp.Words(`agreement deal accord treaty`)

// truce reads a ceasefire or peace agreement concluded with the verb at
// token k: each party promises not to attack the other.
func (x *sent) truce(k int) []nlp.Commitment {
	w := -1
	for t := k + 1; t < x.s.T1 && t <= k+5; t++ {
		n := x.norm(t)
		if truceNouns.Has(n) || n == "non-aggression" || n == "peace" && peaceNouns.Has(x.norm(t+1)) {
			w = t
			if n != "ceasefire" && n != "cease-fire" && n != "truce" && n != "armistice" {
				w = t + 1
			}
			break
		}
		if n == "," || n == ";" || n == "that" {
			break
		}
	}
	if w < 0 {
		return nil
	}
	a, b := -1, -1
	if mi := x.promiserMention(k); mi >= 0 {
		a = x.d.Mentions[mi].Entity
		// "Israel and Hezbollah agreed": the coordinated partner
		if t := x.d.Mentions[mi].T0; x.norm(t-1) == "and" {
			for m2 := range x.mentionsEndingAt(t - 2) {
				if x.entityType(m2).IsActor() {
					a, b = x.d.Mentions[m2].Entity, a // in text order
					break
				}
			}
		}
	}
	// "with X", "between X and Y"
	if p := w + 1; x.norm(p) == "with" || x.norm(p) == "between" {
		var found []int
		for t := p + 1; t < x.s.T1 && t <= p+10 && len(found) < 2; t++ {
			if n := x.norm(t); n == "," || n == ";" {
				break
			}
			if mi := x.mentionAt(t); mi >= 0 && x.entityType(mi).IsActor() {
				found = append(found, x.d.Mentions[mi].Entity)
				t = x.d.Mentions[mi].T1 - 1
			}
		}
		switch {
		case x.norm(p) == "between" && len(found) == 2:
			a, b = found[0], found[1]
		case len(found) > 0 && b < 0:
			b = found[0]
		}
	}
	if a < 0 || b < 0 || a == b {
		return nil
	}
	var when string
	if m := whenRE.FindString(x.d.Text[x.s.Start:x.s.End]); m != "" {
		when = trimWhen(m)
	}
	cue := x.span(k, w+1)
	return []nlp.Commitment{
		{Sentence: x.i, Cue: cue, Actor: a, To: b, Type: actorgraph.Attacks, Source: a, Target: b, Negated: true, When: when},
		{Sentence: x.i, Cue: cue, Actor: b, To: a, Type: actorgraph.Attacks, Source: b, Target: a, Negated: true, When: when},
	}
}

// mentionsEndingAt yields the mentions whose last token is t.
func (x *sent) mentionsEndingAt(t int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for s := t; s >= x.s.T0 && s > t-8; s-- {
			if mi := x.mentionAt(s); mi >= 0 && x.d.Mentions[mi].T1 == t+1 {
				if !yield(mi) {
					return
				}
			}
		}
	}
}

var determiners = nlp.Words(`the a an its their his her any other`)
var prepositions = nlp.Words(`to of on in for at from by with about after against`)

// commitment reads one commitment whose cue is token k.
func (x *sent) commitment(k int) (nlp.Commitment, bool) {
	actor := x.promiser(k)
	if actor < 0 {
		return nlp.Commitment{}, false
	}
	c := nlp.Commitment{Sentence: x.i, Cue: x.span(k, k+1), Actor: actor, To: -1, Source: actor, Target: -1}
	p := k + 1
	// "committed itself to", "agreed with X to", "pledged to X that", "promised X that"
	if x.norm(p) == "itself" || x.norm(p) == "themselves" {
		p++
	}
	q := p
	if x.norm(q) == "to" || x.norm(q) == "with" {
		q++
	}
	for determiners.Has(x.norm(q)) && q < p+3 {
		q++
	}
	if mi := x.mentionAt(q); mi >= 0 && x.d.Mentions[mi].Entity != actor && x.entityType(mi).IsActor() {
		after := x.norm(x.d.Mentions[mi].T1)
		if after == "that" || after == "to" || after == "not" || after == "," || after == "it" || after == "they" {
			c.To = x.d.Mentions[mi].Entity
			p = x.d.Mentions[mi].T1
			if after == "," {
				p++
			}
		}
	}
	if m := whenRE.FindString(x.d.Text[x.s.Start:x.s.End]); m != "" {
		c.When = trimWhen(m)
	}
	if x.promisedRelation(&c, p) {
		return c, true
	}
	// the relation stage may already have read the promised relation
	for _, r := range x.d.Relations {
		if r.Sentence == x.i && r.Source == actor && r.Type != actorgraph.Leads && r.Type != actorgraph.MemberOf &&
			r.Modality == actorgraph.Possible {
			c.Type, c.Target, c.Negated = r.Type, r.Target, r.Negated
			return c, true
		}
	}
	return c, false
}

// promisedRelation reads, from token p on, the relation a commitment
// promises: "not to host X", "that it would not allow X to operate",
// "to stop attacks on X", "to withdraw from X".
func (x *sent) promisedRelation(c *nlp.Commitment, p int) bool {
	neg := false
	end := x.s.T1
	for k := p; k < x.s.T1 && k < p+maxClause; k++ {
		n := x.norm(k)
		if n == ";" || n == "," && (x.norm(k+1) == "but" || x.norm(k+1) == "while" || x.norm(k+1) == "although" ||
			x.norm(k+1) == "though" || x.norm(k+1) == "whereas") {
			end = k
			break
		}
	}
	for k := p; k < end && k < p+25; k++ {
		n := x.norm(k)
		if negator(n) {
			neg = !neg
			continue
		}
		t, ok := promised[n]
		if reversers.Has(n) && !(ok && inherentlyNegative.Has(n)) {
			// "stop attacking": the reverser, then the relation word
			if !ok {
				neg = !neg
				continue
			}
		}
		if !ok {
			continue
		}
		// a mention inside the words we read is the target
		if mi := x.mentionAt(k); mi >= 0 {
			continue
		}
		// a noun in a prepositional phrase is not the promised act
		// ("vowed to respond to the strike"), unless a truce or a gift
		if determiners.Has(x.norm(k-1)) && prepositions.Has(x.norm(k-2)) && !inherentlyNegative.Has(n) &&
			x.norm(k+1) != "to" && x.norm(k+1) != "for" && x.norm(k+1) != "with" {
			continue
		}
		// "pledged troops to AUSSOM", but not "send troops into X"
		if supplies.Has(n) && x.norm(k+1) != "to" && x.norm(k+1) != "for" {
			continue
		}
		if inherentlyNegative.Has(n) {
			neg = !neg
		}
		if t == actorgraph.Hosts && (n == "allow" || n == "allows" || n == "allowing" || n == "permit" ||
			n == "permits" || n == "permitting" || n == "let" || n == "tolerate" || n == "tolerating") &&
			!x.hasAny(k+1, end, presence) {
			continue
		}
		target := x.targetAfter(k+1, end, c.Actor, t)
		if target < 0 && c.To >= 0 && t != actorgraph.LocatedIn && t != actorgraph.Hosts {
			target = c.To
		}
		if target < 0 || target == c.Actor {
			continue
		}
		c.Type, c.Target, c.Negated = t, target, neg
		return true
	}
	return false
}

func (x *sent) hasAny(from, to int, set nlp.WordSet) bool {
	for k := from; k < to; k++ {
		if set[x.norm(k)] {
			return true
		}
	}
	return false
}

// targetAfter is the first entity named in [from, to) that can be the
// target of a promised relation of type t.
func (x *sent) targetAfter(from, to, actor int, t actorgraph.RelationType) int {
	for k := from; k < to && k < from+12; k++ {
		mi := x.mentionAt(k)
		if mi < 0 {
			continue
		}
		m := &x.d.Mentions[mi]
		if m.Entity == actor {
			k = m.T1 - 1
			continue
		}
		typ := x.entityType(mi)
		if t == actorgraph.LocatedIn && !typ.IsPlace() || t != actorgraph.LocatedIn && !typ.IsActor() {
			k = m.T1 - 1
			continue
		}
		return m.Entity
	}
	return -1
}
