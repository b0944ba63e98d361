// Package brief picks a document's key takeaways: the three to five
// sentences that carry its main judgments. It is an extractive summary
// over an extraction: estimative, conditional and commitment sentences
// come first, then the sentences whose relations touch the document's
// most connected actors; the chosen sentences are returned in document
// order, each with the reasons it was chosen.
//
// It is a pure function of the extraction; it imports only the root
// package and the standard library.
package brief

import (
	"fmt"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph"
)

// Bounds of a brief.
const (
	Min = 3
	Max = 5
)

// Scores of what a sentence carries.
const (
	judgmentScore   = 4.0
	commitmentScore = 4.0
	relationScore   = 1.0 // per relation, plus its actors' connectedness
)

type cand struct {
	sentence string
	span     actorgraph.Span
	score    float64
	reasons  []string
	strong   bool // carries a judgment or a commitment
	actors   map[string]bool
}

// Takeaways returns the key takeaways of extraction x: up to Max
// sentences (at least Min when the document has that many sentences with
// judgments, commitments or relations), in document order.
func Takeaways(x *actorgraph.Extraction) []actorgraph.Takeaway {
	names := map[string]string{}
	for _, e := range x.Entities {
		names[e.ID] = e.Name
	}
	// connectedness: distinct partners of each entity
	partners := map[string]map[string]bool{}
	link := func(a, b string) {
		if partners[a] == nil {
			partners[a] = map[string]bool{}
		}
		partners[a][b] = true
	}
	for _, r := range x.Relations {
		link(r.Source, r.Target)
		link(r.Target, r.Source)
	}
	maxDeg := 1
	for _, p := range partners {
		maxDeg = max(maxDeg, len(p))
	}
	central := centralActors(partners, 3)

	byStart := map[int]*cand{}
	get := func(text string, sp actorgraph.Span) *cand {
		c := byStart[sp.Start]
		if c == nil {
			c = &cand{sentence: text, span: sp, actors: map[string]bool{}}
			byStart[sp.Start] = c
		}
		return c
	}
	for _, j := range x.Judgments {
		c := get(j.Sentence, j.Span)
		c.strong = true
		c.score += judgmentScore
		switch {
		case j.Kind == actorgraph.Conditional && j.Likelihood != "":
			c.reasons = append(c.reasons, fmt.Sprintf("conditional judgment, %s (%q)", j.Likelihood, j.Cue))
		case j.Kind == actorgraph.Conditional:
			c.reasons = append(c.reasons, fmt.Sprintf("conditional judgment (%q)", j.Cue))
		case j.Likelihood != "":
			c.reasons = append(c.reasons, fmt.Sprintf("estimative judgment: %s (%q)", j.Likelihood, j.Cue))
		default:
			c.reasons = append(c.reasons, fmt.Sprintf("judgment stated with %s confidence", j.Confidence))
		}
	}
	for _, m := range x.Commitments {
		c := get(m.Sentence, m.Span)
		c.strong = true
		c.score += commitmentScore
		neg := ""
		if m.Negated {
			neg = "NOT "
		}
		c.reasons = append(c.reasons, fmt.Sprintf("commitment: %s %s (%s %s%s %s)", names[m.Actor], m.Cue,
			names[m.Source], neg, m.Type, names[m.Target]))
		c.actors[m.Actor] = true
	}
	for _, r := range x.Relations {
		c := get(r.Evidence.Text, r.Evidence.Span)
		c.score += relationScore + float64(len(partners[r.Source])+len(partners[r.Target]))/float64(2*maxDeg)
		if r.Modality == actorgraph.Asserted {
			c.score += 0.25
		}
		c.actors[r.Source], c.actors[r.Target] = true, true
	}
	var cands []*cand
	for _, c := range byStart {
		var hub []string
		for _, a := range central {
			if c.actors[a] {
				hub = append(hub, names[a])
			}
		}
		if len(hub) > 0 {
			c.reasons = append(c.reasons, "relations of the most connected actors: "+strings.Join(hub, ", "))
		} else if !c.strong {
			c.reasons = append(c.reasons, "relations between actors")
		}
		cands = append(cands, c)
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		return cands[i].span.Start < cands[j].span.Start
	})
	var chosen []*cand
	for _, c := range cands {
		if len(chosen) == Max {
			break
		}
		// past the minimum, only sentences that carry a judgment or
		// commitment or come close to the best one
		if len(chosen) >= Min && !c.strong && c.score < chosen[0].score/2 {
			break
		}
		chosen = append(chosen, c)
	}
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].span.Start < chosen[j].span.Start })
	out := make([]actorgraph.Takeaway, len(chosen))
	for i, c := range chosen {
		out[i] = actorgraph.Takeaway{Sentence: c.sentence, Span: c.span, Reasons: c.reasons,
			Score: float64(int(c.score*100+0.5)) / 100}
	}
	return out
}

// centralActors returns up to n entities with the most partners (at least
// two), most first.
func centralActors(partners map[string]map[string]bool, n int) []string {
	var ids []string
	for id, p := range partners {
		if len(p) >= 2 {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool {
		if len(partners[ids[i]]) != len(partners[ids[j]]) {
			return len(partners[ids[i]]) > len(partners[ids[j]])
		}
		return ids[i] < ids[j]
	})
	if len(ids) > n {
		ids = ids[:n]
	}
	return ids
}

// Report is a document's brief: its key takeaways, judgments and
// commitments, each citing its sentence.
type Report struct {
	Document    actorgraph.Document   `json:"document"` // without its text
	DocID       actorgraph.DocID      `json:"doc_id,omitempty"`
	Takeaways   []actorgraph.Takeaway `json:"takeaways"`
	Judgments   []actorgraph.Judgment `json:"judgments"`
	Commitments []Commitment          `json:"commitments"`
	// Names maps the entity ids of judgments' clauses to names.
	Names map[string]string `json:"names"`
}

// Commitment is a commitment with its actors named; in a stored
// document's brief, its entity ids are "actor:ID" for graph actors.
type Commitment struct {
	actorgraph.Commitment
	ActorName  string `json:"actor_name"`
	ToName     string `json:"to_name,omitempty"`
	SourceName string `json:"source_name"`
	TargetName string `json:"target_name"`
}

// Of is the brief of a document and its fresh extraction.
func Of(doc actorgraph.Document, x *actorgraph.Extraction) Report {
	doc.Text = ""
	r := Report{Document: doc, Names: map[string]string{}, Judgments: x.Judgments}
	for _, e := range x.Entities {
		r.Names[e.ID] = e.Name
	}
	for _, c := range x.Commitments {
		r.Commitments = append(r.Commitments, Commitment{c, r.Names[c.Actor], r.Names[c.To], r.Names[c.Source], r.Names[c.Target]})
	}
	r.Takeaways = Takeaways(x)
	return r.nonNil()
}

// OfStored is the brief of a stored document: its stored extraction,
// judgments and commitments (whose actors are the graph's).
func OfStored(doc actorgraph.StoredDocument, x actorgraph.Extraction, js []actorgraph.Judgment, cs []actorgraph.StoredCommitment) Report {
	d := doc.Document
	d.Text = ""
	r := Report{Document: d, DocID: doc.DocID, Names: map[string]string{}, Judgments: js}
	for _, e := range x.Entities {
		r.Names[e.ID] = e.Name
	}
	x.Judgments, x.Commitments = js, nil
	id := func(a actorgraph.ActorID, name string) string {
		if a == 0 && name == "" {
			return ""
		}
		k := fmt.Sprintf("actor:%d", a)
		if _, ok := r.Names[k]; !ok {
			r.Names[k] = name
			x.Entities = append(x.Entities, actorgraph.Entity{ID: k, Name: name})
		}
		return k
	}
	for _, c := range cs {
		m := actorgraph.Commitment{Actor: id(c.Actor, c.ActorName), To: id(c.To, c.ToName), Type: c.Type,
			Source: id(c.Source, c.SourceName), Target: id(c.Target, c.TargetName), Negated: c.Negated,
			Cue: c.Cue, When: c.When, Sentence: c.Sentence, Span: c.Span}
		x.Commitments = append(x.Commitments, m)
		r.Commitments = append(r.Commitments, Commitment{m, c.ActorName, c.ToName, c.SourceName, c.TargetName})
	}
	r.Takeaways = Takeaways(&x)
	return r.nonNil()
}

func (r Report) nonNil() Report {
	if r.Takeaways == nil {
		r.Takeaways = []actorgraph.Takeaway{}
	}
	if r.Judgments == nil {
		r.Judgments = []actorgraph.Judgment{}
	}
	if r.Commitments == nil {
		r.Commitments = []Commitment{}
	}
	return r
}
