// Package sentence is the extraction stage that splits a tokenised document
// into sentences. It keeps "U.S.", "Gen.", initials and "al-" inside
// sentences, treats a blank line, a heading or a list item as a boundary,
// and lets closing quotes and brackets stay with the sentence they close.
//
// It imports only nlp and the root package; it must not import another
// stage.
package sentence

import (
	"github.com/actorgraph/actorgraph/nlp"
)

// Stage splits sentences.
type Stage struct{}

// Name implements nlp.Stage.
func (Stage) Name() string { return "sentence" }

// Process implements nlp.Stage.
func (Stage) Process(d *nlp.Doc) {
	d.Sentences = Split(d.Text, d.Tokens)
}

// starters are words that, capitalised after an abbreviation with a dot
// ("U.S."), show that a new sentence began.
var starters = map[string]bool{
	"the": true, "this": true, "that": true, "these": true, "those": true, "it": true, "its": true,
	"he": true, "she": true, "they": true, "we": true, "i": true, "in": true, "on": true, "at": true,
	"but": true, "however": true, "meanwhile": true, "a": true, "an": true, "after": true, "as": true,
	"since": true, "while": true, "when": true, "there": true, "his": true, "her": true, "their": true,
	"our": true, "both": true, "some": true, "many": true, "most": true, "according": true, "if": true,
}

// Split returns the sentences of text given its tokens.
func Split(text string, toks []nlp.Token) []nlp.Sentence {
	var out []nlp.Sentence
	start := 0
	emit := func(end int) { // tokens [start, end)
		if end > start {
			out = append(out, nlp.Sentence{Start: toks[start].Start, End: toks[end-1].End, T0: start, T1: end})
		}
		start = end
	}
	lineStart := 0 // first token of the current line
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i-start >= MaxTokens {
			emit(softCut(text, toks, start, i))
		}
		if i > start && t.Lines > 0 {
			if lineBreakEnds(text, toks, start, lineStart, i) {
				emit(i)
			}
		}
		if t.Lines > 0 {
			lineStart = i
		}
		if t.Kind != nlp.Punct && !(t.Kind == nlp.Word && endsWithDot(text, t)) {
			continue
		}
		if !isTerminal(text, t) {
			continue
		}
		if i > 0 && i-1 == lineStart && isBullet(text, toks, i-1) {
			continue // the dot of a numbered list item: "1. "
		}
		// absorb closing quotes, brackets and further terminal marks
		j := i + 1
		for j < len(toks) && toks[j].Lines == 0 && isCloser(text, toks[j]) {
			j++
		}
		if j >= len(toks) {
			emit(len(toks))
			i = j
			break
		}
		next := toks[j]
		if t.Kind == nlp.Word { // abbreviation token ending in a dot
			if next.Lines == 0 && !(next.Cap && starters[next.Norm]) {
				continue
			}
		} else if next.Lines == 0 && !startsSentence(text, next) {
			continue
		}
		emit(j)
		i = j - 1
	}
	emit(len(toks))
	return out
}

// MaxTokens bounds the length of a sentence. Prose sentences stay far
// below it; text without sentence ends (a table flattened to one line, a
// hostile input) is cut into pieces of at most MaxTokens tokens, so that
// the later stages, which work sentence by sentence, stay linear and each
// relation's evidence stays short.
const MaxTokens = 200

// softCut returns where to end an over-long sentence running from token
// start to token i: after the last ";", ":" or "," in its second half,
// else at i.
func softCut(text string, toks []nlp.Token, start, i int) int {
	for k := i - 1; k > start+MaxTokens/2; k-- {
		if toks[k].Kind == nlp.Punct {
			switch text[toks[k].Start:toks[k].End] {
			case ";", ":", ",", "—", "–":
				return k + 1
			}
		}
	}
	return i
}

func endsWithDot(text string, t nlp.Token) bool { return t.End > t.Start && text[t.End-1] == '.' }

func isTerminal(text string, t nlp.Token) bool {
	s := text[t.Start:t.End]
	if t.Kind == nlp.Word {
		return true // called only for words ending in a dot
	}
	switch s {
	case ".", "!", "?", "…":
		return true
	}
	return false
}

func isCloser(text string, t nlp.Token) bool {
	if t.Kind != nlp.Punct {
		return false
	}
	switch text[t.Start:t.End] {
	case "\"", "”", "’", "'", ")", "]", "»", ".", "!", "?", "…":
		return true
	}
	return false
}

func startsSentence(text string, t nlp.Token) bool {
	if t.Cap || t.Kind == nlp.Number {
		return true
	}
	switch text[t.Start:t.End] {
	case "\"", "“", "‘", "'", "(", "[", "«", "-", "–", "—", "*", "•":
		return true
	}
	return false
}

// lineBreakEnds decides whether the line break before token i ends the
// sentence that starts at token start and runs into the line starting at
// token lineStart.
func lineBreakEnds(text string, toks []nlp.Token, start, lineStart, i int) bool {
	t := toks[i]
	if t.Lines >= 2 {
		return true // blank line: paragraph
	}
	if isBullet(text, toks, i) {
		return true
	}
	prev := toks[i-1]
	ps := text[prev.Start:prev.End]
	if ps == ":" || ps == ";" {
		return true
	}
	// a line that stops on a function word ("in", "the", "and") is
	// hard-wrapped prose
	if prev.Kind == nlp.Word && !prev.Cap && continuers[prev.Norm] {
		return false
	}
	// a short line that does not end like prose is a heading or list item,
	// unless the sentence began on an earlier line or inside this one: then
	// the line is part of a hard-wrapped paragraph
	lineLen := prev.End - toks[lineStart].Start
	if start == lineStart && lineLen < 70 && t.Cap && prev.Kind != nlp.Punct {
		return true
	}
	if lineStart < i && isBullet(text, toks, lineStart) {
		return t.Cap
	}
	return false
}

// continuers are words a heading or a list item does not end with, but a
// hard-wrapped line of prose often does.
var continuers = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "in": true, "on": true, "at": true, "to": true,
	"by": true, "for": true, "from": true, "with": true, "and": true, "or": true, "but": true,
	"into": true, "against": true, "near": true, "its": true, "their": true, "his": true, "her": true,
	"that": true, "which": true, "who": true, "whose": true, "than": true, "between": true,
	"across": true, "over": true, "under": true, "as": true, "is": true, "are": true, "was": true,
	"were": true, "has": true, "have": true, "had": true, "said": true,
}

func isBullet(text string, toks []nlp.Token, i int) bool {
	t := toks[i]
	s := text[t.Start:t.End]
	switch s {
	case "#": // Markdown headings: "#", "##", "###"...
		for i+1 < len(toks) && !toks[i+1].Space && text[toks[i+1].Start:toks[i+1].End] == "#" {
			i++
		}
		return i+1 < len(toks) && toks[i+1].Space
	case "-", "*", "•", "–", "—", ">":
		return i+1 < len(toks) && toks[i+1].Space
	}
	// "1." or "1)" at the start of a line (not a year ending a wrapped line)
	if t.Kind == nlp.Number && t.End-t.Start <= 3 && i+1 < len(toks) {
		n := text[toks[i+1].Start:toks[i+1].End]
		return (n == "." || n == ")") && i+2 < len(toks) && toks[i+2].Space
	}
	return false
}
