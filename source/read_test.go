package source

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
)

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"text": FormatText, "MD": FormatMarkdown, "htm": FormatHTML, "pdf": FormatPDF,
		"ndjson": FormatJSONL, "json": FormatJSON, "rss": FormatFeed, " Atom ": FormatFeed} {
		got, err := ParseFormat(in)
		if err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := ParseFormat("docx")
	assertCode(t, err, actorgraph.EInvalid, "docx")
}

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		name, ct, content string
		want              Format
	}{
		{"a.txt", "", "Plain words.", FormatText},
		{"a.md", "", "# Heading", FormatMarkdown},
		{"a.html", "", "just words", FormatHTML},
		{"a.HTM", "", "<p>x</p>", FormatHTML},
		{"a.jsonl", "", `{"text":"x"}`, FormatJSONL},
		{"a.json", "", `[{"text":"x"}]`, FormatJSON},
		{"a.rss", "", "<rss></rss>", FormatFeed},
		{"a.xml", "", "<feed></feed>", FormatFeed},
		{"a.pdf", "", "not a pdf at all", FormatPDF},
		{"page.xml", "", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>`, FormatHTML},
		{"feed.json", "", `{"version":"https://jsonfeed.org/version/1","items":[]}`, FormatFeed},
		{"a.txt", "", "%PDF-1.4\n...", FormatPDF}, // the content wins over a wrong extension
		{"-", "", "%PDF-1.7\n", FormatPDF},
		{"-", "", "<!DOCTYPE html><html><body>x</body></html>", FormatHTML},
		{"-", "", "\ufeff  <html><p>x", FormatHTML},
		{"-", "", `<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>`, FormatFeed},
		{"-", "", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>`, FormatFeed},
		{"-", "", `<?xml version="1.0"?><other/>`, FormatFeed},
		{"-", "", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n", FormatJSONL},
		{"-", "", "{\n  \"text\": \"a\"\n}\n", FormatJSON},
		{"-", "", `[{"text":"a"}]`, FormatJSON},
		{"-", "", `{"version":"https://jsonfeed.org/version/1.1","items":[]}`, FormatFeed},
		{"-", "", "---\ntitle: A brief\n---\nBody.", FormatMarkdown},
		{"-", "", "---\n\nA rule, then text.\n\n---\n", FormatText},
		{"-", "", "<Unclassified> memo about the road", FormatText},
		{"-", "", "Words only.", FormatText},
		{"page", "text/html; charset=utf-8", "words", FormatHTML},
		{"feed", "application/rss+xml", "<rss></rss>", FormatFeed},
		{"feed", "application/rss+xml", "<!doctype html><html><body>an error page</body></html>", FormatHTML},
		{"x.html", "application/pdf", "%PDF-1.4", FormatPDF},
		{"x.txt", "application/octet-stream", "words", FormatText},
		{"x", "text/plain", "<html><body>x</body></html>", FormatHTML},
		{"x", "text/markdown", "words", FormatMarkdown},
	}
	for _, tc := range tests {
		if got := DetectFormat(tc.name, []byte(tc.content), tc.ct); got != tc.want {
			t.Errorf("DetectFormat(%q, %q, %q) = %q, want %q", tc.name, tc.content, tc.ct, got, tc.want)
		}
	}
}

func TestSupported(t *testing.T) {
	for _, p := range []string{"a.txt", "b/c.MD", "x.html", "r.pdf", "l.jsonl", "f.rss", "f.atom", "f.xml", "a.json"} {
		if !Supported(p) {
			t.Errorf("Supported(%q) = false", p)
		}
	}
	for _, p := range []string{"a.png", "b", "c.docx", ".hidden", "x.go"} {
		if Supported(p) {
			t.Errorf("Supported(%q) = true", p)
		}
	}
}

func TestReadPlainText(t *testing.T) {
	d := readOneDoc(t, "brief.txt", []byte("\xef\xbb\xbfWeekly brief\n\nThe convoy reached the camp.\n"), Options{URL: "https://example.org/b"})
	if d.Text != "Weekly brief\n\nThe convoy reached the camp.\n" || d.Title != "Weekly brief" || d.URL != "https://example.org/b" || d.Published != "" {
		t.Errorf("doc = %+v", d)
	}
	// text keeps the bytes as they are: offsets into it are offsets into the file
	in := "Line one  \r\n\tindented\n"
	if d := readOneDoc(t, "x.txt", []byte(in), Options{}); d.Text != in {
		t.Errorf("text = %q, want %q", d.Text, in)
	}
	// a .txt file with front matter is plain text
	in = "---\ntitle: Not parsed\n---\nBody.\n"
	if d := readOneDoc(t, "x.txt", []byte(in), Options{}); d.Text != in {
		t.Errorf("text = %q, want it untouched", d.Text)
	}
}

func TestReadPlainTextDateline(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Title\n\nPublished: 2023-03-01\n\nBody.\n", "2023-03-01"},
		{"Title\n**Date:** 4 May 2024\nBody.\n", "2024-05-04"},
		{"Title\nPublished: soon\nBody.\n", ""},                    // not a date: nothing guessed
		{"Title\nThe talks were dated: 2020-01-01 by some.\n", ""}, // not a line of its own
		{"1\n2\n3\n4\n5\n6\n7\n8\n9\nDate: 2020-01-01\n", ""},      // too far down
	}
	for _, c := range cases {
		d := readOneDoc(t, "r.txt", []byte(c.in), Options{})
		if d.Published != c.want || d.Text != c.in {
			t.Errorf("%q: published %q, want %q (text kept: %v)", c.in, d.Published, c.want, d.Text == c.in)
		}
	}
}

func TestReadPlainTextErrors(t *testing.T) {
	for name, in := range map[string][]byte{
		"empty.txt":   nil,
		"blank.md":    []byte(" \n\t\n"),
		"latin1.txt":  []byte("caf\xe9 au lait"),
		"latin1.md":   []byte("---\ntitle: x\n---\ncaf\xe9"),
		"binary.txt":  {0x89, 'P', 'N', 'G', 0, 0},
		"noext":       []byte("text with a \x00 NUL"),
		"badfront.md": []byte("---\ntitle: Only metadata\n---\n\n  \n"),
	} {
		_, err := Read(name, bytes.NewReader(in), Options{})
		assertCode(t, err, actorgraph.EInvalid, name)
	}
	_, err := Read("big.txt", strings.NewReader(strings.Repeat("x", 101)), Options{MaxSize: 100})
	assertCode(t, err, actorgraph.ETooLarge, "big.txt")
}

func TestReadPlainTextCharset(t *testing.T) {
	d := readOneDoc(t, "x", []byte("caf\xe9 near the border"), Options{ContentType: "text/plain; charset=iso-8859-1"})
	if d.Text != "café near the border" {
		t.Errorf("text = %q", d.Text)
	}
	_, err := Read("x", bytes.NewReader([]byte("caf\xe9")), Options{ContentType: "text/plain; charset=no-such-charset"})
	assertCode(t, err, actorgraph.EInvalid, "x")
}

func TestReadMarkdownFrontMatter(t *testing.T) {
	in := "---\n" +
		"title: \"Clashes on the northern road\"\n" +
		"date: 2024-03-05\n" +
		"url: https://example.org/briefs/northern-road\n" +
		"publisher: 'Field Desk'\n" +
		"tags:\n  - sahel\n  - roads\n" +
		"# a comment\n" +
		"---\n" +
		"# Clashes on the northern road\n\nThe brigade *attacked* an army post.\n\n---\n\nMore text.\n"
	d := readOneDoc(t, "brief.md", []byte(in), Options{})
	wantText := "# Clashes on the northern road\n\nThe brigade *attacked* an army post.\n\n---\n\nMore text.\n"
	if d.Text != wantText {
		t.Errorf("text = %q, want %q", d.Text, wantText)
	}
	if d.Title != "Clashes on the northern road" || d.Published != "2024-03-05" || d.URL != "https://example.org/briefs/northern-road" || d.Publisher != "Field Desk" {
		t.Errorf("doc = %+v", d)
	}

	t.Run("published and source keys", func(t *testing.T) {
		in := "---\r\npublished: 2023-11-02T22:15:00-03:00\r\nsource: Coastal Observer\r\n...\r\nBody text.\r\n"
		d := readOneDoc(t, "b.markdown", []byte(in), Options{URL: "file:///b.markdown"})
		if d.Published != "2023-11-03" || d.Publisher != "Coastal Observer" || d.Text != "Body text.\r\n" || d.Title != "Body text." || d.URL != "file:///b.markdown" {
			t.Errorf("doc = %+v", d)
		}
	})
	t.Run("source as URL", func(t *testing.T) {
		d := readOneDoc(t, "b.md", []byte("---\nsource: https://example.org/x\n---\nBody."), Options{})
		if d.URL != "https://example.org/x" || d.Publisher != "" {
			t.Errorf("doc = %+v", d)
		}
	})
	t.Run("unknown date left empty", func(t *testing.T) {
		d := readOneDoc(t, "b.md", []byte("---\ndate: sometime last spring\n---\nBody."), Options{})
		if d.Published != "" {
			t.Errorf("published = %q, want empty", d.Published)
		}
	})
	t.Run("no closing line: text as is", func(t *testing.T) {
		in := "---\ntitle: x\nBody without a closing line.\n"
		d := readOneDoc(t, "b.md", []byte(in), Options{})
		if d.Text != in {
			t.Errorf("text = %q", d.Text)
		}
	})
	t.Run("a leading rule is not front matter", func(t *testing.T) {
		in := "---\n\nThe army said the road was open.\n\n---\n\nEnd.\n"
		d := readOneDoc(t, "b.md", []byte(in), Options{})
		if d.Text != in {
			t.Errorf("text = %q", d.Text)
		}
	})
}

func TestFrontMatterScalars(t *testing.T) {
	for in, want := range map[string]string{
		`plain value`:                "plain value",
		`plain # with comment`:       "plain",
		`"double \"quoted\""`:        `double "quoted"`,
		`'single ''quoted'''`:        "single 'quoted'",
		`"unterminated`:              "",
		`[a, b]`:                     "",
		`|`:                          "",
		"  spaced   out  ":           "spaced out",
		`"https://example.org/a#b"`:  "https://example.org/a#b",
		`https://example.org/a#frag`: "https://example.org/a#frag",
		`"line\nbreak"`:              "line break",
		`value with a #comment`:      "value with a",
		`issue#7 stays`:              "issue#7 stays",
	} {
		if got := yamlScalar(in); got != want {
			t.Errorf("yamlScalar(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeDate(t *testing.T) {
	for in, want := range map[string]string{
		"2024-03-05":                      "2024-03-05",
		" 2024-03-05 ":                    "2024-03-05",
		"2024-03-05T10:00:00Z":            "2024-03-05",
		"2024-03-05T23:30:00-05:00":       "2024-03-06", // UTC
		"2024-03-05T01:30:00+03:00":       "2024-03-04",
		"2024-03-05T10:00:00.123Z":        "2024-03-05",
		"2024-03-05T10:00:00+0100":        "2024-03-05",
		"2024-03-05T10:00":                "2024-03-05",
		"2024-03-05 10:00:00":             "2024-03-05",
		"2024/03/05":                      "2024-03-05",
		"20240305":                        "2024-03-05",
		"Tue, 05 Mar 2024 10:00:00 GMT":   "2024-03-05",
		"Tue, 05 Mar 2024 23:00:00 -0800": "2024-03-06",
		"Tue, 5 Mar 2024 10:00:00 +0000":  "2024-03-05",
		"5 March 2024":                    "2024-03-05",
		"05 Mar 2024":                     "2024-03-05",
		"March 5, 2024":                   "2024-03-05",
		"march 5, 2024":                   "2024-03-05",
		"MARCH 5 2024":                    "2024-03-05",
		"Mar. 5, 2024":                    "2024-03-05",
		"Sept. 9, 2023":                   "2023-09-09",
		"March 5th, 2024":                 "2024-03-05",
		"Tuesday, March 5, 2024":          "2024-03-05",
		"D:20240305103000+02'00'":         "2024-03-05",
		"D:20240305013000+02'00'":         "2024-03-04",
		"D:20240305":                      "2024-03-05",
		"1709632800":                      "2024-03-05",
		"1709632800000":                   "2024-03-05",
		"2024-03-05 10:00:00 UTC":         "2024-03-05",
		// unknown or ambiguous: never guessed
		"":                               "",
		"03/05/2024":                     "",
		"05.03.24":                       "",
		"yesterday":                      "",
		"2024-02-30":                     "",
		"2024-13-01":                     "",
		"D:20240231":                     "",
		"0000-01-01":                     "",
		"12":                             "",
		"2024":                           "",
		"March 2024":                     "",
		"0001-01-01T00:00:00Z":           "",
		strings.Repeat("2024-03-05", 20): "",
	} {
		if got := NormalizeDate(in); got != want {
			t.Errorf("NormalizeDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadPath(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "brief.md")
	if err := os.WriteFile(p, []byte("---\ntitle: From disk\n---\nThe envoy arrived.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := ReadPath(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].Title != "From disk" || !strings.HasPrefix(docs[0].URL, "file://") || !strings.HasSuffix(docs[0].URL, "/brief.md") {
		t.Errorf("docs = %+v", docs)
	}
	_, err = ReadPath(filepath.Join(dir, "missing.txt"), Options{})
	assertCode(t, err, actorgraph.ENotFound, "missing.txt")
	_, err = ReadPath(dir, Options{})
	assertCode(t, err, actorgraph.EInvalid, dir)
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, bytes.Repeat([]byte("a"), 200), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadPath(big, Options{MaxSize: 100})
	assertCode(t, err, actorgraph.ETooLarge, "big.txt")

	// JSON Lines records without a URL get the file's, with a line fragment
	jl := filepath.Join(dir, "reports.jsonl")
	if err := os.WriteFile(jl, []byte("{\"text\":\"One.\"}\n\n{\"text\":\"Two.\",\"url\":\"https://example.org/two\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err = ReadPath(jl, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || !strings.HasSuffix(docs[0].URL, "/reports.jsonl#L1") || docs[1].URL != "https://example.org/two" {
		t.Errorf("docs = %+v", docs)
	}
}

func TestReadUnknownFormat(t *testing.T) {
	_, err := Read("x", strings.NewReader("words"), Options{Format: "docx"})
	assertCode(t, err, actorgraph.EInvalid, "x")
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire\nsecond line") }

func TestReadReaderError(t *testing.T) {
	_, err := Read("broken.txt", failingReader{}, Options{})
	assertCode(t, err, actorgraph.EInvalid, "broken.txt")
}

func TestCleanText(t *testing.T) {
	in := "  \n\nFirst line \r\nsecond\x00 line\x07\n\n\n\n\tThird\u00a0para\u2028next\n  \n"
	want := "First line\nsecond line\n\n\tThird para\nnext"
	if got := cleanText(in); got != want {
		t.Errorf("cleanText = %q, want %q", got, want)
	}
	if got := cleanText("bad \xff byte"); got != "bad \uFFFD byte" {
		t.Errorf("cleanText = %q", got)
	}
}

func TestCleanTitle(t *testing.T) {
	long := strings.Repeat("é", 400) // 800 bytes
	got := cleanTitle(long)
	if len(got) > maxTitle || !strings.HasPrefix(long, got) {
		t.Errorf("title of %d bytes, or cut inside a rune", len(got))
	}
	if got := cleanTitle(" a\n\tb\x00c "); got != "a b c" {
		t.Errorf("cleanTitle = %q", got)
	}
}
