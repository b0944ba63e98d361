package source

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/ledongthuc/pdf"

	"github.com/actorgraph/actorgraph"
)

// Limits on the work one PDF may ask for.
const (
	maxPDFPages     = 20000                 // pages read
	maxPDFTreeNodes = 2*maxPDFPages + 10000 // page-tree nodes visited (bounds cyclic trees)
	maxPDFTreeDepth = 64                    // page-tree depth
	maxPDFOps       = 20_000_000            // content-stream operators interpreted, all pages together
)

// pdfAbort stops reading a PDF from inside the library's interpreter.
type pdfAbort struct {
	code, msg string
}

// readPDF reads the text layer of a PDF, with its Info title, author
// (as Publisher) and creation date. The PDF library can panic on damaged
// files: every panic is recovered and reported as an EInvalid error.
func readPDF(name string, b []byte, opts Options) (docs []actorgraph.Document, err error) {
	start := bytes.Index(b[:min(len(b), 1024)], []byte("%PDF-"))
	if start < 0 {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: not a PDF: it does not start with a %%PDF- header", name)
	}
	b = b[start:]
	end := bytes.LastIndex(b, []byte("%%EOF"))
	if end < 0 {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: truncated or damaged PDF: there is no %%%%EOF end marker", name)
	}
	b = fixPDFHeader(b[:end+len("%%EOF")])

	defer func() {
		if r := recover(); r != nil {
			docs = nil
			if a, ok := r.(pdfAbort); ok {
				err = actorgraph.Errorf(a.code, "%s: %s", name, a.msg)
				return
			}
			err = actorgraph.Errorf(actorgraph.EInvalid, "%s: damaged or unsupported PDF: the PDF reader failed (%s)", name, oneLine(fmt.Sprint(r)))
		}
	}()

	rd, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		msg := oneLine(err.Error())
		if errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(strings.ToLower(msg), "encrypt") {
			return nil, actorgraph.Errorf(actorgraph.EInvalid,
				"%s: encrypted PDF: it needs a password or an encryption this reader lacks (%s); save an unencrypted copy first", name, msg)
		}
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: damaged or unsupported PDF: %s", name, msg)
	}

	pages, err := pdfPages(name, rd)
	if err != nil {
		return nil, err
	}
	limit := opts.MaxSize
	if limit <= 0 {
		limit = MaxTextSize
	}
	x := &pdfText{limit: limit}
	var failed int
	var firstErr string
	for _, p := range pages {
		if msg := x.page(p); msg != "" {
			failed++
			if firstErr == "" {
				firstErr = msg
			}
		}
		x.pageBreak()
	}
	text := cleanText(x.out.String())
	if text == "" {
		if failed > 0 {
			return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: damaged or unsupported PDF: no page could be read (%s)", name, firstErr)
		}
		return nil, actorgraph.Errorf(actorgraph.EInvalid,
			"%s: the PDF has no text layer (a scan?); run OCR on it first", name)
	}

	info := rd.Trailer().Key("Info")
	d := actorgraph.Document{Text: text, URL: opts.URL}
	d.Title = pdfTitle(info.Key("Title").Text())
	if d.Title == "" {
		d.Title = titleFromText(text)
	}
	d.Publisher = pdfAuthor(info.Key("Author").Text())
	d.Published = NormalizeDate(cleanTitle(info.Key("CreationDate").Text()))
	return []actorgraph.Document{d}, nil
}

// fixPDFHeader rewrites a "%PDF-2.0" header, or one followed by a space,
// to the "%PDF-1.7" plus newline that the PDF library insists on,
// keeping every byte offset.
func fixPDFHeader(b []byte) []byte {
	if len(b) < 9 {
		return b
	}
	ok := bytes.HasPrefix(b, []byte("%PDF-1.")) && b[7] >= '0' && b[7] <= '7' && (b[8] == '\r' || b[8] == '\n')
	if ok {
		return b
	}
	digits := b[5] >= '1' && b[5] <= '2' && b[6] == '.' && b[7] >= '0' && b[7] <= '9'
	if !digits || !(b[8] == ' ' || b[8] == '\t' || b[8] == '\r' || b[8] == '\n' || b[8] == '%') {
		return b
	}
	c := bytes.Clone(b)
	copy(c[5:8], "1.7")
	if c[8] != '\r' && c[8] != '\n' {
		c[8] = '\n'
	}
	return c
}

// pdfPages walks the page tree without recursion, bounding its depth and
// size so that a cyclic or huge tree ends.
func pdfPages(name string, rd *pdf.Reader) ([]pdf.Page, error) {
	root := rd.Trailer().Key("Root").Key("Pages")
	if root.IsNull() {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: damaged PDF: it has no page tree", name)
	}
	type item struct {
		v     pdf.Value
		depth int
	}
	stack := []item{{root, 0}}
	var pages []pdf.Page
	for visited := 0; len(stack) > 0; visited++ {
		if visited > maxPDFTreeNodes {
			return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: damaged PDF: its page tree has more than %d nodes (a cycle?)", name, maxPDFTreeNodes)
		}
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		kids := it.v.Key("Kids")
		typ := it.v.Key("Type").Name()
		switch {
		case typ == "Pages" || typ == "" && kids.Kind() == pdf.Array:
			if it.depth >= maxPDFTreeDepth {
				continue
			}
			n := kids.Len()
			if n > maxPDFTreeNodes {
				n = maxPDFTreeNodes
			}
			for i := n - 1; i >= 0; i-- {
				stack = append(stack, item{kids.Index(i), it.depth + 1})
			}
		case typ == "Page" || typ == "" && !it.v.Key("Contents").IsNull():
			pages = append(pages, pdf.Page{V: it.v})
			if len(pages) > maxPDFPages {
				return nil, actorgraph.Errorf(actorgraph.ETooLarge, "%s: more than %d pages; split the PDF", name, maxPDFPages)
			}
		}
	}
	if len(pages) == 0 {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: the PDF has no pages", name)
	}
	return pages, nil
}

// pdfText gathers the text of a PDF's pages.
type pdfText struct {
	out   strings.Builder
	ops   int
	limit int64
}

func (x *pdfText) pageBreak() {
	if x.out.Len() > 0 && !strings.HasSuffix(x.out.String(), "\n\n") {
		x.newline()
		x.out.WriteByte('\n')
	}
}

func (x *pdfText) newline() {
	if x.out.Len() > 0 && !strings.HasSuffix(x.out.String(), "\n") {
		x.out.WriteByte('\n')
	}
}

func (x *pdfText) space() {
	s := x.out.String()
	if s != "" && !strings.HasSuffix(s, " ") && !strings.HasSuffix(s, "\n") {
		x.out.WriteByte(' ')
	}
}

// page interprets one page's content stream: text-showing operators give
// the text, and text positioning gives line breaks and word spaces (the
// library's own GetPlainText runs lines placed by Tm together). It
// returns a message when the page could not be read to its end; the text
// read before that is kept.
func (x *pdfText) page(p pdf.Page) (failure string) {
	defer func() {
		if r := recover(); r != nil {
			if a, ok := r.(pdfAbort); ok {
				panic(a)
			}
			failure = oneLine(fmt.Sprint(r))
		}
	}()
	contents := p.V.Key("Contents")
	if contents.IsNull() {
		return ""
	}
	fonts := map[string]*pdf.Font{}
	for _, name := range p.Fonts() {
		f := p.Font(name)
		fonts[name] = &f
	}
	var enc pdf.TextEncoding
	var lineX, lineY float64
	lastX, lastY := math.NaN(), math.NaN()
	moveTo := func(nx, ny float64) {
		if !math.IsNaN(lastY) {
			switch {
			case math.Abs(ny-lastY) > 0.01:
				x.newline()
			case nx > lastX+0.01:
				x.space()
			}
		}
		lineX, lineY = nx, ny
	}
	show := func(raw string) {
		var s string
		if enc != nil {
			s = enc.Decode(raw)
		} else {
			s = latin1(raw)
		}
		x.out.WriteString(s)
		lastX, lastY = lineX, lineY
		if int64(x.out.Len()) > x.limit {
			panic(pdfAbort{actorgraph.ETooLarge, fmt.Sprintf("its text is larger than the %s limit for one input", sizeLimit(x.limit))})
		}
	}
	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		x.ops++
		if x.ops > maxPDFOps {
			panic(pdfAbort{actorgraph.ETooLarge, fmt.Sprintf("its content streams are too complex (more than %d operators)", maxPDFOps)})
		}
		switch op {
		case "BT":
			lineX, lineY = 0, 0
		case "Td", "TD":
			if n == 2 {
				moveTo(lineX+args[0].Float64(), lineY+args[1].Float64())
			}
		case "Tm":
			if n == 6 {
				moveTo(args[4].Float64(), args[5].Float64())
			}
		case "T*":
			x.newline()
		case "Tf":
			if n == 2 {
				if f, ok := fonts[args[0].Name()]; ok {
					enc = f.Encoder()
				} else {
					enc = nil
				}
			}
		case "Tj":
			if n == 1 {
				show(args[0].RawString())
			}
		case "'":
			if n == 1 {
				x.newline()
				show(args[0].RawString())
			}
		case "\"":
			if n == 3 {
				x.newline()
				show(args[2].RawString())
			}
		case "TJ":
			if n == 1 && args[0].Kind() == pdf.Array {
				a := args[0]
				for i := 0; i < a.Len(); i++ {
					v := a.Index(i)
					switch v.Kind() {
					case pdf.String:
						show(v.RawString())
					case pdf.Integer, pdf.Real:
						if v.Float64() < -180 { // a gap wider than a thin space
							x.space()
						}
					}
				}
			}
		}
	})
	return ""
}

// latin1 reads bytes as Latin-1 when a font names no usable encoding.
func latin1(s string) string {
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}

// pdfTitle cleans an Info title, dropping the file names and placeholders
// that word processors write there.
func pdfTitle(s string) string {
	s = cleanTitle(s)
	s = strings.TrimPrefix(s, "Microsoft Word - ")
	l := strings.ToLower(s)
	switch {
	case l == "untitled", l == "title", l == "document", l == "slide 1":
		return ""
	case strings.HasSuffix(l, ".doc"), strings.HasSuffix(l, ".docx"), strings.HasSuffix(l, ".pdf"),
		strings.HasSuffix(l, ".indd"), strings.HasSuffix(l, ".odt"), strings.HasSuffix(l, ".rtf"):
		return ""
	}
	return s
}

// pdfAuthor cleans an Info author, dropping account names that word
// processors fill in.
func pdfAuthor(s string) string {
	s = cleanTitle(s)
	switch strings.ToLower(s) {
	case "microsoft office user", "administrator", "admin", "user", "unknown", "author", "owner", "windows user":
		return ""
	}
	return s
}
