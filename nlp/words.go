package nlp

import "strings"

// WordSet is a set of folded words or phrases, built from a
// space-separated list where '_' joins the words of a phrase.
type WordSet map[string]bool

// Words builds a WordSet from space-separated entries ('_' for spaces).
func Words(list string) WordSet {
	s := WordSet{}
	for _, w := range strings.Fields(list) {
		s[Fold(strings.ReplaceAll(w, "_", " "))] = true
	}
	return s
}

// Has reports whether the folded form of w is in the set.
func (s WordSet) Has(w string) bool { return s[Fold(w)] }
