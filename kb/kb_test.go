package kb

import (
	"strings"
	"testing"
)

func TestEmbeddedParses(t *testing.T) {
	k, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if k.Len() == 0 {
		t.Fatal("empty knowledge base")
	}
	for _, e := range k.Entries {
		if e.In != "" && k.Get(e.In) == nil {
			t.Errorf("%s: %s: in: %q is not an id", e.Origin, e.ID, e.In)
		}
		seen := map[string]bool{}
		for _, n := range append(e.Names(), e.Adj...) {
			if strings.TrimSpace(n) != n || n == "" {
				t.Errorf("%s: %s: bad name %q", e.Origin, e.ID, n)
			}
			if seen[n] {
				t.Errorf("%s: %s: %q listed twice", e.Origin, e.ID, n)
			}
			seen[n] = true
		}
	}
}

func TestEmbeddedUniqueIDs(t *testing.T) {
	k := New()
	files, _ := dataFS.ReadDir("data")
	ids := map[string]string{}
	for _, f := range files {
		b, _ := dataFS.ReadFile("data/" + f.Name())
		k2 := New()
		if err := k2.Add(strings.NewReader(string(b)), f.Name()); err != nil {
			t.Fatal(err)
		}
		for _, e := range k2.Entries {
			if prev, ok := ids[e.ID]; ok {
				t.Errorf("id %s defined in %s and %s", e.ID, prev, e.Origin)
			}
			ids[e.ID] = e.Origin
		}
	}
	_ = k
}

func TestParseLine(t *testing.T) {
	cases := []struct {
		line string
		ok   bool
	}{
		{"COUNTRY af | Afghanistan | aka: Islamic Republic of Afghanistan | adj: Afghan", true},
		{"ARMED_GROUP tip | Turkistan Islamic Party | aka: TIP; ETIM; East Turkestan Islamic Movement | in: af", true},
		{"WIDGET x | X", false},
		{"COUNTRY Bad-ID | X", false},
		{"COUNTRY x", false},
		{"COUNTRY x | X | colour: red", false},
		{"COUNTRY x | X | no colon here", false},
		{"COUNTRY x | ", false},
	}
	for _, c := range cases {
		_, err := parseLine(c.line)
		if (err == nil) != c.ok {
			t.Errorf("parseLine(%q) err=%v, want ok=%v", c.line, err, c.ok)
		}
	}
}

func TestAddReportsLine(t *testing.T) {
	k := New()
	err := k.Add(strings.NewReader("# c\nCOUNTRY a | A\nBAD\n"), "x.kb")
	if err == nil || !strings.Contains(err.Error(), "x.kb:3") {
		t.Fatalf("want error naming x.kb:3, got %v", err)
	}
}

func TestOverlayReplaces(t *testing.T) {
	k := New()
	_ = k.Add(strings.NewReader("COUNTRY a | A\n"), "base")
	_ = k.Add(strings.NewReader("COUNTRY a | Alpha | aka: AL\n"), "overlay")
	if k.Len() != 1 || k.Get("a").Name != "Alpha" {
		t.Fatalf("overlay did not replace: %+v", k.Get("a"))
	}
}

func TestIsAcronym(t *testing.T) {
	for s, want := range map[string]bool{"AQIS": true, "IS-K": true, "U.S.": true, "al-Qaeda": false, "Gi-Toc": false, "ISIS-K": true, "123": false} {
		if got := IsAcronym(s); got != want {
			t.Errorf("IsAcronym(%q)=%v want %v", s, got, want)
		}
	}
}
