package source

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
	"golang.org/x/net/html/charset"
)

// contentCharset returns the charset parameter of a MIME type, lower-cased.
func contentCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(params["charset"]))
}

func isUTF8Label(label string) bool {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "unicode-1-1-utf-8", "us-ascii", "ascii":
		return true
	}
	return false
}

// decodeCharset converts b to UTF-8 when it is not valid UTF-8 and
// declares another charset: in the content type, or (for HTML) in a
// <meta> charset declaration. Input that is valid UTF-8 is returned as it
// is; input that is neither valid UTF-8 nor declares a known charset is
// returned as it is too, for CheckText to refuse with its offset.
func decodeCharset(name string, b []byte, contentType string) ([]byte, error) {
	return decodeDeclared(name, b, contentCharset(contentType))
}

func decodeDeclared(name string, b []byte, label string) ([]byte, error) {
	if utf8.Valid(b) || label == "" || isUTF8Label(label) {
		return b, nil
	}
	enc, canon := charset.Lookup(label)
	if enc == nil {
		return nil, actorgraph.Errorf(actorgraph.EInvalid,
			"%s: not valid UTF-8 and its declared charset %q is unknown; convert it to UTF-8 first", name, truncate(label, 40))
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return nil, actorgraph.Errorf(actorgraph.EInvalid, "%s: cannot decode it as %s: %s", name, canon, oneLine(err.Error()))
	}
	return out, nil
}

var (
	rxMetaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:\-]+)`)
	rxXMLEncoding = regexp.MustCompile(`^<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_.:\-]+)["']`)
)

// htmlCharset finds the charset an HTML page declares in its first 2 KiB.
func htmlCharset(b []byte) string {
	head := b
	if len(head) > 2048 {
		head = head[:2048]
	}
	if m := rxMetaCharset.FindSubmatch(head); m != nil {
		return strings.ToLower(string(m[1]))
	}
	return xmlEncoding(b)
}

// xmlEncoding returns the encoding an XML declaration names, lower-cased.
func xmlEncoding(b []byte) string {
	head := bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(head) > 512 {
		head = head[:512]
	}
	if m := rxXMLEncoding.FindSubmatch(head); m != nil {
		return strings.ToLower(string(m[1]))
	}
	return ""
}

// checkUTF8 refuses b when it is not valid UTF-8, naming the offset of the
// first bad byte.
func checkUTF8(name string, b []byte, what string) error {
	if utf8.Valid(b) {
		return nil
	}
	return actorgraph.Errorf(actorgraph.EInvalid,
		"%s: %s is not valid UTF-8 (bad byte at offset %d) and declares no other charset; convert it to UTF-8 first",
		name, what, invalidAt(b))
}

// checkBinary refuses empty input and input with NUL bytes.
func checkBinary(name string, b []byte) error {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(b)) == 0 {
		return actorgraph.Errorf(actorgraph.EInvalid, "%s: empty: there is no text to read", name)
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return actorgraph.Errorf(actorgraph.EInvalid, "%s: binary data (NUL byte at offset %d): not a text report", name, i)
	}
	return nil
}
