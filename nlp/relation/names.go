package relation

import (
	"strings"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/nlp"
)

// partWords in a name after another organisation's name make the named
// body a part of it: "African Union Transition Mission in Somalia",
// "Islamic State West Africa Province", "al-Qaeda in the Islamic Maghreb".
var partWords = nlp.Words(`mission province branch wing division command council office bureau affiliate
	chapter section unit directorate commission secretariat`)

// nameParts reads AFFILIATE_OF from names that contain the name of
// another organisation or group the document names on its own. The
// evidence is the sentence of the first mention by the longer name.
func nameParts(d *nlp.Doc) []nlp.Relation {
	type form struct {
		ent  int
		text string // folded, hyphens as spaces
	}
	folded := func(m *nlp.Mention) string {
		return strings.Join(strings.Fields(strings.ReplaceAll(nlp.Fold(d.MentionText(m)), "-", " ")), " ")
	}
	isBody := func(t actorgraph.EntityType) bool { return t == actorgraph.Org || t == actorgraph.ArmedGroup }
	// one entry per distinct (entity, surface form): a long document names
	// the same actor many times
	var forms []form
	seenForm := map[form]bool{}
	type long struct {
		ent  int
		text string
		mi   int
	}
	var longs []long
	seenLong := map[form]bool{}
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Removed || m.Adj || m.Origin == nlp.FromCoref || m.Entity < 0 || !isBody(d.Entities[m.Entity].Type) {
			continue
		}
		f := form{m.Entity, strings.TrimPrefix(folded(m), "the ")}
		if !seenForm[f] {
			seenForm[f] = true
			forms = append(forms, f)
		}
		if m.T1-m.T0 >= 3 && !seenLong[f] {
			seenLong[f] = true
			longs = append(longs, long{m.Entity, f.text, i})
		}
	}
	var out []nlp.Relation
	done := map[[2]int]bool{}
	for _, l := range longs {
		for _, f := range forms {
			if f.ent == l.ent || done[[2]int{l.ent, f.ent}] || len(f.text) >= len(l.text) ||
				!strings.HasPrefix(l.text, f.text) || l.text[len(f.text)] != ' ' {
				continue
			}
			rest := strings.Fields(l.text[len(f.text)+1:])
			if len(rest) == 0 {
				continue
			}
			part := rest[0] == "in" || rest[0] == "of" || rest[0] == "for"
			for _, w := range rest {
				part = part || partWords[w]
			}
			if !part {
				continue
			}
			done[[2]int{l.ent, f.ent}] = true
			m := &d.Mentions[l.mi]
			si := d.SentenceOf(m.T0)
			if si < 0 {
				continue
			}
			out = append(out, nlp.Relation{Source: l.ent, Target: f.ent, Type: actorgraph.AffiliateOf,
				Modality: actorgraph.Asserted, Sentence: si, Trigger: "name: " + d.MentionText(m)})
		}
	}
	return out
}
