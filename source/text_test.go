package source

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
)

var pngHeader = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'}

func TestReadText(t *testing.T) {
	tests := []struct {
		name  string
		in    []byte
		limit int64
		code  string // "" when the input is accepted
		text  string // the accepted text
		title string
	}{
		{name: "plain", in: []byte("Fighting resumed near the border.\n"), text: "Fighting resumed near the border.\n", title: "Fighting resumed near the border."},
		{name: "markdown heading", in: []byte("\n# Weekly brief\n\nBody text.\n"), text: "\n# Weekly brief\n\nBody text.\n", title: "Weekly brief"},
		{name: "leading BOM dropped", in: []byte("\xef\xbb\xbfThe militia withdrew."), text: "The militia withdrew.", title: "The militia withdrew."},
		{name: "accents and dashes", in: []byte("Bamako — the junta’s envoy met Ségou’s elders."), text: "Bamako — the junta’s envoy met Ségou’s elders.", title: "Bamako — the junta’s envoy met Ségou’s elders."},
		{name: "empty", in: nil, code: actorgraph.EInvalid},
		{name: "whitespace only", in: []byte(" \n\t\r\n  \n"), code: actorgraph.EInvalid},
		{name: "BOM only", in: []byte("\xef\xbb\xbf\n"), code: actorgraph.EInvalid},
		{name: "binary PNG header", in: pngHeader, code: actorgraph.EInvalid},
		{name: "NUL inside text", in: []byte("some text\x00more text"), code: actorgraph.EInvalid},
		{name: "invalid UTF-8", in: []byte("Latin-1 caf\xe9 and more"), code: actorgraph.EInvalid},
		{name: "truncated UTF-8 at end", in: []byte("ends badly \xe2\x80"), code: actorgraph.EInvalid},
		{name: "at the limit", in: bytes.Repeat([]byte("a"), 100), limit: 100, text: strings.Repeat("a", 100), title: strings.Repeat("a", 100)},
		{name: "just over the limit", in: bytes.Repeat([]byte("a"), 101), limit: 100, code: actorgraph.ETooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			const name = "report-x.txt"
			doc, err := ReadText(bytes.NewReader(tc.in), name, tc.limit)
			if tc.code != "" {
				assertCode(t, err, tc.code, name)
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if doc.Text != tc.text {
				t.Errorf("text = %q, want %q", doc.Text, tc.text)
			}
			if doc.Title != tc.title {
				t.Errorf("title = %q, want %q", doc.Title, tc.title)
			}
		})
	}
}

func TestReadTextSmallLimitMessage(t *testing.T) {
	_, err := ReadText(strings.NewReader(strings.Repeat("x", 2000)), "small.txt", 1000)
	assertCode(t, err, actorgraph.ETooLarge, "small.txt")
	if strings.Contains(err.Error(), " 0 MiB") {
		t.Errorf("limit written as 0 MiB: %q", err)
	}
}

func TestReadTextTitleTruncated(t *testing.T) {
	long := strings.Repeat("word ", 100)
	doc, err := ReadText(strings.NewReader(long), "long.txt", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Title) > 200 {
		t.Errorf("title has %d bytes, want at most 200", len(doc.Title))
	}
}

func TestReadTextLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("64 MB input skipped in -short mode")
	}
	line := []byte("The armed group attacked a convoy near the border and the army responded.\n")
	in := bytes.Repeat(line, (64<<20)/len(line)+1)
	doc, err := ReadText(bytes.NewReader(in), "big.txt", 0)
	if err != nil {
		t.Fatalf("64 MB report refused: %v", err)
	}
	if len(doc.Text) != len(in) {
		t.Errorf("read %d bytes, want %d", len(doc.Text), len(in))
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte("Brief on the north\n\nThe militia withdrew from the town.\n"))
	tests := []struct {
		name string
		path string
		code string
	}{
		{"empty", write("empty.txt", nil), actorgraph.EInvalid},
		{"whitespace", write("blank.txt", []byte("\n\n   \n")), actorgraph.EInvalid},
		{"binary", write("image.png", pngHeader), actorgraph.EInvalid},
		{"invalid UTF-8", write("latin1.txt", []byte("na\xefve text")), actorgraph.EInvalid},
		{"missing", filepath.Join(dir, "no-such-report.txt"), actorgraph.ENotFound},
		{"directory", dir, actorgraph.EInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadFile(tc.path, nil)
			assertCode(t, err, tc.code, tc.path)
		})
	}
	t.Run("good", func(t *testing.T) {
		doc, err := ReadFile(good, nil)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != "Brief on the north" {
			t.Errorf("title = %q", doc.Title)
		}
		if !strings.HasPrefix(doc.URL, "file://") || !strings.HasSuffix(doc.URL, "good.txt") {
			t.Errorf("url = %q", doc.URL)
		}
	})
	t.Run("stdin", func(t *testing.T) {
		doc, err := ReadFile("-", strings.NewReader("\xef\xbb\xbfFrom a pipe."))
		if err != nil {
			t.Fatal(err)
		}
		if doc.Text != "From a pipe." || doc.URL != "" {
			t.Errorf("doc = %+v", doc)
		}
		_, err = ReadFile("-", strings.NewReader(""))
		assertCode(t, err, actorgraph.EInvalid, "standard input")
	})
	t.Run("over the size limit", func(t *testing.T) {
		p := filepath.Join(dir, "huge.txt")
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		// sparse: no disk blocks are written
		if err := os.Truncate(p, 200<<20); err != nil {
			t.Skipf("cannot make a sparse file: %v", err)
		}
		_, err = ReadFile(p, nil)
		assertCode(t, err, actorgraph.ETooLarge, p)
	})
}

func FuzzCheckText(f *testing.F) {
	for _, s := range []string{"", " ", "hello", "\xef\xbb\xbf", "\xef\xbb\xbfhi", "a\x00b", "caf\xe9",
		"\xe2\x80", string(pngHeader), "line one\nline two\n", "\u2028\u00a0\t"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		in := append([]byte(nil), b...)
		s, err := CheckText(b, "fuzz.txt")
		if !bytes.Equal(in, b) {
			t.Fatal("CheckText changed its input")
		}
		if err != nil {
			if actorgraph.ErrorCode(err) != actorgraph.EInvalid {
				t.Fatalf("code %q for %q", actorgraph.ErrorCode(err), b)
			}
			if strings.ContainsAny(err.Error(), "\r\n") || !strings.Contains(err.Error(), "fuzz.txt") {
				t.Fatalf("bad message %q", err)
			}
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("accepted invalid UTF-8 %q", s)
		}
		if strings.IndexByte(s, 0) >= 0 {
			t.Fatalf("accepted NUL byte in %q", s)
		}
		if strings.TrimSpace(s) == "" {
			t.Fatalf("accepted blank text %q", s)
		}
		if s != strings.TrimPrefix(string(b), "\xef\xbb\xbf") {
			t.Fatalf("accepted text %q differs from input %q beyond the BOM", s, b)
		}
	})
}
