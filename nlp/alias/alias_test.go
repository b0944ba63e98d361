package alias_test

import (
	"os"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/kb"
	"github.com/actorgraph/actorgraph/nlp"
	"github.com/actorgraph/actorgraph/nlp/pipeline"
)

// knownIssue skips a test of behaviour the code does not have yet. Set
// ACTORGRAPH_KNOWN_ISSUES=1 to run such tests.
func knownIssue(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("ACTORGRAPH_KNOWN_ISSUES") == "" {
		t.Skip("known issue: " + what)
	}
}

// tinyKB is a knowledge base written for these tests.
const tinyKB = `
COUNTRY nga | Nigeria | adj: Nigerian
COUNTRY afg | Afghanistan | adj: Afghan
ARMED_GROUP aq | al-Qaeda | aka: AQ
ARMED_GROUP taliban | Taliban | aka: Islamic Emirate
LOCATION kabul | Kabul | in: afg
`

// upTo returns the pipeline's stages up to and including the named one,
// over the tiny knowledge base.
func upTo(t *testing.T, last string) nlp.Pipeline {
	t.Helper()
	k := kb.New()
	if err := k.Add(strings.NewReader(tinyKB), "tiny.kb"); err != nil {
		t.Fatal(err)
	}
	x, err := pipeline.New(k, "")
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range x.Stages() {
		if s.Name() == last {
			return x.Stages()[:i+1]
		}
	}
	t.Fatalf("no stage %q", last)
	return nil
}

type aliasCase struct {
	name string
	text string
	// groups lists surfaces that must all be mentions of one entity; a
	// first element "=TYPE" gives the entity's type.
	groups [][]string
	// apart lists pairs of surfaces that must be different entities.
	apart [][2]string
	// dropped lists surfaces that must not name any entity.
	dropped []string
}

// entitiesOf maps each surface to the entities its live mentions belong to.
func entitiesOf(d *nlp.Doc) map[string][]int {
	out := map[string][]int{}
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Removed || m.Entity < 0 {
			continue
		}
		s := d.MentionText(m)
		out[s] = append(out[s], m.Entity)
	}
	return out
}

func runAliasCases(t *testing.T, cases []aliasCase) {
	t.Helper()
	stages := upTo(t, "alias")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := nlp.NewDoc(c.text)
			stages.Run(d)
			checkInvariants(t, d)
			ents := entitiesOf(d)
			dump := func() string {
				var b strings.Builder
				for _, e := range d.Entities {
					b.WriteString("\n  ")
					b.WriteString(string(e.Type))
					b.WriteString(":")
					for _, mi := range e.Mentions {
						b.WriteString(" [" + d.MentionText(&d.Mentions[mi]) + "]")
					}
				}
				return b.String()
			}
			for _, g := range c.groups {
				typ := ""
				if strings.HasPrefix(g[0], "=") {
					typ, g = g[0][1:], g[1:]
				}
				ent := -1
				for _, s := range g {
					es := ents[s]
					if len(es) == 0 {
						t.Errorf("%q: %q names no entity;%s", c.text, s, dump())
						continue
					}
					for _, e := range es {
						if ent == -1 {
							ent = e
						}
						if e != ent {
							t.Errorf("%q: want %q in one entity;%s", c.text, g, dump())
						}
					}
				}
				if typ != "" && ent >= 0 && string(d.Entities[ent].Type) != typ {
					t.Errorf("%q: %q is %s, want %s", c.text, g, d.Entities[ent].Type, typ)
				}
			}
			for _, p := range c.apart {
				a, b := ents[p[0]], ents[p[1]]
				if len(a) == 0 || len(b) == 0 {
					t.Errorf("%q: want both %q and %q to name entities;%s", c.text, p[0], p[1], dump())
					continue
				}
				if a[0] == b[0] {
					t.Errorf("%q: %q and %q must be different entities;%s", c.text, p[0], p[1], dump())
				}
			}
			for _, s := range c.dropped {
				if len(ents[s]) > 0 {
					t.Errorf("%q: %q must be dropped;%s", c.text, s, dump())
				}
			}
		})
	}
}

// checkInvariants checks that entities and mentions agree.
func checkInvariants(t *testing.T, d *nlp.Doc) {
	t.Helper()
	seen := map[int]bool{}
	for ei, e := range d.Entities {
		if len(e.Mentions) == 0 || !e.Type.Valid() {
			t.Fatalf("entity %d: %d mentions, type %q", ei, len(e.Mentions), e.Type)
		}
		strong := false
		for _, mi := range e.Mentions {
			m := &d.Mentions[mi]
			if m.Entity != ei || m.Removed || seen[mi] {
				t.Fatalf("entity %d lists mention %d (entity %d, removed %v, listed twice %v)", ei, mi, m.Entity, m.Removed, seen[mi])
			}
			if m.Type != e.Type {
				t.Fatalf("mention %q has type %s in a %s entity", d.MentionText(m), m.Type, e.Type)
			}
			seen[mi] = true
			strong = strong || !m.Weak
		}
		if !strong {
			t.Fatalf("entity %d has only weak mentions", ei)
		}
	}
	for mi := range d.Mentions {
		m := &d.Mentions[mi]
		if !m.Removed && !seen[mi] {
			t.Fatalf("live mention %q is in no entity", d.MentionText(m))
		}
	}
}

func TestDefinitions(t *testing.T) {
	runAliasCases(t, []aliasCase{
		{name: "parenthetical acronym", text: "Fighters of the Kivu Defence Front (KDF) seized a bridge. The KDF later withdrew.",
			groups: [][]string{{"=ARMED_GROUP", "Kivu Defence Front", "KDF"}}},
		{name: "acronym, formerly, or", text: "Members of the Sahel Unity Front (SUF, formerly the Desert Liberation Movement or DLM) met. The DLM name is gone.",
			groups: [][]string{{"=ARMED_GROUP", "Sahel Unity Front", "SUF", "Desert Liberation Movement", "DLM"}}},
		{name: "formerly", text: "The Sahel Salvation Front, formerly the Gao Patriotic Movement, signed the deal.",
			groups: [][]string{{"Sahel Salvation Front", "Gao Patriotic Movement"}}},
		{name: "formerly known as", text: "The Lion Brigade, formerly known as the Usud Battalion, shelled the port.",
			groups: [][]string{{"Lion Brigade", "Usud Battalion"}}},
		{name: "also known as", text: "The Lion Brigade, also known as the Usud Battalion, shelled the port.",
			groups: [][]string{{"=ARMED_GROUP", "Lion Brigade", "Usud Battalion"}}},
		{name: "a.k.a.", text: "Fighters of the Lion Brigade, a.k.a. the Usud Battalion, shelled the port.",
			groups: [][]string{{"Lion Brigade", "Usud Battalion"}}},
		{name: "now known as", text: "The Sahel Unity Front, now known as the Desert Front, met.",
			groups: [][]string{{"Sahel Unity Front", "Desert Front"}}},
		{name: "translation in brackets", text: "Rebels of the Lion Brigade (Liwa al-Asad) shelled the port.",
			groups: [][]string{{"Lion Brigade", "Liwa al-Asad"}}},
		{name: "a bare 'or' outside brackets is no definition", text: "The Lion Brigade, or the Usud Battalion, shelled the port.",
			apart: [][2]string{{"Lion Brigade", "Usud Battalion"}}},
		{name: "two KB entries are never merged", text: "The Taliban, also known as al-Qaeda, met.",
			apart: [][2]string{{"Taliban", "al-Qaeda"}}},
		{name: "an adjective in brackets is no alias", text: "The Sahel Unity Front (Afghan) met.",
			apart: [][2]string{{"Sahel Unity Front", "Afghan"}}},
		{name: "KB aliases are one entity", text: "The Taliban, or the Islamic Emirate as it calls itself, held Kabul.",
			groups: [][]string{{"Taliban", "Islamic Emirate"}}, apart: [][2]string{{"Taliban", "Kabul"}}},
	})
}

func TestLaterMentions(t *testing.T) {
	runAliasCases(t, []aliasCase{
		{name: "surname", text: "Defence Minister Karim Haddad arrived on Monday. Officials said Haddad would stay.",
			groups: [][]string{{"=PERSON", "Karim Haddad", "Haddad"}}},
		{name: "al- surname", text: "Commander Rashid al-Tamimi led the raid. Witnesses said al-Tamimi escaped.",
			groups: [][]string{{"=PERSON", "Rashid al-Tamimi", "al-Tamimi"}}},
		{name: "surname of an untitled name", text: "Omar Haddad spoke first. Haddad then left.",
			groups: [][]string{{"Omar Haddad", "Haddad"}}},
		{name: "shared surname is ambiguous", text: "Omar Haddad met Leila Haddad in the capital. Later, Haddad said the talks went well.",
			apart: [][2]string{{"Omar Haddad", "Leila Haddad"}, {"Omar Haddad", "Haddad"}, {"Leila Haddad", "Haddad"}}},
		{name: "acronym from initials", text: "The Northern Coast Guard Authority seized a boat. A day later the NCGA released it.",
			groups: [][]string{{"=ORG", "Northern Coast Guard Authority", "NCGA"}}},
		{name: "repeated name", text: "The Zarqa Liberation Front attacked. Later the Zarqa Liberation Front withdrew.",
			groups: [][]string{{"Zarqa Liberation Front"}}},
		{name: "shorter name of an organisation", text: "The Kharzan Centre for Strategic Studies published a survey. Later the Centre for Strategic Studies said more.",
			groups: [][]string{{"=ORG", "Kharzan Centre for Strategic Studies", "Centre for Strategic Studies"}}},
		{name: "a shorter name of another kind is not linked", text: "Fighters of the Kharzan Valley Front met. Later the Kharzan Valley was shelled.",
			apart: [][2]string{{"Kharzan Valley Front", "Kharzan Valley"}}},
	})
}

func TestWeakDropped(t *testing.T) {
	runAliasCases(t, []aliasCase{
		{name: "lone unknown word", text: "The convoy reached Gorovo before dawn.", dropped: []string{"Gorovo"}},
		{name: "sentence-initial plural", text: "Villagers fled the Kharzan Valley.",
			groups: [][]string{{"=LOCATION", "Kharzan Valley"}}, dropped: []string{"Villagers"}},
		{name: "undefined acronym", text: "The KDF said it would respond.", dropped: []string{"KDF"}},
		{name: "headline", text: "Border Guards Detain Smugglers Near Frontier", dropped: []string{"Border Guards Detain Smugglers Near Frontier"}},
		{name: "weak name linked to a strong one is kept", text: "Mustafa Kerimov, the commander, arrived. Kerimov said little.",
			groups: [][]string{{"=PERSON", "Mustafa Kerimov", "Kerimov"}}},
		{name: "weak single name linked by surname", text: "Officials met Jonas Albrecht on Monday.\n\nAlbrecht spoke first.",
			groups: [][]string{{"Jonas Albrecht", "Albrecht"}}},
	})
}

// An unknown acronym that is never defined nor introduced by a cue word
// is dropped even when it repeats: "the COAS said" twice is a title, not
// an actor. (Decided; the names stage comment says so.)
func TestUndefinedAcronymDropped(t *testing.T) {
	runAliasCases(t, []aliasCase{{name: "KDF twice", text: "The KDF attacked a village. The KDF then withdrew.",
		groups: nil}})
}

func TestEmpty(t *testing.T) {
	stages := upTo(t, "alias")
	for _, text := range []string{"", ".", "the the", "(", "(X", "Gorovo (", "X, formerly", "A.k.a."} {
		d := nlp.NewDoc(text)
		stages.Run(d)
		checkInvariants(t, d)
	}
}
