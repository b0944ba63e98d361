package judgment_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/kb"
	"github.com/actorgraph/actorgraph/nlp"
	"github.com/actorgraph/actorgraph/nlp/judgment"
	"github.com/actorgraph/actorgraph/nlp/pipeline"
	"github.com/actorgraph/actorgraph/samples"
)

var (
	once sync.Once
	ext  *pipeline.Extractor
	err0 error
)

func extract(t testing.TB, text string) actorgraph.Extraction {
	t.Helper()
	once.Do(func() {
		k, err := kb.Default()
		if err != nil {
			err0 = err
			return
		}
		ext, err0 = pipeline.New(k, "")
	})
	if err0 != nil {
		t.Fatal(err0)
	}
	return ext.Extract(text)
}

func names(x actorgraph.Extraction) map[string]string {
	m := map[string]string{"": "-"}
	for _, e := range x.Entities {
		m[e.ID] = e.Name
	}
	return m
}

func TestEstimative(t *testing.T) {
	cases := []struct {
		text, level, cue string // level "" means no judgment
	}{
		{"Al-Shabaab will almost certainly attack Mogadishu again.", "almost certain", "almost certainly"},
		{"The junta is very likely to delay the elections.", "very likely", "very likely"},
		{"Iran probably supplied the drones.", "likely", "probably"},
		{"There is a risk that the truce collapses.", "roughly even chance", "risk"},
		{"A split inside the movement is a possibility.", "roughly even chance", "possibility"},
		{"The group is unlikely to disarm.", "unlikely", "unlikely"},
		{"The group is not likely to disarm.", "unlikely", "likely"},
		{"Claims that the group has disarmed should be met with skepticism.", "unlikely", "should be met with skepticism"},
		{"A negotiated settlement is highly unlikely this year.", "very unlikely", "highly unlikely"},
		{"There is almost no chance that the militia will disband.", "almost no chance", "almost no chance"},
		{"The group may shift its attacks to the north, and it will probably recruit locally.", "likely", "probably"},
		{"The militia may move south.", "roughly even chance", "may"},
		{"The envoy urged both sides to avoid attacks that could harm civilians.", "", ""},
		// look-alikes
		{"In May 2024 the army retook the town.", "", ""},
		{"The country's military might grew quickly.", "", ""},
		{"Aid must arrive as soon as possible.", "", ""},
		{"The troops could not reach the village.", "", ""},
		{"Civilians in the valley are at risk.", "", ""},
		{"The militia attacked the convoy.", "", ""},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			x := extract(t, c.text)
			if c.level == "" {
				if len(x.Judgments) != 0 {
					t.Fatalf("want no judgment, got %+v", x.Judgments)
				}
				return
			}
			if len(x.Judgments) != 1 {
				t.Fatalf("want one judgment, got %+v", x.Judgments)
			}
			j := x.Judgments[0]
			if string(j.Likelihood) != c.level || j.Cue != c.cue {
				t.Errorf("got %q (cue %q), want %q (cue %q)", j.Likelihood, j.Cue, c.level, c.cue)
			}
			if c.text[j.CueSpan.Start:j.CueSpan.End] != j.Cue || j.Sentence != c.text[j.Span.Start:j.Span.End] {
				t.Errorf("spans do not cite the text: %+v", j)
			}
		})
	}
}

func TestConfidence(t *testing.T) {
	x := extract(t, "We assess with moderate confidence that the group will likely regroup.")
	if len(x.Judgments) != 1 || x.Judgments[0].Confidence != "moderate" || x.Judgments[0].Likelihood != actorgraph.Likely {
		t.Fatalf("got %+v", x.Judgments)
	}
}

func TestConditional(t *testing.T) {
	cases := []struct {
		text, cond, conseq, level string
		condActors                []string
	}{
		{"If Russia withdraws its support, the junta will likely collapse.",
			"Russia withdraws its support", "the junta will likely collapse", "likely", []string{"Russia"}},
		{"If Iran resumes its shipments, then the Houthis will strike again.",
			"Iran resumes its shipments", "the Houthis will strike again", "", []string{"Iran"}},
		{"Al-Shabaab will attack Mogadishu unless Kenya sends more troops.",
			"Kenya sends more troops", "Al-Shabaab will attack Mogadishu", "", []string{"Kenya"}},
		{"If Iran wants sanctions relief, if not full recognition, it has to curb the Houthis.",
			"Iran wants sanctions relief", "it has to curb the Houthis", "", []string{"Iran"}},
		{"As long as Pakistan shelters the Afghan Taliban, the insurgency will continue.",
			"Pakistan shelters the Afghan Taliban", "the insurgency will continue", "", []string{"Pakistan", "Afghan Taliban"}},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			x := extract(t, c.text)
			if len(x.Judgments) != 1 {
				t.Fatalf("want one judgment, got %+v", x.Judgments)
			}
			j := x.Judgments[0]
			if j.Kind != actorgraph.Conditional || j.Condition == nil || j.Consequence == nil {
				t.Fatalf("not a conditional: %+v", j)
			}
			if j.Condition.Text != c.cond || j.Consequence.Text != c.conseq || string(j.Likelihood) != c.level {
				t.Errorf("got if %q then %q (%q)", j.Condition.Text, j.Consequence.Text, j.Likelihood)
			}
			n := names(x)
			var got []string
			for _, a := range j.Condition.Actors {
				got = append(got, n[a])
			}
			if strings.Join(got, ",") != strings.Join(c.condActors, ",") {
				t.Errorf("condition actors %v, want %v", got, c.condActors)
			}
			if c.text[j.Condition.Span.Start:j.Condition.Span.End] != j.Condition.Text {
				t.Errorf("condition span does not cite the text")
			}
		})
	}
	for _, s := range []string{"Officials asked if the convoy had arrived.", "Even if the talks fail, aid will flow."} {
		if x := extract(t, s); len(x.Judgments) != 0 && x.Judgments[0].Kind == actorgraph.Conditional {
			t.Errorf("%q: not a conditional, got %+v", s, x.Judgments)
		}
	}
}

func TestCommitments(t *testing.T) {
	cases := []struct {
		text string
		want string // "ACTOR>TO: SOURCE [NOT] TYPE TARGET @WHEN" or "" for none
	}{
		{"The Taliban pledged not to host al-Qaeda on Afghan soil.", "Taliban>-: Taliban NOT HOSTS al-Qaeda @"},
		{"In 2020 the Taliban promised the United States that it would not allow al-Qaeda to operate in Afghanistan.",
			"Taliban>United States: Taliban NOT HOSTS al-Qaeda @2020"},
		{"The Houthis vowed to attack Israel.", "Houthis>-: Houthis ATTACKS Israel @"},
		{"On 3 March 2024 Hezbollah agreed with Israel to stop attacks on northern Israel.",
			"Hezbollah>Israel: Hezbollah NOT ATTACKS Israel @3 March 2024"},
		{"The M23 committed to withdraw from Goma.", "M23>-: M23 NOT LOCATED_IN Goma @"},
		{"Iran promised to cut ties with Hezbollah.", "Iran>-: Iran NOT ALLY Hezbollah @"},
		{"Kenya pledged troops to AUSSOM.", "Kenya>-: Kenya SUPPORTS AUSSOM @"},
		{"The Taliban's pledge not to shelter al-Qaeda was hollow.", "Taliban>-: Taliban NOT HOSTS al-Qaeda @"},
		{"Hezbollah pledged to stop the attacks on Israel.", "Hezbollah>-: Hezbollah NOT ATTACKS Israel @"},
		{"A Houthi spokesman vowed to respond to the strike, saying the Houthis would not hesitate to strike Israel.",
			"Houthis>-: Houthis ATTACKS Israel @"},
		// agreements: each party promises not to attack the other
		{"In November 2024 Israel and Hezbollah agreed to a ceasefire.",
			"Israel>Hezbollah: Israel NOT ATTACKS Hezbollah @November 2024|Hezbollah>Israel: Hezbollah NOT ATTACKS Israel @November 2024"},
		{"The junta signed a peace agreement with the Azawad Liberation Front.",
			""},
		{"Ethiopia signed a truce with the TPLF in 2022.",
			"Ethiopia>TPLF: Ethiopia NOT ATTACKS TPLF @2022|TPLF>Ethiopia: TPLF NOT ATTACKS Ethiopia @2022"},
		{"Qatar brokered a ceasefire between Israel and Hamas.", ""},
		{"Israel and Hamas did not agree to a truce.", ""},
		// not commitments
		{"The IMU pledged allegiance to the Islamic State.", ""},
		{"The Taliban refused to pledge that they would not host al-Qaeda.", ""},
		{"Al-Shabaab committed attacks on Kenya.", ""},
		{"Iran did not promise to stop supporting the Houthis.", ""},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			x := extract(t, c.text)
			n := names(x)
			var got []string
			for _, m := range x.Commitments {
				neg := ""
				if m.Negated {
					neg = "NOT "
				}
				got = append(got, fmt.Sprintf("%s>%s: %s %s%s %s @%s", n[m.Actor], n[m.To], n[m.Source], neg, m.Type, n[m.Target], m.When))
				if m.Sentence != c.text[m.Span.Start:m.Span.End] {
					t.Errorf("span does not cite the sentence")
				}
			}
			if c.want == "" {
				if len(got) != 0 {
					t.Errorf("want none, got %v", got)
				}
				return
			}
			if strings.Join(got, "|") != c.want {
				t.Errorf("got %v, want %s", got, c.want)
			}
		})
	}
}

// TestProcessAnyText runs the stage over odd documents without a panic
// and checks that every span lies inside the text.
func TestProcessAnyText(t *testing.T) {
	for _, s := range []string{"", "if", "If ,", "pledged", "The Taliban pledged", "likely likely likely",
		"If Iran, then", "unless", "\xff\xfe if x, y", strings.Repeat("If Iran pledged not to host Hamas, ", 50)} {
		d := nlp.NewDoc(s)
		judgment.Stage{}.Process(d) // no sentences: nothing found
		x := extract(t, s)
		for _, j := range x.Judgments {
			if j.Span.End > len(s) || j.CueSpan.End > len(s) || !utf8.ValidString(j.Cue) && utf8.ValidString(s) {
				t.Errorf("%q: bad span %+v", s, j)
			}
		}
	}
}

func FuzzStage(f *testing.F) {
	for _, s := range []string{"If Iran pledged not to host Hamas, the truce will likely hold.", "May", "unless ;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		x := extract(t, s)
		for _, j := range x.Judgments {
			if j.Span.Start < 0 || j.Span.End > len(s) || j.Sentence != s[j.Span.Start:j.Span.End] {
				t.Fatalf("bad judgment span %+v", j)
			}
		}
		for _, c := range x.Commitments {
			if c.Span.End > len(s) || c.Sentence != s[c.Span.Start:c.Span.End] {
				t.Fatalf("bad commitment span %+v", c)
			}
		}
	})
}

// BenchmarkStage measures the judgment stage alone over the sample
// reports (already through the other stages); compare with the
// pipeline's own benchmarks for its share of the extraction time.
func BenchmarkStage(b *testing.B) {
	extract(b, "")
	var docs []*nlp.Doc
	n := 0
	for _, r := range samples.All() {
		docs = append(docs, ext.Doc(r.Text))
		n += len(r.Text)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			judgment.Stage{}.Process(d)
		}
	}
}

// BenchmarkPipeline is the whole extraction over the same reports.
func BenchmarkPipeline(b *testing.B) {
	extract(b, "")
	n := 0
	for _, r := range samples.All() {
		n += len(r.Text)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, r := range samples.All() {
			ext.Extract(r.Text)
		}
	}
}
