package source

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
)

// assertCode asserts err is an *actorgraph.Error (or wraps one) with the
// wanted code and a one-line message that names name.
func assertCode(t *testing.T, err error, code, name string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", code)
	}
	if got := actorgraph.ErrorCode(err); got != code {
		t.Errorf("code = %q, want %q (message %q)", got, code, err)
	}
	msg := err.Error()
	if strings.ContainsAny(msg, "\r\n") {
		t.Errorf("message is not one line: %q", msg)
	}
	if name != "" && !strings.Contains(msg, name) {
		t.Errorf("message %q does not name %q", msg, name)
	}
}

// readDocs reads b as name and fails the test on error.
func readDocs(t *testing.T, name string, b []byte, opts Options) []actorgraph.Document {
	t.Helper()
	docs, err := Read(name, bytes.NewReader(b), opts)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return docs
}

// readOneDoc reads b as name and wants exactly one document.
func readOneDoc(t *testing.T, name string, b []byte, opts Options) actorgraph.Document {
	t.Helper()
	docs := readDocs(t, name, b, opts)
	if len(docs) != 1 {
		t.Fatalf("Read(%s): %d documents, want 1", name, len(docs))
	}
	return docs[0]
}

// checkDocs checks what every document Read returns must satisfy.
func checkDocs(t testing.TB, docs []actorgraph.Document) {
	t.Helper()
	for i, d := range docs {
		if strings.TrimSpace(d.Text) == "" {
			t.Fatalf("doc %d: empty text", i)
		}
		for field, v := range map[string]string{"text": d.Text, "title": d.Title, "publisher": d.Publisher, "url": d.URL, "id": d.ID} {
			if !utf8.ValidString(v) {
				t.Fatalf("doc %d: %s is not valid UTF-8: %q", i, field, v)
			}
			if strings.IndexByte(v, 0) >= 0 {
				t.Fatalf("doc %d: %s has a NUL: %q", i, field, v)
			}
		}
		if strings.ContainsAny(d.Title, "\r\n") || strings.ContainsAny(d.Publisher, "\r\n") {
			t.Fatalf("doc %d: title or publisher on more than one line: %q / %q", i, d.Title, d.Publisher)
		}
		if d.Published != "" && (len(d.Published) != 10 || NormalizeDate(d.Published) != d.Published) {
			t.Fatalf("doc %d: published %q is not YYYY-MM-DD", i, d.Published)
		}
	}
}

// pdfString escapes s for a PDF literal string.
func pdfString(s string) string {
	return "(" + strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(s) + ")"
}

// buildPDF writes a minimal valid PDF: one page for each element of
// pages, each line of it shown on its own line of the page with Td, in
// Helvetica; an Info dictionary with the given entries (Title, Author,
// CreationDate...) when info is not empty.
func buildPDF(info map[string]string, pages ...string) []byte {
	var objs []string // object bodies; object i+1 is objs[i]
	add := func(body string) int {
		objs = append(objs, body)
		return len(objs)
	}
	add("<< /Type /Catalog /Pages 2 0 R >>")
	add("") // the page tree, filled in below
	font := add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	var kids []string
	for _, p := range pages {
		var cs strings.Builder
		cs.WriteString("BT /F1 12 Tf 72 720 Td\n")
		for i, line := range strings.Split(p, "\n") {
			if i > 0 {
				cs.WriteString("0 -16 Td\n")
			}
			cs.WriteString(pdfString(line) + " Tj\n")
		}
		cs.WriteString("ET")
		content := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", cs.Len(), cs.String()))
		page := add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", font, content))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	infoRef := ""
	if len(info) > 0 {
		var d strings.Builder
		d.WriteString("<<")
		for _, k := range []string{"Title", "Author", "CreationDate", "Producer"} {
			if v, ok := info[k]; ok {
				d.WriteString(" /" + k + " " + pdfString(v))
			}
		}
		d.WriteString(" >>")
		infoRef = fmt.Sprintf(" /Info %d 0 R", add(d.String()))
	}
	return assemblePDF("%PDF-1.4", objs, infoRef)
}

// assemblePDF writes objects 1..len(objs) with a correct cross-reference
// table; object 1 is the catalog, trailerExtra adds trailer entries.
func assemblePDF(header string, objs []string, trailerExtra string) []byte {
	var b bytes.Buffer
	b.WriteString(header + "\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailerExtra, xref)
	return b.Bytes()
}

// streamObj writes a stream object with the given dictionary entries.
func streamObj(dict string, data []byte) string {
	return fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), dict, data)
}
