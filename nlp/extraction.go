package nlp

import (
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph"
)

// NameOf returns the display name of entity e: its longest name mention
// that is neither an acronym nor an adjective, with a leading "the" dropped.
//
// A name of two words or more that comes first in the text wins over a
// longer one that comes later ("Fu'ad Shukr, also known as al-Hajj Mohsin").
func (d *Doc) NameOf(e *Entity) string {
	best, bestScore := "", -1
	for _, i := range e.Mentions {
		m := &d.Mentions[i]
		if m.Adj || m.Origin == FromCoref || m.Removed {
			continue
		}
		s := cleanName(d.MentionText(m))
		score := len(s)
		if m.Origin == FromAcronym || isUpper(s) {
			score = len(s) / 4
		} else if strings.Contains(s, " ") && m.KBID == "" {
			score += 1000 - m.Start/1000 // first full name in text order
		}
		if score > bestScore {
			best, bestScore = s, score
		}
	}
	return best
}

func isUpper(s string) bool { return strings.ToUpper(s) == s }

func cleanName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, p := range []string{"the ", "The "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

// Extraction converts the document's entities and relations into the
// domain form. Entities named only by adjectives ("Afghan") or only by
// reference ("the group") are left out, with their relations.
func (d *Doc) Extraction() actorgraph.Extraction {
	x := actorgraph.Extraction{Entities: []actorgraph.Entity{}, Relations: []actorgraph.Relation{}}
	ids := make([]string, len(d.Entities))
	for ei := range d.Entities {
		e := &d.Entities[ei]
		name := d.NameOf(e)
		if name == "" {
			continue
		}
		ids[ei] = fmt.Sprintf("e%d", len(x.Entities))
		out := actorgraph.Entity{ID: ids[ei], Name: name, Type: e.Type, KBID: e.KBID, KBName: e.KBName,
			Aliases: []string{}, Mentions: []actorgraph.Span{}}
		seen := map[string]bool{strings.ToLower(name): true}
		for _, mi := range e.Mentions {
			m := &d.Mentions[mi]
			if m.Removed {
				continue
			}
			out.Mentions = append(out.Mentions, actorgraph.Span{Start: m.Start, End: m.End})
			if m.Adj || m.Origin == FromCoref {
				continue
			}
			a := cleanName(d.MentionText(m))
			if k := strings.ToLower(a); !seen[k] {
				seen[k] = true
				out.Aliases = append(out.Aliases, a)
			}
		}
		// the knowledge base's name, so that "Lower Shabelle region" and
		// "Lower Shabelle" are recognisably one place
		if e.KBName != "" && !seen[strings.ToLower(e.KBName)] {
			out.Aliases = append(out.Aliases, e.KBName)
		}
		x.Entities = append(x.Entities, out)
	}
	type key struct {
		s, t string
		typ  actorgraph.RelationType
		neg  bool
	}
	at := map[key]int{}
	for _, r := range d.Relations {
		if r.Source < 0 || r.Target < 0 || r.Source >= len(ids) || r.Target >= len(ids) {
			continue
		}
		s, t := ids[r.Source], ids[r.Target]
		if s == "" || t == "" || s == t {
			continue
		}
		k := key{s, t, r.Type, r.Negated}
		if r.Type.Symmetric() && t < s {
			k.s, k.t = t, s
		}
		sent := d.Sentences[r.Sentence]
		rel := actorgraph.Relation{Source: s, Type: r.Type, Target: t, Negated: r.Negated, Modality: r.Modality,
			Evidence: actorgraph.Evidence{Text: d.Text[sent.Start:sent.End],
				Span: actorgraph.Span{Start: sent.Start, End: sent.End}, Trigger: r.Trigger}}
		if i, ok := at[k]; ok {
			if r.Modality.Strength() > x.Relations[i].Modality.Strength() {
				x.Relations[i] = rel
			}
			continue
		}
		at[k] = len(x.Relations)
		x.Relations = append(x.Relations, rel)
	}
	d.analysisInto(&x, ids)
	return x
}
