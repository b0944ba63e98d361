package sqlite

import (
	"database/sql"
	"sort"
	"strconv"
	"strings"
)

// The names of a document entity (its own name, its aliases, the
// knowledge base's name) live in one column of its doc_entities row,
// each as
//
//	RS norm US name US mentions US prim
//
// (RS = U+001E, US = U+001F), own name first. One column instead of a row
// per name keeps storing a document to a few rows; the separators let SQL
// find the entities that use a name with instr(names, nameNeedle(norm))
// and a LIKE on norms alone (normalised names never hold control
// characters, and display names have them replaced by spaces).
const (
	nameSep  = "\x1e"
	fieldSep = "\x1f"
)

// encodeNames is the names column for ns.
func encodeNames(ns []nameIn) string {
	var b strings.Builder
	for _, n := range ns {
		b.WriteString(nameSep)
		b.WriteString(n.norm)
		b.WriteString(fieldSep)
		b.WriteString(n.name)
		b.WriteString(fieldSep)
		b.WriteString(strconv.Itoa(n.cnt))
		b.WriteString(fieldSep)
		if n.prim {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	return b.String()
}

// decodeNames parses a names column; malformed parts are skipped.
func decodeNames(s string) []nameIn {
	var out []nameIn
	for rec := range strings.SplitSeq(s, nameSep) {
		if rec == "" {
			continue
		}
		f := strings.Split(rec, fieldSep)
		if len(f) != 4 || f[0] == "" {
			continue
		}
		cnt, _ := strconv.Atoi(f[2])
		out = append(out, nameIn{norm: f[0], name: f[1], cnt: cnt, prim: f[3] == "1"})
	}
	return out
}

// nameOf returns the display form of the name normalised as n in a names
// column, or "".
func nameOf(s, n string) (string, bool) {
	needle := nameNeedle(n)
	i := strings.Index(s, needle)
	if i < 0 {
		return "", false
	}
	rest := s[i+len(needle):]
	if j := strings.Index(rest, fieldSep); j >= 0 {
		rest = rest[:j]
	}
	return rest, true
}

// nameNeedle is what a names column holds exactly when one of its names
// is normalised as n.
func nameNeedle(n string) string { return nameSep + n + fieldSep }

// nameTotals sums the names of an actor's entities into one nameStat per
// normalised name, most mentioned first (ties by name); the display form
// and first document of a name are those of the earliest document.
type nameTotals struct {
	at  map[string]int
	out []nameStat
}

// add counts the names column of an entity of document doc.
func (t *nameTotals) add(names string, doc int64) {
	if t.at == nil {
		t.at = map[string]int{}
	}
	for _, n := range decodeNames(names) {
		i, ok := t.at[n.norm]
		if !ok {
			i = len(t.out)
			t.at[n.norm] = i
			t.out = append(t.out, nameStat{norm: n.norm, name: n.name, first: doc})
		}
		s := &t.out[i]
		s.cnt += n.cnt
		s.prim += b2i(n.prim)
		if doc < s.first {
			s.name, s.first = n.name, doc
		}
	}
}

// list returns the totals, most mentioned first (ties by name).
func (t *nameTotals) list() []nameStat {
	sort.Slice(t.out, func(i, j int) bool {
		if t.out[i].cnt != t.out[j].cnt {
			return t.out[i].cnt > t.out[j].cnt
		}
		return t.out[i].norm < t.out[j].norm
	})
	return t.out
}

// scanNameTotals sums rows of (names column, document id).
func scanNameTotals(rows *sql.Rows, err error) ([]nameStat, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var t nameTotals
	for rows.Next() {
		var names string
		var doc int64
		if err := rows.Scan(&names, &doc); err != nil {
			return nil, err
		}
		t.add(names, doc)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return t.list(), nil
}
