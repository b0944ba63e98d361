package nlp

import (
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph"
)

// Judgment is an estimative or conditional sentence, found by the
// judgment stage.
type Judgment struct {
	Sentence   int // index into Doc.Sentences
	Likelihood actorgraph.Likelihood
	Confidence string          // "high", "moderate", "low" or ""
	Cue        actorgraph.Span // the words that set the likelihood (or the condition)
	// Conditional judgments: the condition and the consequence (byte spans).
	Conditional            bool
	Condition, Consequence actorgraph.Span
}

// Commitment is a pledge or promise, found by the judgment stage: Actor
// promised that relation (Source, Type, Target, Negated) will hold.
type Commitment struct {
	Sentence       int
	Cue            actorgraph.Span
	Actor, To      int // indices into Doc.Entities; To is -1 when not stated
	Type           actorgraph.RelationType
	Source, Target int
	Negated        bool
	When           string
}

// analysisInto adds the document's judgments and commitments to x, whose
// entity ids are ids (by entity index; "" for entities left out).
// Commitments whose actors were left out are dropped.
func (d *Doc) analysisInto(x *actorgraph.Extraction, ids []string) {
	id := func(e int) string {
		if e < 0 || e >= len(ids) {
			return ""
		}
		return ids[e]
	}
	var byStart []int // mention indices by start, built for the first clause
	for _, j := range d.Judgments {
		if j.Sentence < 0 || j.Sentence >= len(d.Sentences) {
			continue
		}
		s := d.Sentences[j.Sentence]
		out := actorgraph.Judgment{Kind: actorgraph.Estimative, Likelihood: j.Likelihood, Confidence: j.Confidence,
			Cue: d.Text[j.Cue.Start:j.Cue.End], CueSpan: j.Cue,
			Sentence: d.Text[s.Start:s.End], Span: actorgraph.Span{Start: s.Start, End: s.End}}
		if j.Conditional {
			out.Kind = actorgraph.Conditional
			if byStart == nil {
				byStart = make([]int, len(d.Mentions))
				for i := range byStart {
					byStart[i] = i
				}
				sort.SliceStable(byStart, func(a, b int) bool { return d.Mentions[byStart[a]].Start < d.Mentions[byStart[b]].Start })
			}
			out.Condition = d.clause(j.Condition, ids, byStart)
			out.Consequence = d.clause(j.Consequence, ids, byStart)
		}
		x.Judgments = append(x.Judgments, out)
	}
	for _, c := range d.Commitments {
		if c.Sentence < 0 || c.Sentence >= len(d.Sentences) {
			continue
		}
		actor, src, dst := id(c.Actor), id(c.Source), id(c.Target)
		if actor == "" || src == "" || dst == "" || src == dst {
			continue
		}
		s := d.Sentences[c.Sentence]
		x.Commitments = append(x.Commitments, actorgraph.Commitment{Actor: actor, To: id(c.To), Type: c.Type,
			Source: src, Target: dst, Negated: c.Negated, Cue: d.Text[c.Cue.Start:c.Cue.End], When: c.When,
			Sentence: d.Text[s.Start:s.End], Span: actorgraph.Span{Start: s.Start, End: s.End}})
	}
}

// clause is the text of span sp with the ids of the entities mentioned in
// it; byStart lists the mentions in order of their start.
func (d *Doc) clause(sp actorgraph.Span, ids []string, byStart []int) *actorgraph.Clause {
	c := &actorgraph.Clause{Text: strings.TrimSpace(d.Text[sp.Start:sp.End]), Span: sp, Actors: []string{}}
	seen := map[string]bool{}
	from := sort.Search(len(byStart), func(i int) bool { return d.Mentions[byStart[i]].Start >= sp.Start })
	for _, i := range byStart[from:] {
		m := &d.Mentions[i]
		if m.Start >= sp.End {
			break
		}
		if m.Removed || m.Entity < 0 || m.Entity >= len(ids) || m.End > sp.End {
			continue
		}
		if id := ids[m.Entity]; id != "" && !seen[id] {
			seen[id] = true
			c.Actors = append(c.Actors, id)
		}
	}
	return c
}
