package source

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
)

// checkReadResult checks what Read must guarantee for any input: either
// documents that are valid, or an *actorgraph.Error with a one-line
// message naming the input (or both, for skipped JSON lines).
func checkReadResult(t *testing.T, name string, docs []actorgraph.Document, err error) {
	t.Helper()
	if err != nil {
		code := actorgraph.ErrorCode(err)
		if code != actorgraph.EInvalid && code != actorgraph.ETooLarge {
			t.Fatalf("code %q: %v", code, err)
		}
		msg := err.Error()
		if strings.ContainsAny(msg, "\r\n") || !strings.Contains(msg, name) || !utf8.ValidString(msg) {
			t.Fatalf("bad message %q", msg)
		}
		var bad *BadLinesError
		if len(docs) > 0 && !errors.As(err, &bad) {
			t.Fatalf("documents returned with a fatal error: %v", err)
		}
	} else if len(docs) == 0 {
		t.Fatal("no documents and no error")
	}
	checkDocs(t, docs)
}

func FuzzReadHTML(f *testing.F) {
	for _, s := range []string{
		articlePage,
		"<p>The mayor resigned on Friday.</p>",
		"<html><head><title>T</title><meta property=\"article:published_time\" content=\"2024-03-05\"></head><body><article><p>Body.</p></article></body></html>",
		`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-01-01"}</script><p>x</p>`,
		"<div><div><div><p>deep</p></div></div></div>",
		"<p>a &lt;script&gt;b&lt;/script&gt; c</p>",
		"<noscript><p>n</p></noscript><p>y</p>",
		"<meta charset=\"windows-1252\"><p>caf\xe9</p>",
		"<time datetime=\"2023-02-03\">x</time><p>words</p>",
		"",
		"<",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		docs, err := Read("fuzz.html", bytes.NewReader(b), Options{Format: FormatHTML})
		checkReadResult(t, "fuzz.html", docs, err)
		for _, d := range docs {
			for _, field := range []string{d.Text, d.Title, d.Publisher} {
				if rxScriptTag.MatchString(field) {
					t.Fatalf("script tag in %q", field)
				}
			}
		}
	})
}

func FuzzReadJSONL(f *testing.F) {
	for _, s := range []string{
		`{"text":"One report."}`,
		"{\"title\":\"T\",\"body\":\"B\",\"url\":\"https://example.org/a\",\"date\":\"2024-03-05\"}\n{\"content\":\"C\",\"source\":{\"name\":\"S\"},\"published\":1709632800}\n",
		"{\"html\":\"<p>x</p>\"}\nnot json\n\n{\"text\":\"\"}\n",
		`{"text":"a","id":7,"published":"Tue, 05 Mar 2024 10:00:00 GMT"}`,
		"{\"text\":\"caf\xe9\"}",
		"[1]\n{}\nnull\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		docs, err := Read("fuzz.jsonl", bytes.NewReader(b), Options{Format: FormatJSONL, URL: "file:///fuzz.jsonl"})
		checkReadResult(t, "fuzz.jsonl", docs, err)
		var bad *BadLinesError
		if errors.As(err, &bad) {
			if len(bad.Lines) == 0 || len(bad.Lines)+len(docs) != bad.Total {
				t.Fatalf("%d bad + %d good != %d", len(bad.Lines), len(docs), bad.Total)
			}
			lines := bytes.Count(b, []byte("\n")) + 1
			for i, l := range bad.Lines {
				if l.Line < 1 || l.Line > lines || i > 0 && l.Line <= bad.Lines[i-1].Line {
					t.Fatalf("bad line numbers %+v", bad.Lines)
				}
			}
		}
		// JSON arrays go the same way
		docs, err = Read("fuzz.json", bytes.NewReader(b), Options{Format: FormatJSON})
		checkReadResult(t, "fuzz.json", docs, err)
	})
}

func FuzzReadFeed(f *testing.F) {
	for _, s := range []string{
		rssFeed,
		atomFeed,
		`<rss version="2.0"><channel><title>C</title><item><title>T</title><description>D</description><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title><content type="html">&lt;p&gt;x&lt;/p&gt;</content><updated>2024-03-05T10:00:00Z</updated></entry></feed>`,
		`<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><item><description>caf` + "\xe9" + `</description></item></channel></rss>`,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>R</title><description>D</description></item></rdf:RDF>`,
		`{"version":"https://jsonfeed.org/version/1.1","items":[{"content_html":"<p>x</p>"}]}`,
		"<rss><channel><item>",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		docs, err := Read("fuzz.xml", bytes.NewReader(b), Options{Format: FormatFeed})
		checkReadResult(t, "fuzz.xml", docs, err)
		for _, d := range docs {
			if rxScriptTag.MatchString(d.Text) || rxScriptTag.MatchString(d.Title) {
				t.Fatalf("script tag in %+v", d)
			}
		}
	})
}

func FuzzReadPDF(f *testing.F) {
	valid := buildPDF(map[string]string{"Title": "T", "Author": "A", "CreationDate": "D:20240305"}, "Line one.\nLine two.", "Page two.")
	f.Add(valid)
	f.Add(buildPDF(nil, "x"))
	f.Add(valid[:len(valid)/2])
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	fmt.Fprint(w, "BT /F1 12 Tf 1 0 0 1 72 720 Tm [(A)-300(b)] TJ T* (c) ' ET")
	w.Close()
	f.Add(assemblePDF("%PDF-1.5", []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
		streamObj("/Filter /FlateDecode", z.Bytes()),
	}, ""))
	f.Add([]byte("%PDF-1.4\n%%EOF"))
	f.Add([]byte("not a pdf"))
	f.Fuzz(func(t *testing.T, b []byte) {
		docs, err := Read("fuzz.pdf", bytes.NewReader(b), Options{Format: FormatPDF})
		checkReadResult(t, "fuzz.pdf", docs, err)
		for _, d := range docs {
			for _, r := range d.Text {
				if r < 0x20 && r != '\n' && r != '\t' {
					t.Fatalf("control character %U in the text", r)
				}
			}
		}
	})
}

func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: T\ndate: 2024-03-05\n---\nBody.\n",
		"---\r\ntitle: \"Quoted \\\" title\"\r\nurl: https://example.org/x\r\n...\r\nBody",
		"---\ntags:\n  - a\n  - b\nsource: Agency\n---\n",
		"---\n\ntext\n\n---\n",
		"---\ntitle: 'it''s'\n",
		"\ufeff---\npublisher: P # comment\n---\nx",
		"no front matter",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fm, body, ok := parseFrontMatter(s)
		if !ok {
			if body != s || fm != nil {
				t.Fatalf("not front matter, but body or metadata changed")
			}
		} else {
			if !strings.HasSuffix(s, body) || len(body) >= len(s) {
				t.Fatalf("body %q is not a proper suffix of the input", body)
			}
			if len(fm) == 0 {
				t.Fatal("front matter without keys")
			}
			for k, v := range fm {
				if k != strings.ToLower(k) || strings.ContainsAny(v, "\r\n") || !utf8.ValidString(v) && utf8.ValidString(s) {
					t.Fatalf("bad entry %q: %q", k, v)
				}
			}
		}
		docs, err := Read("fuzz.md", strings.NewReader(s), Options{Format: FormatMarkdown})
		checkReadResult(t, "fuzz.md", docs, err)
		if err == nil && ok && docs[0].Text != body {
			t.Fatalf("text %q, want the body %q", docs[0].Text, body)
		}
	})
}
