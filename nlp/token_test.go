package nlp

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// tok describes an expected token: its text, and optionally its kind.
type tok struct {
	text string
	kind TokKind // 0: not checked
}

func w(s string) tok { return tok{s, Word} }
func n(s string) tok { return tok{s, Number} }
func p(s string) tok { return tok{s, Punct} }

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []tok
	}{
		{"empty", "", nil},
		{"spaces only", " \t\n\u00a0\u200b\ufeff ", nil},
		{"U.S.", "the U.S. Army", []tok{w("the"), w("U.S."), w("Army")}},
		{"U.S. at end", "aid from the U.S.", []tok{w("aid"), w("from"), w("the"), w("U.S.")}},
		{"U.S.-backed", "U.S.-backed forces", []tok{w("U.S."), p("-"), w("backed"), w("forces")}},
		{"a.k.a.", "Omar, a.k.a. Abu Bakr", []tok{w("Omar"), p(","), w("a.k.a."), w("Abu"), w("Bakr")}},
		{"Gen.", "Gen. Haftar spoke", []tok{w("Gen."), w("Haftar"), w("spoke")}},
		{"Dr. and Col.", "Dr. Omar met Col. Diallo", []tok{w("Dr."), w("Omar"), w("met"), w("Col."), w("Diallo")}},
		{"initial", "J. Smith said", []tok{w("J."), w("Smith"), w("said")}},
		{"two initials", "J. R. Smith", []tok{w("J."), w("R."), w("Smith")}},
		{"sentence-final capital", "they met Group A. Then", []tok{w("they"), w("met"), w("Group"), w("A."), w("Then")}},
		{"plain full stop", "the army left. Then", []tok{w("the"), w("army"), w("left"), p("."), w("Then")}},
		{"possessive 's", "the group's leader", []tok{w("the"), w("group"), w("'s"), w("leader")}},
		{"possessive ’s", "the junta’s envoy", []tok{w("the"), w("junta"), w("’s"), w("envoy")}},
		{"possessive at end", "it was Russia's", []tok{w("it"), w("was"), w("Russia"), w("'s")}},
		{"possessive before comma", "Niger's, Mali's", []tok{w("Niger"), w("'s"), p(","), w("Mali"), w("'s")}},
		{"possessive of a number", "the 1990's wars", []tok{w("the"), n("1990"), w("'s"), w("wars")}},
		{"inner apostrophe", "Jama'at Nusrat", []tok{w("Jama'at"), w("Nusrat")}},
		{"inner apostrophe and possessive", "Jama'at's fighters", []tok{w("Jama'at"), w("'s"), w("fighters")}},
		{"inner ’", "Jamaʼat and Ahl al-Sunna wa’l-Jama’a", []tok{w("Jamaʼat"), w("and"), w("Ahl"), w("al"), p("-"), w("Sunna"), w("wa’l"), p("-"), w("Jama’a")}},
		{"O'Neill is not possessive", "O'Neill said", []tok{w("O'Neill"), w("said")}},
		{"quote not apostrophe", "'hello' she said", []tok{p("'"), w("hello"), p("'"), w("she"), w("said")}},
		{"plural possessive", "the rebels' base", []tok{w("the"), w("rebels"), p("'"), w("base")}},
		{"al-Qaeda", "al-Qaeda", []tok{w("al"), p("-"), w("Qaeda")}},
		{"Iran-backed", "Iran-backed militias", []tok{w("Iran"), p("-"), w("backed"), w("militias")}},
		{"thousands", "1,275 people", []tok{n("1,275"), w("people")}},
		{"decimal", "3.5 tonnes", []tok{n("3.5"), w("tonnes")}},
		{"number then comma", "in 2024, the", []tok{w("in"), n("2024"), p(","), w("the")}},
		{"number then full stop", "in 2024. The", []tok{w("in"), n("2024"), p("."), w("The")}},
		{"ordinal", "the 20th century", []tok{w("the"), w("20th"), w("century")}},
		{"decade", "the 1990s", []tok{w("the"), w("1990s")}},
		{"money", "$10 million", []tok{p("$"), n("10"), w("million")}},
		{"F-7", "F-7 jets", []tok{w("F"), p("-"), n("7"), w("jets")}},
		{"em dash", "north—south", []tok{w("north"), p("—"), w("south")}},
		{"curly quotes", "“We will fight.”", []tok{p("“"), w("We"), w("will"), w("fight"), p("."), p("”")}},
		{"invalid UTF-8", "bad\xff\xfeend", []tok{w("bad"), p("\xff"), p("\xfe"), w("end")}},
		{"lone continuation byte", "\x80", []tok{p("\x80")}},
		{"combining accent", "Se\u0301gou", []tok{w("Se\u0301gou")}},
		{"Arabic script", "حركة الشباب", []tok{w("حركة"), w("الشباب")}},
		{"Arabic-Indic digits", "عام ٢٠٢٤ and ۹.", []tok{w("عام"), w("٢٠٢٤"), w("and"), w("۹"), p(".")}},
		{"digits after a non-ASCII digit", "٧12", []tok{w("٧12")}},
		{"fullwidth digits", "１２ men", []tok{w("１２"), w("men")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			toks := Tokenize(tc.in)
			var got []string
			for _, tk := range toks {
				got = append(got, tc.in[tk.Start:tk.End])
			}
			var want []string
			for _, tk := range tc.want {
				want = append(want, tk.text)
			}
			if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
				t.Fatalf("Tokenize(%q) = %q, want %q", tc.in, got, want)
			}
			for i, tk := range tc.want {
				if tk.kind != 0 && toks[i].Kind != tk.kind {
					t.Errorf("token %q: kind %d, want %d", tk.text, toks[i].Kind, tk.kind)
				}
			}
		})
	}
}

func TestTokenFields(t *testing.T) {
	text := "AQIS and the\nTaliban’s\n\n\nCafé NATO-led 3rd"
	toks := Tokenize(text)
	type fields struct {
		text       string
		norm       string
		lines      uint8
		space      bool
		cap, upper bool
	}
	want := []fields{
		{"AQIS", "aqis", 0, true, true, true},
		{"and", "and", 0, true, false, false},
		{"the", "the", 0, true, false, false},
		{"Taliban", "taliban", 1, true, true, false},
		{"’s", "'s", 0, false, false, false},
		{"Café", "cafe", 2, true, true, false}, // three line breaks, capped at 2
		{"NATO", "nato", 0, true, true, true},
		{"-", "-", 0, false, false, false},
		{"led", "led", 0, false, false, false},
		{"3rd", "3rd", 0, true, false, false},
	}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(toks), len(want))
	}
	for i, f := range want {
		tk := toks[i]
		got := fields{text[tk.Start:tk.End], tk.Norm, tk.Lines, tk.Space, tk.Cap, tk.Upper}
		if got != f {
			t.Errorf("token %d = %+v, want %+v", i, got, f)
		}
	}
}

func TestIsAbbreviation(t *testing.T) {
	for _, s := range []string{"Gen", "gen", "DR", "Mr", "Sept"} {
		if !IsAbbreviation(s) {
			t.Errorf("IsAbbreviation(%q) = false", s)
		}
	}
	for _, s := range []string{"General", "US", "al", ""} {
		if IsAbbreviation(s) {
			t.Errorf("IsAbbreviation(%q) = true", s)
		}
	}
}

func TestFold(t *testing.T) {
	tests := map[string]string{
		"plain":       "plain",
		"Taliban":     "taliban",
		"Ségou":       "segou",
		"junta’s":     "junta's",
		"‘quoted’":    "'quoted'",
		"Straße":      "strasse",
		"north–south": "north-south",
		"ʿAli":        "'ali",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"", "U.S. Army", "a.k.a. J. Smith", "group's junta’s 1990's", "Jama'at al-Qaeda",
		"1,275 3.5 20th", "bad\xff\xfe", "“quote.”", "1.\n2)", "x'", "'s", "A.B.C.D", "U.S.Army", "J.",
		"\u0301\u0301", "9,", "9.", "e's's", "Gen.Gen."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		prev := 0
		for i, tk := range toks {
			if tk.Start < prev || tk.Start >= tk.End || tk.End > len(s) {
				t.Fatalf("token %d [%d,%d) out of order or out of range (prev end %d, len %d) in %q", i, tk.Start, tk.End, prev, len(s), s)
			}
			if tk.Norm == "" {
				t.Fatalf("token %d %q has an empty Norm", i, s[tk.Start:tk.End])
			}
			if tk.Kind != Word && tk.Kind != Number && tk.Kind != Punct {
				t.Fatalf("token %d has kind %d", i, tk.Kind)
			}
			if tk.Lines > 2 {
				t.Fatalf("token %d has Lines %d", i, tk.Lines)
			}
			// only white space lies between tokens
			gap := s[prev:tk.Start]
			if strings.TrimFunc(gap, func(r rune) bool { return r == '\u200b' || r == '\ufeff' || isSpaceRune(r) }) != "" {
				t.Fatalf("non-space %q dropped before token %d in %q", gap, i, s)
			}
			prev = tk.End
		}
		if rest := s[prev:]; strings.TrimFunc(rest, func(r rune) bool { return r == '\u200b' || r == '\ufeff' || isSpaceRune(r) }) != "" {
			t.Fatalf("non-space tail %q dropped in %q", rest, s)
		}
	})
}

func isSpaceRune(r rune) bool {
	if r == utf8.RuneError {
		return false
	}
	return strings.TrimSpace(string(r)) == ""
}
