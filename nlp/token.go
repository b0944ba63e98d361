package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TokKind classifies a token.
type TokKind uint8

// Token kinds.
const (
	Word   TokKind = iota + 1 // letters, possibly with digits, inner apostrophes or abbreviation dots
	Number                    // digits with inner , or .
	Punct                     // one punctuation or symbol character
)

// Token is a word, number or punctuation mark of the text.
type Token struct {
	Start, End int
	Kind       TokKind
	Norm       string // lower case, accents folded, ’ as '; for matching
	Lines      uint8  // line breaks between the previous token and this one (capped at 2)
	Space      bool   // white space precedes the token
	Cap        bool   // starts with an upper-case letter
	Upper      bool   // has letters and none of them lower case (acronyms, shouting)
}

// abbreviations keep their full stop inside the token and never end a
// sentence by themselves (matched lower-case, without the dot).
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true, "col": true,
	"maj": true, "capt": true, "cpt": true, "sgt": true, "cpl": true, "pvt": true, "adm": true, "brig": true,
	"cmdr": true, "gov": true, "sen": true, "rep": true, "rev": true, "st": true, "jr": true, "sr": true,
	"mt": true, "ft": true, "vs": true, "etc": true, "approx": true, "dept": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "inc": true, "ltd": true, "corp": true,
	"fig": true, "vol": true, "pp": true, "hon": true, "amb": true,
	"pres": true, "supt": true, "insp": true, "cdr": true, "gp": true, "wg": true, "msgr": true,
}

// IsAbbreviation reports whether w (without its dot) is a known abbreviation.
func IsAbbreviation(w string) bool { return abbreviations[strings.ToLower(w)] }

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// Tokenize splits text into tokens with byte offsets. Invalid UTF-8 bytes
// become one-byte punctuation tokens; nothing is dropped but white space.
func Tokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/5+1)
	i, n := 0, len(text)
	lines := 0
	space := false
	for i < n {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' {
			lines++
			space = true
			i += size
			continue
		}
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			space = true
			i += size
			continue
		}
		start := i
		var kind TokKind
		switch {
		case isApostrophe(r) && isPossessiveAt(text, i+size):
			kind = Word // the possessive 's split off a word
			i += size + 1
		case r >= '0' && r <= '9': // other digits ("٧") are scanned as words
			kind = Number
			i = scanNumber(text, i)
			// 20th, 1990s, F-7 style tails: digits followed by letters make a word
			if i < n {
				if r2, _ := utf8.DecodeRuneInString(text[i:]); unicode.IsLetter(r2) {
					i = scanWord(text, i)
					kind = Word
				}
			}
		case isWordRune(r):
			kind = Word
			i = scanWord(text, i)
			// possessive 's stays a token of its own
			w := text[start:i]
			if k := possessiveCut(w); k > 0 {
				i = start + k
			}
			// abbreviation or initial: keep the dot
			if i < n && text[i] == '.' {
				w = text[start:i]
				if abbreviations[strings.ToLower(w)] || isInitialism(text, start, i) {
					i = scanInitialism(text, i)
				}
			}
		case isApostrophe(r) && len(toks) > 0 && toks[len(toks)-1].End == i && possessiveAt(text, i+size):
			// the 's cut off the word before it: one token, Norm "'s"
			kind = Word
			i += size + 1
		default:
			kind = Punct
			i += size
		}
		if lines > 2 {
			lines = 2
		}
		toks = append(toks, makeToken(text, start, i, kind, uint8(lines), space || start == 0))
		lines = 0
		space = false
	}
	return toks
}

// isPossessiveAt reports whether text[i:] starts with "s" or "S" that is not
// followed by a letter (the rest of a possessive 's).
func isPossessiveAt(text string, i int) bool {
	if i >= len(text) || (text[i] != 's' && text[i] != 'S') {
		return false
	}
	if i+1 < len(text) {
		r, _ := utf8.DecodeRuneInString(text[i+1:])
		return !unicode.IsLetter(r)
	}
	return true
}

// possessiveCut returns the length of w without a trailing 's / ’s, or 0.
func possessiveCut(w string) int {
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if len(w) > len(suf) && strings.HasSuffix(w, suf) {
			return len(w) - len(suf)
		}
	}
	return 0
}

// possessiveAt reports whether text[i:] starts with an "s" or "S" that ends
// a word (the rest of a possessive 's whose apostrophe ends at i).
func possessiveAt(text string, i int) bool {
	if i >= len(text) || (text[i] != 's' && text[i] != 'S') {
		return false
	}
	if i+1 == len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i+1:])
	return !isWordRune(r)
}

func scanNumber(text string, i int) int {
	n := len(text)
	for i < n {
		c := text[i]
		if c >= '0' && c <= '9' {
			i++
			continue
		}
		if (c == ',' || c == '.') && i+1 < n && text[i+1] >= '0' && text[i+1] <= '9' {
			i++
			continue
		}
		break
	}
	return i
}

func scanWord(text string, i int) int {
	n := len(text)
	for i < n {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			i += size
			continue
		}
		if isApostrophe(r) && i+size < n {
			r2, _ := utf8.DecodeRuneInString(text[i+size:])
			if unicode.IsLetter(r2) {
				i += size
				continue
			}
		}
		break
	}
	return i
}

// isInitialism reports whether the word text[start:end], followed by '.',
// is a single letter forming part of "U.S." / "a.k.a." or an initial "J.".
func isInitialism(text string, start, end int) bool {
	r, size := utf8.DecodeRuneInString(text[start:end])
	if size != end-start || !unicode.IsLetter(r) {
		return false
	}
	// "U.S": a letter and a dot followed by another letter and a dot
	if end+2 < len(text) {
		r2, s2 := utf8.DecodeRuneInString(text[end+1:])
		if unicode.IsLetter(r2) && end+1+s2 < len(text) && text[end+1+s2] == '.' {
			return true
		}
	}
	// an initial: "J. Smith" — an upper-case letter, a dot, a space, a capital
	if unicode.IsUpper(r) && end+2 < len(text) && text[end+1] == ' ' {
		r3, _ := utf8.DecodeRuneInString(text[end+2:])
		return unicode.IsUpper(r3)
	}
	return false
}

// scanInitialism consumes ".", then any "X." pairs, starting at the dot.
func scanInitialism(text string, i int) int {
	i++ // the dot
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) && i+size < len(text) && text[i+size] == '.' {
			// only single letters continue an initialism
			if i+size+1 < len(text) {
				r2, _ := utf8.DecodeRuneInString(text[i+size+1:])
				if unicode.IsLetter(r2) && !(i+size+2 < len(text) && text[i+size+2] == '.') {
					// "U.S.Army" — stop before the word
					return i + size + 1
				}
			}
			i += size + 1
			continue
		}
		break
	}
	return i
}

func makeToken(text string, start, end int, kind TokKind, lines uint8, space bool) Token {
	t := Token{Start: start, End: end, Kind: kind, Lines: lines, Space: space}
	s := text[start:end]
	if kind == Word {
		r, _ := utf8.DecodeRuneInString(s)
		t.Cap = unicode.IsUpper(r)
		hasLetter, hasLower := false, false
		for _, c := range s {
			if c < 0x80 {
				switch {
				case c >= 'a' && c <= 'z':
					hasLetter, hasLower = true, true
				case c >= 'A' && c <= 'Z':
					hasLetter = true
				}
				continue
			}
			if unicode.IsLetter(c) {
				hasLetter = true
				if unicode.IsLower(c) {
					hasLower = true
				}
			}
		}
		t.Upper = hasLetter && !hasLower
	}
	t.Norm = Fold(s)
	return t
}

// Fold lower-cases s, folds common Latin accents and writes every
// apostrophe as '. It returns s itself when nothing changes.
func Fold(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c >= 'A' && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		b := make([]byte, len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c == '`':
				c = '\''
			}
			b[i] = c
		}
		return string(b)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < 0x80 {
			switch {
			case r >= 'A' && r <= 'Z':
				r += 'a' - 'A'
			case r == '`':
				r = '\''
			}
			b.WriteByte(byte(r))
			continue
		}
		if isApostrophe(r) || r == '‘' || r == '`' {
			b.WriteByte('\'')
			continue
		}
		if r == '‐' || r == '‑' {
			b.WriteByte('-')
			continue
		}
		r = unicode.ToLower(r)
		if f, ok := accentFold[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var accentFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ğ': "g", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'ı': "i", 'ł': "l", 'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ș': "s",
	'ť': "t", 'ţ': "t", 'ț': "t", 'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'ʿ': "'", 'ʾ': "'",
	'–': "-", '—': "-",
}
