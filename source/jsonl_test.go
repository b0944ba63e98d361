package source

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
)

func TestReadJSONL(t *testing.T) {
	in := `{"id":"r1","title":"Road reopens","text":"The army reopened the northern road.","url":"https://example.org/r1","publisher":"Field Desk","published":"2024-03-05T09:00:00Z"}
{"body":"Elders met the brigade in the market town.","link":"https://example.org/r2","source":"Valley Radio","date":"5 March 2024"}

{"content":"A convoy reached the camp.","source":{"name":"Relief Wire"},"published":1709632800}
{"html":"<p>Talks <b>resumed</b> in the capital.</p><script>alert(1)</script>","headline":"Talks resume","date":"03/05/2024","id":42}
`
	docs, err := Read("reports.jsonl", strings.NewReader(in), Options{URL: "file:///data/reports.jsonl"})
	if err != nil {
		t.Fatal(err)
	}
	checkDocs(t, docs)
	want := []actorgraph.Document{
		{ID: "r1", Title: "Road reopens", URL: "https://example.org/r1", Publisher: "Field Desk", Published: "2024-03-05", Text: "The army reopened the northern road."},
		{Title: "Elders met the brigade in the market town.", URL: "https://example.org/r2", Publisher: "Valley Radio", Published: "2024-03-05", Text: "Elders met the brigade in the market town."},
		{Title: "A convoy reached the camp.", URL: "file:///data/reports.jsonl#L4", Publisher: "Relief Wire", Published: "2024-03-05", Text: "A convoy reached the camp."},
		{ID: "42", Title: "Talks resume", URL: "file:///data/reports.jsonl#L5", Published: "", Text: "Talks resumed in the capital."},
	}
	if len(docs) != len(want) {
		t.Fatalf("%d docs, want %d: %+v", len(docs), len(want), docs)
	}
	for i := range want {
		if docs[i] != want[i] {
			t.Errorf("doc %d = %+v\nwant %+v", i, docs[i], want[i])
		}
	}
}

func TestReadJSONLBadLines(t *testing.T) {
	in := "{\"text\":\"Good line one.\"}\n" +
		"{\"text\": \"unterminated\n" + // line 2
		"[1, 2, 3]\n" + // 3: not an object
		"{\"title\":\"no text\"}\n" + // 4
		"{\"text\":\"\"}\n" + // 5: empty text
		"{\"text\":\"Latin-1 caf\xe9\"}\n" + // 6: invalid UTF-8
		"{\"text\":42}\n" + // 7: text not a string
		"{\"text\":\"two\"} {\"text\":\"values\"}\n" + // 8
		"null\n" + // 9
		"{\"text\":\"nul \\u0000 inside\"}\n" + // 10
		"{\"text\":\"raw \x00 NUL\"}\n" + // 11
		"\r\n" + // 12: blank, skipped silently
		"{\"text\":\"Good line two.\"}\r\n" // 13
	docs, err := Read("mixed.jsonl", strings.NewReader(in), Options{})
	if len(docs) != 2 || docs[0].Text != "Good line one." || docs[1].Text != "Good line two." {
		t.Errorf("docs = %+v", docs)
	}
	assertCode(t, err, actorgraph.EInvalid, "mixed.jsonl")
	var bad *BadLinesError
	if !errors.As(err, &bad) {
		t.Fatalf("error %T is not a *BadLinesError", err)
	}
	var lines []int
	for _, l := range bad.Lines {
		lines = append(lines, l.Line)
		if l.Msg == "" || strings.ContainsAny(l.Msg, "\n\r") {
			t.Errorf("line %d: bad message %q", l.Line, l.Msg)
		}
	}
	if got := fmtInts(lines); got != "2,3,4,5,6,7,8,9,10,11" {
		t.Errorf("bad lines = %v", got)
	}
	if bad.Total != 12 {
		t.Errorf("total = %d, want 12", bad.Total)
	}
	msg := err.Error()
	for _, want := range []string{"skipped 10 of 12 lines", "line 2: invalid JSON", "line 3: not a JSON object", "and 5 more"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	var ae *actorgraph.Error
	if !errors.As(err, &ae) || ae.Code != actorgraph.EInvalid {
		t.Errorf("errors.As(*actorgraph.Error) failed: %v", ae)
	}
}

func fmtInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}

func TestReadJSONLRefused(t *testing.T) {
	for name, in := range map[string]string{
		"empty":       "",
		"blank lines": "\n\n  \n",
	} {
		_, err := Read("x.jsonl", strings.NewReader(in), Options{})
		assertCode(t, err, actorgraph.EInvalid, "x.jsonl")
		_ = name
	}
	// every line bad: no documents, and the error lists them
	docs, err := Read("x.jsonl", strings.NewReader("nope\n{\"title\":\"t\"}\n"), Options{})
	assertCode(t, err, actorgraph.EInvalid, "x.jsonl")
	if len(docs) != 0 || !strings.Contains(err.Error(), "skipped 2 of 2 lines") {
		t.Errorf("docs %v, err %v", docs, err)
	}
	_, err = Read("x.jsonl", strings.NewReader(strings.Repeat(`{"text":"abc"}`+"\n", 100)), Options{MaxSize: 200})
	assertCode(t, err, actorgraph.ETooLarge, "x.jsonl")
}

func TestReadJSON(t *testing.T) {
	d := readOneDoc(t, "one.json", []byte("{\n  \"title\": \"Single\",\n  \"text\": \"One report in one object.\"\n}\n"), Options{URL: "file:///one.json"})
	if d.Title != "Single" || d.Text != "One report in one object." || d.URL != "file:///one.json" {
		t.Errorf("doc = %+v", d)
	}
	docs, err := Read("many.json", strings.NewReader(`[{"text":"First."}, {"nope":1}, {"text":"Third.","url":"https://example.org/3"}]`), Options{URL: "file:///many.json"})
	if len(docs) != 2 || docs[0].URL != "file:///many.json#item-1" || docs[1].URL != "https://example.org/3" {
		t.Errorf("docs = %+v", docs)
	}
	assertCode(t, err, actorgraph.EInvalid, "many.json")
	if !strings.Contains(err.Error(), "skipped 1 of 3 items: item 2") {
		t.Errorf("message %q", err)
	}
	for name, in := range map[string]string{
		"broken":       `[{"text":"a"`,
		"empty array":  `[]`,
		"scalar":       `"just a string"`,
		"no text":      `{"title":"t"}`,
		"invalid utf8": "{\"text\":\"caf\xe9\"}",
	} {
		_, err := Read("bad.json", strings.NewReader(in), Options{})
		assertCode(t, err, actorgraph.EInvalid, "bad.json")
		_ = name
	}
}
