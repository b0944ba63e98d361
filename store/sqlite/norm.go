package sqlite

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
)

// fold maps accented Latin letters (already lower case) to their base
// letters. The standard library has no Unicode decomposition, and this
// package may not import golang.org/x/text, so the common letters of
// European languages and of Arabic, Persian and Turkic transliteration are
// listed here; combining marks (U+0300–U+036F) are dropped separately.
var fold = func() map[rune]string {
	const pairs = "àa áa âa ãa äa åa āa ăa ąa ǎa ạa ảa ấa ầa ẩa ẫa ậa ắa ằa ẳa ẵa ặa " +
		"çc ćc ĉc ċc čc ďd đd ðd ḍd ḏd èe ée êe ëe ēe ĕe ėe ęe ěe ẹe ẻe ẽe ếe ềe ểe ễe ệe " +
		"ĝg ğg ġg ģg ĥh ħh ḥh ẖh ḫh ìi íi îi ïi ĩi īi ĭi įi ıi ǐi ỉi ịi ĵj ķk ĺl ļl ľl ŀl łl " +
		"ñn ńn ņn ňn òo óo ôo õo öo øo ōo ŏo őo ǒo ọo ỏo ốo ồo ổo ỗo ộo ơo ớo ờo ởo ỡo ợo " +
		"ŕr ŗr řr śs ŝs şs šs șs ṣs ţt ťt ŧt țt ṭt ṯt ùu úu ûu üu ũu ūu ŭu ůu űu ųu ưu ǔu ụu ủu ứu ừu ửu ữu ựu " +
		"ŵw ýy ÿy ŷy ỳy ỹy źz żz žz ẓz ßss æae œoe þth"
	m := map[rune]string{}
	for _, f := range strings.Fields(pairs) {
		r, n := utf8.DecodeRuneInString(f)
		m[r] = f[n:]
	}
	return m
}()

// norm is the key names are compared by: lower case, accents folded,
// apostrophes and dots dropped, dashes and punctuation as spaces, spaces
// collapsed, and a leading "the" dropped. "Al-Qa’ida", "al Qaida" → "al
// qaida"; "U.S." → "us"; "Hayʼat Taḥrīr al-Shām" → "hayat tahrir al sham".
func norm(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // no leading space
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case r >= 0x300 && r <= 0x36f: // combining marks
			continue
		case r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == 'ʻ' || r == 'ʿ' || r == 'ʾ' || r == '`' || r == '´' || r == '.':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&' || r == '+':
			if f, ok := fold[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(r)
			}
			space = false
		default: // spaces, dashes, other punctuation
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	out := strings.TrimSuffix(b.String(), " ")
	if strings.HasPrefix(out, "the ") {
		out = out[4:]
	}
	return out
}

// classOf groups entity types whose actors may be merged by name: the
// extractor may call an armed group an organisation, or a country a
// location, but never a person either.
func classOf(t actorgraph.EntityType) string {
	switch t {
	case actorgraph.Person:
		return "person"
	case actorgraph.ArmedGroup, actorgraph.Org:
		return "group"
	case actorgraph.Country, actorgraph.Location:
		return "place"
	}
	return "other"
}

// likePattern returns a LIKE pattern matching s anywhere, with LIKE's
// wildcards escaped (ESCAPE '\').
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}
