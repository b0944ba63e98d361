package source

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
)

func TestReadPDF(t *testing.T) {
	b := buildPDF(map[string]string{"Title": "Border brief", "Author": "Field Desk", "CreationDate": "D:20240305103000+02'00'"},
		"The militia crossed the river at night.\nThe army answered at dawn.",
		"Elders asked both sides to stop.")
	d := readOneDoc(t, "brief.pdf", b, Options{URL: "file:///tmp/brief.pdf"})
	checkDocs(t, []actorgraph.Document{d})
	want := "The militia crossed the river at night.\nThe army answered at dawn.\n\nElders asked both sides to stop."
	if d.Text != want {
		t.Errorf("text = %q, want %q", d.Text, want)
	}
	if d.Title != "Border brief" || d.Publisher != "Field Desk" || d.Published != "2024-03-05" || d.URL != "file:///tmp/brief.pdf" {
		t.Errorf("doc = %+v", d)
	}
}

func TestReadPDFNoInfo(t *testing.T) {
	d := readOneDoc(t, "x.pdf", buildPDF(nil, "Situation report\nThe camp received water."), Options{})
	if d.Title != "Situation report" || d.Published != "" || d.Publisher != "" {
		t.Errorf("doc = %+v", d)
	}
	// placeholder metadata is dropped, and no date is made up
	d = readOneDoc(t, "x.pdf", buildPDF(map[string]string{"Title": "Microsoft Word - draft3.docx", "Author": "Administrator", "CreationDate": "garbage"}, "Real first line"), Options{})
	if d.Title != "Real first line" || d.Publisher != "" || d.Published != "" {
		t.Errorf("doc = %+v", d)
	}
}

// TestReadPDFDetectedByContent reads a PDF whatever its name says.
func TestReadPDFDetectedByContent(t *testing.T) {
	b := buildPDF(nil, "Detected by its header.")
	for _, name := range []string{"report", "report.txt", "-"} {
		if d := readOneDoc(t, name, b, Options{}); d.Text != "Detected by its header." {
			t.Errorf("%s: text = %q", name, d.Text)
		}
	}
}

// TestReadPDFPositioning checks that lines placed with Tm, words placed
// with Td and TJ gaps come out as lines and spaces.
func TestReadPDFPositioning(t *testing.T) {
	content := []byte("BT /F1 12 Tf 1 0 0 1 72 720 Tm (First) Tj 1 0 0 1 110 720 Tm (line) Tj 1 0 0 1 72 700 Tm (Second line) Tj ET\n" +
		"BT /F1 12 Tf 72 680 Td (Third) Tj 40 0 Td (line) Tj 0 -20 Td [(Kerned)-120(word)-600(gap)] TJ T* (After T-star) Tj (Quote line) ' ET")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
		streamObj("", content),
	}
	d := readOneDoc(t, "pos.pdf", assemblePDF("%PDF-1.4", objs, ""), Options{})
	want := "First line\nSecond line\nThird line\nKernedword gap\nAfter T-star\nQuote line"
	if d.Text != want {
		t.Errorf("text = %q, want %q", d.Text, want)
	}
}

func TestReadPDFCompressed(t *testing.T) {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	fmt.Fprint(w, "BT /F1 12 Tf 72 720 Td (Compressed text stream.) Tj ET")
	w.Close()
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
		streamObj("/Filter /FlateDecode", z.Bytes()),
	}
	for _, header := range []string{"%PDF-1.5", "%PDF-2.0"} {
		b := assemblePDF(header, objs, "")
		b = append(b, "trailing garbage after the end marker, longer than one hundred bytes so the reader's tail window misses the marker entirely"...)
		d := readOneDoc(t, "z.pdf", b, Options{})
		if d.Text != "Compressed text stream." {
			t.Errorf("%s: text = %q", header, d.Text)
		}
	}
}

func TestReadPDFRefused(t *testing.T) {
	valid := buildPDF(map[string]string{"Title": "T"}, "Some text on the page.")
	noText := assemblePDF("%PDF-1.4", []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		streamObj("", []byte("0 0 m 100 100 l S")),
	}, "")
	cyclic := assemblePDF("%PDF-1.4", []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 2 >>",
	}, "")
	noPages := assemblePDF("%PDF-1.4", []string{"<< /Type /Catalog >>"}, "")
	emptyTree := assemblePDF("%PDF-1.4", []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"}, "")
	badFilter := assemblePDF("%PDF-1.4", []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		streamObj("/Filter /NoSuchDecode", []byte("BT (x) Tj ET")),
	}, "")
	badFlate := assemblePDF("%PDF-1.4", []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		streamObj("/Filter /FlateDecode", []byte("this is not zlib data")),
	}, "")
	// an encrypted PDF whose user password is not empty
	encrypted := assemblePDF("%PDF-1.4", []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Filter /Standard /V 1 /R 2 /O <" + strings.Repeat("ab", 32) + "> /U <" + strings.Repeat("cd", 32) + "> /P -4 >>",
	}, " /Encrypt 3 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]")
	strangeCrypt := assemblePDF("%PDF-1.4", []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Filter /NoSuchSecurity /V 9 >>",
	}, " /Encrypt 3 0 R")
	badXref := bytes.Replace(valid, []byte("xref\n"), []byte("xrof\n"), 1)
	shiftedOffsets := append([]byte("%PDF-1.4\n"+strings.Repeat("% padding line\n", 20)), valid[len("%PDF-1.4\n"):]...)

	tests := map[string]struct {
		b    []byte
		code string
		msg  string
	}{
		"empty":                     {nil, actorgraph.EInvalid, "not a PDF"},
		"text with .pdf extension":  {[]byte("This is a plain text memo, not a PDF."), actorgraph.EInvalid, "not a PDF"},
		"HTML with .pdf extension":  {[]byte("<html><body>Access denied</body></html>"), actorgraph.EInvalid, "not a PDF"},
		"PNG with .pdf extension":   {[]byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0}, actorgraph.EInvalid, "not a PDF"},
		"header only":               {[]byte("%PDF-1.4\n"), actorgraph.EInvalid, "%%EOF"},
		"truncated at half":         {valid[:len(valid)/2], actorgraph.EInvalid, "%%EOF"},
		"truncated before the end":  {valid[:len(valid)-8], actorgraph.EInvalid, "%%EOF"},
		"header and end marker":     {[]byte("%PDF-1.4\n%%EOF\n"), actorgraph.EInvalid, "PDF"},
		"broken xref":               {badXref, actorgraph.EInvalid, "PDF"},
		"shifted offsets":           {shiftedOffsets, actorgraph.EInvalid, "PDF"},
		"no text layer":             {noText, actorgraph.EInvalid, "no text layer"},
		"cyclic page tree":          {cyclic, actorgraph.EInvalid, "PDF"},
		"no page tree":              {noPages, actorgraph.EInvalid, "page tree"},
		"empty page tree":           {emptyTree, actorgraph.EInvalid, "no pages"},
		"unknown stream filter":     {badFilter, actorgraph.EInvalid, "PDF"},
		"corrupt compressed stream": {badFlate, actorgraph.EInvalid, "PDF"},
		"encrypted with a password": {encrypted, actorgraph.EInvalid, "encrypted PDF"},
		"unknown encryption":        {strangeCrypt, actorgraph.EInvalid, "encrypted PDF"},
		"garbage between markers":   {[]byte("%PDF-1.7\n" + strings.Repeat("\xff\xfe garbage ( [ << ", 200) + "\nstartxref\n9\n%%EOF"), actorgraph.EInvalid, "PDF"},
		"version 9":                 {[]byte("%PDF-9.9\nstartxref\n0\n%%EOF"), actorgraph.EInvalid, "PDF"},
		"startxref past the end":    {[]byte("%PDF-1.4\nstartxref\n999999\n%%EOF"), actorgraph.EInvalid, "PDF"},
		"startxref negative":        {[]byte("%PDF-1.4\nstartxref\n-5\n%%EOF"), actorgraph.EInvalid, "PDF"},
		"deeply nested trailer":     {[]byte("%PDF-1.4\nxref\n0 1\n0000000000 65535 f \ntrailer\n" + strings.Repeat("<< /A [", 5000) + "\nstartxref\n9\n%%EOF"), actorgraph.EInvalid, "PDF"},
		"invalid UTF-8 in a stream": {[]byte("%PDF-1.4\n1 0 obj\n<< /Length 4 >>\nstream\n\xff\xfe\xfd\xfc\nendstream\nendobj\nstartxref\n9\n%%EOF"), actorgraph.EInvalid, "PDF"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Read("report.pdf", bytes.NewReader(tc.b), Options{})
			assertCode(t, err, tc.code, "report.pdf")
			if err != nil && !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("message %q does not say %q", err, tc.msg)
			}
		})
	}
	_, err := Read("big.pdf", bytes.NewReader(valid), Options{MaxSize: 100})
	assertCode(t, err, actorgraph.ETooLarge, "big.pdf")
}

// TestReadPDFOddText checks that text in odd encodings comes out as valid
// UTF-8 without control characters.
func TestReadPDFOddText(t *testing.T) {
	content := []byte("BT /F9 12 Tf 72 720 Td (Caf\xe9 \x00\x01\x02 bytes \xff\xfe) Tj ET BT 72 700 Td (No font set \x80\x81) Tj ET")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		streamObj("", content),
		"<< /Title (Caf\xe9 \xff title) /Author <FEFF00410062> /CreationDate (D:2024) >>",
	}
	d := readOneDoc(t, "odd.pdf", assemblePDF("%PDF-1.4", objs, " /Info 5 0 R"), Options{})
	checkDocs(t, []actorgraph.Document{d})
	if !strings.Contains(d.Text, "Café") || !strings.Contains(d.Text, "No font set") {
		t.Errorf("text = %q", d.Text)
	}
	if d.Publisher != "Ab" || d.Published != "" {
		t.Errorf("doc = %+v", d)
	}
	for _, r := range d.Text {
		if r < 0x20 && r != '\n' && r != '\t' {
			t.Errorf("control character %U in %q", r, d.Text)
		}
	}
}

func TestFixPDFHeader(t *testing.T) {
	for in, want := range map[string]string{
		"%PDF-1.4\nrest": "%PDF-1.4\nrest",
		"%PDF-2.0\nrest": "%PDF-1.7\nrest",
		"%PDF-1.4 rest":  "%PDF-1.7\nrest",
		"%PDF-1.9\rrest": "%PDF-1.7\rrest",
		"%PDF-x.y\nrest": "%PDF-x.y\nrest",
		"%PDF-1":         "%PDF-1",
	} {
		if got := string(fixPDFHeader([]byte(in))); got != want {
			t.Errorf("fixPDFHeader(%q) = %q, want %q", in, got, want)
		}
	}
}
