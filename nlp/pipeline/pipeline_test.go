package pipeline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/kb"
)

var (
	extOnce sync.Once
	ext     *Extractor
	extErr  error
)

func extractor(t testing.TB) *Extractor {
	t.Helper()
	extOnce.Do(func() {
		k, err := kb.Default()
		if err != nil {
			extErr = err
			return
		}
		ext, extErr = New(k, "")
	})
	if extErr != nil {
		t.Fatal(extErr)
	}
	return ext
}

// ownText is a report written for these tests.
const ownText = `Northern front: weekly brief

The Taliban hosted al-Qaeda fighters in Kunar province, according to a United Nations report.
China condemned the attack by the Islamic State on its embassy in Kabul. Russia attacked Ukraine again.
Gen. Ahmad Massoud leads the National Resistance Front, which has fought the Taliban since 2021.
Iran-backed Houthi rebels fired missiles at Israel; the U.S. struck Houthi positions in Yemen.
Al-Shabaab did not attack the base in Mogadishu. The group may soon target Kenyan troops.

- Tajikistan refused to recognise the Taliban government.
- Uzbekistan’s officials met the group’s envoys in Termez.
`

// checkExtraction checks the invariants of an extraction of text.
func checkExtraction(t *testing.T, text string, x actorgraph.Extraction) {
	t.Helper()
	if x.Entities == nil || x.Relations == nil {
		t.Fatalf("nil entity or relation list")
	}
	ids := map[string]bool{}
	for _, e := range x.Entities {
		if e.ID == "" || ids[e.ID] {
			t.Fatalf("entity id %q empty or repeated in %q", e.ID, text)
		}
		ids[e.ID] = true
		if !e.Type.Valid() {
			t.Fatalf("entity %s has type %q", e.ID, e.Type)
		}
		if e.Name == "" {
			t.Fatalf("entity %s has no name", e.ID)
		}
		for _, m := range e.Mentions {
			if m.Start < 0 || m.Start >= m.End || m.End > len(text) {
				t.Fatalf("entity %s mention [%d,%d) outside the %d-byte text %q", e.ID, m.Start, m.End, len(text), text)
			}
		}
	}
	for _, r := range x.Relations {
		if !ids[r.Source] || !ids[r.Target] {
			t.Fatalf("relation %s -%s-> %s names an entity not emitted, in %q", r.Source, r.Type, r.Target, text)
		}
		if r.Source == r.Target {
			t.Fatalf("relation %s -%s-> itself in %q", r.Source, r.Type, text)
		}
		if !r.Type.Valid() || r.Modality.Strength() == 0 {
			t.Fatalf("relation has type %q, modality %q", r.Type, r.Modality)
		}
		s := r.Evidence.Span
		if s.Start < 0 || s.Start >= s.End || s.End > len(text) {
			t.Fatalf("evidence span [%d,%d) outside the %d-byte text %q", s.Start, s.End, len(text), text)
		}
		if text[s.Start:s.End] != r.Evidence.Text {
			t.Fatalf("evidence span [%d,%d) slices %q, not the evidence %q", s.Start, s.End, text[s.Start:s.End], r.Evidence.Text)
		}
	}
}

func TestExtractOwnText(t *testing.T) {
	x := extractor(t).Extract(ownText)
	checkExtraction(t, ownText, x)
	if len(x.Entities) < 5 || len(x.Relations) == 0 {
		t.Errorf("%d entities, %d relations", len(x.Entities), len(x.Relations))
	}
}

func TestExtractEmpty(t *testing.T) {
	for _, s := range []string{"", " ", "\n\n", "."} {
		x := extractor(t).Extract(s)
		checkExtraction(t, s, x)
		if len(x.Entities) != 0 || len(x.Relations) != 0 {
			t.Errorf("%q: %d entities, %d relations", s, len(x.Entities), len(x.Relations))
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func determinismTexts(t *testing.T) map[string]string {
	texts := map[string]string{"own": ownText}
	files, _ := filepath.Glob("../../samples/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err == nil && len(b) > 0 {
			texts[filepath.Base(f)] = string(b)
		}
	}
	return texts
}

func TestDeterminism(t *testing.T) {
	x1 := extractor(t)
	k, err := kb.Default()
	if err != nil {
		t.Fatal(err)
	}
	x2, err := New(k, "")
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range determinismTexts(t) {
		a := mustJSON(t, x1.Extract(text))
		b := mustJSON(t, x1.Extract(text))
		c := mustJSON(t, x2.Extract(text))
		if a != b {
			t.Errorf("%s: two runs differ:\n%s\n%s", name, a, b)
		}
		if a != c {
			t.Errorf("%s: a second extractor differs:\n%s\n%s", name, a, c)
		}
		checkExtraction(t, text, x1.Extract(text))
	}
}

// TestConcurrent checks the documented promise that an Extractor is safe
// for concurrent use (run with -race to make it bite).
func TestConcurrent(t *testing.T) {
	x := extractor(t)
	texts := determinismTexts(t)
	want := map[string]string{}
	for name, text := range texts {
		want[name] = mustJSON(t, x.Extract(text))
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name, text := range texts {
				b, _ := json.Marshal(x.Extract(text))
				if string(b) != want[name] {
					mu.Lock()
					t.Errorf("%s: concurrent run differs", name)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
}

func FuzzExtract(f *testing.F) {
	for _, s := range strings.Split(ownText, "\n") {
		f.Add(s)
	}
	f.Add(ownText)
	f.Add("The Taliban's leader, Hibatullah Akhundzada, said it would not host AQIS. It denied it.")
	f.Add("ISIS-K (ISKP) attacked the Taliban. ISKP, a.k.a. IS-K, is an affiliate of the Islamic State.")
	f.Add("“We will fight,” said the Houthis’ spokesman.\n\n# Yemen\n- Houthis\n- Saudi Arabia")
	f.Add("(((al-Qaeda))) \x00\xff\xfe U.S.-backed Iran-backed anti-Taliban")
	f.Fuzz(func(t *testing.T, text string) {
		x := extractor(t)
		checkExtraction(t, text, x.Extract(text))
	})
}
