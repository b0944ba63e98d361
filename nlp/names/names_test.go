package names_test

import (
	"fmt"
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

// tinyKB is a knowledge base written for these tests: a few countries with
// their adjectives, two groups and a city, so that the tests do not depend
// on the embedded data.
const tinyKB = `
COUNTRY nga | Nigeria | adj: Nigerian
COUNTRY afg | Afghanistan | adj: Afghan
COUNTRY pak | Pakistan | adj: Pakistani
COUNTRY irn | Iran | adj: Iranian
COUNTRY lbn | Lebanon | adj: Lebanese
COUNTRY isr | Israel | adj: Israeli
ARMED_GROUP aq | al-Qaeda | aka: AQ
ARMED_GROUP taliban | Taliban
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

// describe writes a mention as "surface|TYPE|flags", flags being any of
// "weak" and "title" joined by "+", or "-" for none.
func describe(d *nlp.Doc, m *nlp.Mention) string {
	var flags []string
	if m.Weak {
		flags = append(flags, "weak")
	}
	if m.Title {
		flags = append(flags, "title")
	}
	if len(flags) == 0 {
		flags = []string{"-"}
	}
	return fmt.Sprintf("%s|%s|%s", d.MentionText(m), m.Type, strings.Join(flags, "+"))
}

// live returns the descriptions of the mentions not removed.
func live(d *nlp.Doc) []string {
	var out []string
	for i := range d.Mentions {
		if !d.Mentions[i].Removed {
			out = append(out, describe(d, &d.Mentions[i]))
		}
	}
	return out
}

// matches reports whether description got fits want, where want's type
// may be "*" for any type.
func matches(got, want string) bool {
	g, w := strings.Split(got, "|"), strings.Split(want, "|")
	if len(g) != 3 || len(w) != 3 {
		return got == want
	}
	return g[0] == w[0] && (w[1] == "*" || g[1] == w[1]) && g[2] == w[2]
}

type nameCase struct {
	name string
	text string
	want []string // live mentions that must be there: "surface|TYPE|flags"
	not  []string // surfaces no live mention may have
}

func runNameCases(t *testing.T, cases []nameCase) {
	t.Helper()
	stages := upTo(t, "names")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := nlp.NewDoc(c.text)
			stages.Run(d)
			got := live(d)
			for _, w := range c.want {
				ok := false
				for _, g := range got {
					if matches(g, w) {
						ok = true
						break
					}
				}
				if !ok {
					t.Errorf("%q: want %s; got %q", c.text, w, got)
				}
			}
			for _, n := range c.not {
				for _, g := range got {
					if strings.HasPrefix(g, n+"|") {
						t.Errorf("%q: want no mention %q; got %s", c.text, n, g)
					}
				}
			}
		})
	}
}

func TestHeadWords(t *testing.T) {
	runNameCases(t, []nameCase{
		{"Front", "Fighters of the Zarqa Liberation Front crossed the river.",
			[]string{"Zarqa Liberation Front|ARMED_GROUP|-"}, []string{"Zarqa", "Fighters of the Zarqa Liberation Front"}},
		{"Brigade", "The Ansar Brigade claimed the raid.", []string{"Ansar Brigade|ARMED_GROUP|-"}, []string{"The Ansar Brigade"}},
		{"Movement", "Members of the Harmony Movement marched on Monday.", []string{"Harmony Movement|ARMED_GROUP|-"}, nil},
		{"Jamaat anywhere", "Jamaat Tawhid Khalis issued a statement.", []string{"Jamaat Tawhid Khalis|ARMED_GROUP|-"}, nil},
		{"ordinal number", "Fighters of the 33rd Front ambushed a patrol.", []string{"33rd Front|ARMED_GROUP|-"}, nil},
		{"possessive inside a name", "The People's Liberation Army held drills.", []string{"People's Liberation Army|ARMED_GROUP|-"}, nil},
		{"Army without a state is a group", "The Kaduna Army attacked a convoy.", []string{"Kaduna Army|ARMED_GROUP|-"}, nil},
		{"Army after a national adjective", "Soldiers of the Afghan Army withdrew.",
			[]string{"Afghan Army|ORG|-"}, []string{"Afghan"}},
		{"Navy after a national adjective", "Soldiers from the Nigerian Army and the Iranian Navy drilled.",
			[]string{"Nigerian Army|ORG|-", "Iranian Navy|ORG|-"}, []string{"Nigerian", "Iranian"}},
		{"Ministry of after a national adjective", "The Nigerian Ministry of Defence denied the claim.",
			[]string{"Nigerian Ministry of Defence|ORG|-"}, []string{"Nigerian", "The Nigerian Ministry of Defence"}},
		{"Centre for after a national adjective", "The Pakistani Centre for Peace Studies published a study.",
			[]string{"Pakistani Centre for Peace Studies|ORG|-"}, []string{"Pakistani"}},
		{"Centre for", "The Kharzan Centre for Strategic Studies said so.",
			[]string{"Kharzan Centre for Strategic Studies|ORG|-"}, nil},
		{"Embassy in a known country", "Staff at the Iranian Embassy in Lebanon left.",
			[]string{"Iranian Embassy in Lebanon|ORG|-"}, []string{"Iranian", "Lebanon"}},
		{"number kept before an organisation", "The 152 Taskforce Battalion deployed.", []string{"152 Taskforce Battalion|ORG|-"}, nil},
		{"Province", "Fighting spread to Zabrak Province last week.", []string{"Zabrak Province|LOCATION|-"}, nil},
		{"Valley", "Villagers fled the Kharzan Valley.", []string{"Kharzan Valley|LOCATION|-"}, nil},
		{"a head word alone names nothing", "The Resistance claimed the attack.", []string{"Resistance|*|weak"}, nil},
	})
}

func TestPeople(t *testing.T) {
	runNameCases(t, []nameCase{
		{"Prime Minister", "Prime Minister Tomas Verlaine said the talks failed.",
			[]string{"Tomas Verlaine|PERSON|title"}, []string{"Prime Minister Tomas Verlaine", "Prime Minister", "Minister Tomas Verlaine"}},
		{"Lt. Gen.", "Lt. Gen. Okonjo Bamidele visited the front.",
			[]string{"Okonjo Bamidele|PERSON|title"}, []string{"Lt. Gen. Okonjo Bamidele", "Gen. Okonjo Bamidele"}},
		{"Defence Minister", "Defence Minister Aziz Farhad visited troops.", []string{"Aziz Farhad|PERSON|title"}, nil},
		{"Minister of department", "Minister of Foreign Affairs Dana Kalu flew home.",
			[]string{"Dana Kalu|PERSON|title"}, []string{"Minister of Foreign Affairs Dana Kalu", "Foreign Affairs Dana Kalu"}},
		{"Col.", "Col. Rami Tasso commanded the unit.", []string{"Rami Tasso|PERSON|title"}, nil},
		{"Dr. and Prof.", "Dr. Lena Ortmann and Prof. Harun Celik wrote the report.",
			[]string{"Lena Ortmann|PERSON|title", "Harun Celik|PERSON|title"}, nil},
		{"Sheikh and Abu", "The attack, Sheikh Abu Bakr Zubair said, was revenge.", []string{"Abu Bakr Zubair|PERSON|title"}, nil},
		{"title before a single name", "Later, President Halvorsen met the envoy.", []string{"Halvorsen|PERSON|title"}, []string{"Later"}},
		{"lower-case role", "The group's spokesman Idris Kanuma said nothing.", []string{"Idris Kanuma|PERSON|title"}, nil},
		{"role and comma", "The analyst, Tobias Renn, said so.", []string{"Tobias Renn|PERSON|title"}, nil},
		{"Commissioner after a body", "Police Commissioner Amina Yusuf said the road was open.",
			[]string{"Amina Yusuf|PERSON|title"}, []string{"Police Commissioner Amina Yusuf"}},
		{"person particles", "Abu Hamza al-Masri was arrested in March.", []string{"Abu Hamza al-Masri|PERSON|-"}, nil},
		{"speech verb", "However, Marlow Dunstan said the deal held.", []string{"Marlow Dunstan|PERSON|-"}, []string{"However"}},
	})
}

func TestFunctionWordsDropped(t *testing.T) {
	runNameCases(t, []nameCase{
		{"In", "In Marzuk Province, gunmen burned a market.", []string{"Marzuk Province|LOCATION|-"}, []string{"In Marzuk Province", "In"}},
		{"According to", "According to Nadia Farrow, the talks stalled.", []string{"Nadia Farrow|PERSON|-"}, []string{"According"}},
		{"The", "The Ansar Brigade claimed the raid.", []string{"Ansar Brigade|ARMED_GROUP|-"}, []string{"The", "The Ansar Brigade"}},
		{"However", "However, Marlow Dunstan said the deal held.", nil, []string{"However", "However, Marlow Dunstan"}},
		{"a name that starts with a stop word", "Members of the Islamic Front for Justice were arrested.",
			[]string{"Islamic Front for Justice|ARMED_GROUP|-"}, []string{"Front for Justice"}},
	})
}

func TestWeakCandidates(t *testing.T) {
	runNameCases(t, []nameCase{
		{"sentence-initial plural", "Villagers fled the Kharzan Valley.", []string{"Villagers|*|weak"}, nil},
		{"sentence-initial single name", "Mustafa, who led the unit, fled.", []string{"Mustafa|PERSON|weak"}, nil},
		{"single unknown word", "The convoy reached Gorovo before dawn.", []string{"Gorovo|*|weak"}, nil},
		{"unknown acronym", "The KDF said it would respond.", []string{"KDF|*|weak"}, nil},
		{"unknown acronym after a cue noun", "The militia KDF said it would respond.", []string{"KDF|ARMED_GROUP|-"}, nil},
		{"title-case headline", "Border Guards Detain Smugglers Near Frontier",
			[]string{"Border Guards Detain Smugglers Near Frontier|*|weak"}, nil},
	})
	// every name in a title-case headline is weak
	stages := upTo(t, "names")
	for _, text := range []string{"Border Guards Detain Smugglers Near Frontier", "Rebels Seize Border Town After Heavy Fighting",
		"Nigerian Army Kills Bandit Commander In Zamfara"} {
		d := nlp.NewDoc(text)
		stages.Run(d)
		for i := range d.Mentions {
			m := &d.Mentions[i]
			if !m.Removed && m.Origin == nlp.FromName && !m.Weak {
				t.Errorf("%q: headline name %s is not weak", text, describe(d, m))
			}
		}
	}
}

func TestInThe(t *testing.T) {
	runNameCases(t, []nameCase{
		{"known group in the X", "He said al-Qaeda in the Southern Highlands had grown.",
			[]string{"al-Qaeda in the Southern Highlands|ARMED_GROUP|-"}, []string{"al-Qaeda", "Southern Highlands"}},
		{"new group in the X", "The Zarqa Brigade in the Eastern Hills fired rockets.",
			[]string{"Zarqa Brigade in the Eastern Hills|ARMED_GROUP|-"}, []string{"Zarqa Brigade"}},
		{"a group in a known place stays two names", "The Taliban in Kabul denied it.",
			[]string{"Taliban|ARMED_GROUP|-", "Kabul|LOCATION|-"}, []string{"Taliban in Kabul"}},
	})
}

func TestLists(t *testing.T) {
	runNameCases(t, []nameCase{
		{"towns", "Fighters overran Kolo, Berem and Tansa towns on Sunday.",
			[]string{"Kolo|LOCATION|-", "Berem|LOCATION|-", "Tansa|LOCATION|-"}, nil},
		{"two villages", "Dorva and Kesh towns fell.", []string{"Dorva|LOCATION|-", "Kesh|LOCATION|-"}, nil},
		{"groups", "They met the Red Hand, Black Star and Iron Fist groups.",
			[]string{"Red Hand|ARMED_GROUP|-", "Black Star|ARMED_GROUP|-", "Iron Fist|ARMED_GROUP|-"}, nil},
		{"countries", "Delegates from Marovia and Selkand countries met.",
			[]string{"Marovia|COUNTRY|-", "Selkand|COUNTRY|-"}, nil},
		{"no plural noun, no type", "Delegates met Dorva and Kesh on Monday.", []string{"Dorva|*|weak", "Kesh|*|weak"}, nil},
	})
}

// TestKnownIssues holds the behaviour the names stage should have but has
// not yet; each case says what goes wrong.
// TestFormerIssues pins down bugs found and fixed in the names stage.
func TestFormerIssues(t *testing.T) {
	t.Run("Forces", func(t *testing.T) {
		// "Defence Forces" reads as a state's forces: typed ORG (a decision, not a bug)
		runNameCases(t, []nameCase{{"Forces", "The Kivu Defence Forces seized a bridge.",
			[]string{"Kivu Defence Forces|ORG|-"}, []string{"Kivu Defence"}}})
	})
	t.Run("place-named person", func(t *testing.T) {
		runNameCases(t, []nameCase{{"Israel Varga", "Prime Minister Israel Varga spoke first.",
			[]string{"Israel Varga|PERSON|title"}, []string{"Israel"}}})
	})
	t.Run("in X said", func(t *testing.T) {
		runNameCases(t, []nameCase{{"in Tarkesh said", "Officials in Tarkesh said the road was closed.",
			[]string{"Tarkesh|LOCATION|-"}, nil}})
	})
	t.Run("capitalised preposition after a title", func(t *testing.T) {
		runNameCases(t, []nameCase{{"In Zamfara", "Nigerian Army Kills Bandit Commander In Zamfara",
			nil, []string{"In Zamfara"}}})
	})
}

func TestOddInput(t *testing.T) {
	stages := upTo(t, "names")
	for _, text := range []string{"", "A", "The", "Minister", "Prime Minister", "al-", "Abu", "33rd", "Kabul,", "A, B and C towns",
		"Gen.", "The the The", "\xffX Y", "People's", "Ministry of", "al-Qaeda in the"} {
		d := nlp.NewDoc(text)
		stages.Run(d) // must not panic
		for i := range d.Mentions {
			m := &d.Mentions[i]
			if m.T0 >= m.T1 || m.Start != d.Tokens[m.T0].Start || m.End != d.Tokens[m.T1-1].End {
				t.Errorf("%q: bad mention %+v", text, *m)
			}
		}
	}
}
