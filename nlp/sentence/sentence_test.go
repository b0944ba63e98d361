package sentence

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/nlp"
)

type splitCase struct {
	name string
	line int
	text string
	want []string
}

// readCases reads testdata/cases.txt (its format is described at its top).
func readCases(t *testing.T) []splitCase {
	t.Helper()
	f, err := os.Open("testdata/cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []splitCase
	var cur *splitCase
	var text []string
	inText := false
	sc := bufio.NewScanner(f)
	ln := 0
	for sc.Scan() {
		ln++
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "=== "):
			cases = append(cases, splitCase{name: strings.TrimPrefix(line, "=== "), line: ln})
			cur = &cases[len(cases)-1]
			text = text[:0]
			inText = true
		case cur == nil:
			if strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "#") {
				t.Fatalf("cases.txt:%d: text outside a case", ln)
			}
		case inText && line == "---":
			cur.text = strings.Join(text, "\n")
			inText = false
		case inText:
			text = append(text, line)
		case strings.TrimSpace(line) != "":
			cur.want = append(cur.want, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if inText {
		t.Fatalf("cases.txt: case %q has no --- line", cur.name)
	}
	return cases
}

func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestSplitCases(t *testing.T) {
	cases := readCases(t)
	if len(cases) < 20 {
		t.Fatalf("read only %d cases", len(cases))
	}
	seen := map[string]bool{}
	for _, tc := range cases {
		if seen[tc.name] {
			t.Errorf("cases.txt:%d: duplicate case name %q", tc.line, tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			d := nlp.NewDoc(tc.text)
			Stage{}.Process(d)
			var got []string
			for _, s := range d.Sentences {
				got = append(got, norm(tc.text[s.Start:s.End]))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("cases.txt:%d\ngot:\n  %s\nwant:\n  %s", tc.line,
					strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
			checkSentences(t, tc.text, d.Tokens, d.Sentences)
		})
	}
}

// checkSentences checks the invariants of a split: sentences cover every
// token once and in order, none is empty, and offsets lie in the text and
// agree with the tokens.
func checkSentences(t *testing.T, text string, toks []nlp.Token, sents []nlp.Sentence) {
	t.Helper()
	next := 0
	for i, s := range sents {
		if s.T0 != next || s.T1 <= s.T0 || s.T1 > len(toks) {
			t.Fatalf("sentence %d covers tokens [%d,%d), want it to start at %d (of %d) in %q", i, s.T0, s.T1, next, len(toks), text)
		}
		if s.Start != toks[s.T0].Start || s.End != toks[s.T1-1].End {
			t.Fatalf("sentence %d bytes [%d,%d) disagree with its tokens in %q", i, s.Start, s.End, text)
		}
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			t.Fatalf("sentence %d bytes [%d,%d) out of range in %q", i, s.Start, s.End, text)
		}
		next = s.T1
	}
	if next != len(toks) {
		t.Fatalf("sentences cover %d of %d tokens in %q", next, len(toks), text)
	}
}

func TestSplitEmpty(t *testing.T) {
	if s := Split("", nil); len(s) != 0 {
		t.Errorf("Split of nothing = %v", s)
	}
	text := "   \n\n  "
	if s := Split(text, nlp.Tokenize(text)); len(s) != 0 {
		t.Errorf("Split of white space = %v", s)
	}
}

func TestSentenceOf(t *testing.T) {
	d := nlp.NewDoc("One here. Two there. Three.")
	Stage{}.Process(d)
	if len(d.Sentences) != 3 {
		t.Fatalf("got %d sentences", len(d.Sentences))
	}
	for si, s := range d.Sentences {
		for ti := s.T0; ti < s.T1; ti++ {
			if got := d.SentenceOf(ti); got != si {
				t.Errorf("SentenceOf(%d) = %d, want %d", ti, got, si)
			}
		}
	}
	if got := d.SentenceOf(len(d.Tokens)); got != -1 {
		t.Errorf("SentenceOf(past the end) = %d", got)
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("The U.S. said so. Gen. Ali agreed.")
	f.Add("Heading\nText here.\n\n- item\n* item\n1. one\n2) two")
	f.Add("“Quote.” Next? Yes! No…")
	f.Add("a.\n.\n\n?!\"”)")
	f.Add("1.\n2.\n3.")
	f.Add("J. R. Smith met al-Qaeda.\x80\xff")
	f.Fuzz(func(t *testing.T, text string) {
		toks := nlp.Tokenize(text)
		checkSentences(t, text, toks, Split(text, toks))
	})
}

func TestSplitCapsLongSentences(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 2000; i++ {
		b.WriteString("fighters moved north")
		if i%7 == 6 {
			b.WriteString(",")
		}
		b.WriteString(" ")
	}
	text := b.String()
	toks := nlp.Tokenize(text)
	sents := Split(text, toks)
	checkSentences(t, text, toks, sents)
	if len(sents) < len(toks)/MaxTokens {
		t.Fatalf("got %d sentences for %d tokens", len(sents), len(toks))
	}
	for i, s := range sents {
		if s.T1-s.T0 > MaxTokens {
			t.Errorf("sentence %d has %d tokens, more than %d", i, s.T1-s.T0, MaxTokens)
		}
		if i < len(sents)-1 && text[toks[s.T1-1].Start:toks[s.T1-1].End] != "," {
			t.Errorf("sentence %d was not cut after a comma: ends with %q", i, text[toks[s.T1-1].Start:toks[s.T1-1].End])
		}
	}
	// without any punctuation the cut is hard, at MaxTokens
	text = strings.Repeat("word ", 3*MaxTokens+5)
	toks = nlp.Tokenize(text)
	sents = Split(text, toks)
	checkSentences(t, text, toks, sents)
	if len(sents) != 4 || sents[0].T1 != MaxTokens {
		t.Errorf("got %d sentences, first ends at token %d", len(sents), sents[0].T1)
	}
}
