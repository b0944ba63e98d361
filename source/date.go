package source

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// NormalizeDate reads a publication date written in one of the common
// forms (ISO 8601 and RFC 3339 with or without a time, RFC 1123/822 as in
// feeds and HTTP, PDF "D:20240305…", "5 March 2024", "March 5, 2024",
// "2024/03/05", "20240305", Unix seconds) and returns it as YYYY-MM-DD, in
// UTC when the input gives a time with a zone. It returns "" for anything
// else, including ambiguous forms such as "03/05/2024": it never guesses.
func NormalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 80 {
		return ""
	}
	if t, ok := parseDate(s); ok && plausibleYear(t.Year()) {
		return t.Format("2006-01-02")
	}
	return ""
}

func plausibleYear(y int) bool { return y >= 1000 && y <= 9999 }

// Layouts with a zone: the time is converted to UTC.
var zonedLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04Z0700",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05 MST",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"Mon, 02 Jan 2006 15:04 -0700",
	"Mon, 02 Jan 2006 15:04 MST",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"02 Jan 2006 15:04:05 -0700",
	"02 Jan 2006 15:04:05 MST",
	time.RFC822Z,
	time.RFC822,
	time.RFC850,
	time.UnixDate,
	time.RubyDate,
	"Monday, January 2, 2006 3:04 PM MST",
	"January 2, 2006 3:04 PM MST",
	"January 2, 2006 15:04 MST",
}

// Layouts with no zone: the date is taken as written.
var localLayouts = []string{
	"2006-01-02",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006/01/02",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	"2006.01.02",
	"20060102",
	"20060102150405",
	"2 January 2006",
	"02 January 2006",
	"2 Jan 2006",
	"02 Jan 2006",
	"2 Jan. 2006",
	"2-Jan-2006",
	"02-Jan-2006",
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006",
	"Jan 2 2006",
	"Jan. 2, 2006",
	"Monday, January 2, 2006",
	"Monday, 2 January 2006",
	"Mon, 2 Jan 2006",
	"Mon, 02 Jan 2006",
	"Mon Jan 2 2006",
	"January 2, 2006 3:04 PM",
	"January 2, 2006 at 3:04 PM",
	"Jan 2, 2006 3:04 PM",
	"2 January 2006 15:04",
	"Monday, January 2, 2006 3:04 PM",
	"Mon, 2 Jan 2006 15:04:05",
	"Mon, 02 Jan 2006 15:04:05",
	"Mon Jan 2 15:04:05 2006",
}

var (
	rxOrdinal   = regexp.MustCompile(`(?i)\b(\d{1,2})(st|nd|rd|th)\b`)
	rxPDFDate   = regexp.MustCompile(`^D:(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?'?$`)
	rxUnix      = regexp.MustCompile(`^\d{9,13}$`)
	rxSpaces    = regexp.MustCompile(`\s+`)
	rxUTCSuffix = regexp.MustCompile(`(?i)\s+(UTC|GMT)$`)
)

func parseDate(s string) (time.Time, bool) {
	s = rxSpaces.ReplaceAllString(s, " ")
	if m := rxPDFDate.FindStringSubmatch(s); m != nil {
		return parsePDFDate(m)
	}
	if rxUnix.MatchString(s) {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		if len(s) >= 12 { // milliseconds
			n /= 1000
		}
		if n < 1e8 || n > 4e9 { // 1973 to 2096
			return time.Time{}, false
		}
		return time.Unix(n, 0).UTC(), true
	}
	s = rxOrdinal.ReplaceAllString(s, "$1")
	s = strings.Replace(s, "Sept ", "Sep ", 1)
	s = strings.Replace(s, "Sept. ", "Sep. ", 1)
	cands := []string{s}
	if u := rxUTCSuffix.ReplaceAllString(s, " +0000"); u != s {
		cands = append(cands, u)
	}
	for _, c := range cands {
		for _, l := range zonedLayouts {
			if t, err := time.Parse(l, c); err == nil {
				return t.UTC(), true
			}
		}
	}
	for _, c := range cands {
		for _, l := range localLayouts {
			if t, err := time.Parse(l, c); err == nil {
				return t, true
			}
			// month names in any case
			if t, err := time.Parse(l, titleCaseMonths(c)); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// titleCaseMonths writes every letter run as "Xxxx" so that "MARCH" and
// "march" parse as "March".
func titleCaseMonths(s string) string {
	b := []byte(s)
	start := true
	for i, c := range b {
		isLetter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		switch {
		case isLetter && start:
			if c >= 'a' && c <= 'z' {
				b[i] = c - 'a' + 'A'
			}
			start = false
		case isLetter:
			if c >= 'A' && c <= 'Z' {
				b[i] = c - 'A' + 'a'
			}
		default:
			start = true
		}
	}
	return string(b)
}

// parsePDFDate reads the pieces of a PDF date (D:YYYYMMDDHHmmSSOHH'mm').
func parsePDFDate(m []string) (time.Time, bool) {
	num := func(s string, def int) int {
		if s == "" {
			return def
		}
		n, _ := strconv.Atoi(s)
		return n
	}
	y, mo, d := num(m[1], 0), num(m[2], 1), num(m[3], 1)
	h, mi, sec := num(m[4], 0), num(m[5], 0), num(m[6], 0)
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	loc := time.UTC
	zoned := false
	switch m[7] {
	case "+", "-":
		off := num(m[8], 0)*3600 + num(m[9], 0)*60
		if m[7] == "-" {
			off = -off
		}
		loc = time.FixedZone("", off)
		zoned = true
	case "Z", "z":
		zoned = true
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, 0, loc)
	if t.Day() != d { // 31 February
		return time.Time{}, false
	}
	if zoned {
		t = t.UTC()
	}
	return t, true
}
