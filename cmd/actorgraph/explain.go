package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/actorgraph/actorgraph/nlp"
)

// writeExplain prints, sentence by sentence, the mentions the pipeline
// found (with their entity and type) and the relations it read, with the
// trigger of each: how an analyst checks why an edge is there or not.
func writeExplain(w io.Writer, d *nlp.Doc) {
	names := make([]string, len(d.Entities))
	for i := range d.Entities {
		names[i] = d.NameOf(&d.Entities[i])
	}
	bySent := map[int][]nlp.Relation{}
	for _, r := range d.Relations {
		bySent[r.Sentence] = append(bySent[r.Sentence], r)
	}
	for si, s := range d.Sentences {
		fmt.Fprintf(w, "[%d] %s\n", si, strings.Join(strings.Fields(d.Text[s.Start:s.End]), " "))
		var ms []string
		for _, m := range d.Mentions {
			if m.Removed || m.T0 < s.T0 || m.T0 >= s.T1 {
				continue
			}
			tag := string(m.Type)
			if m.Adj {
				tag += ",adj"
			}
			if m.Origin == nlp.FromCoref {
				tag += ",ref"
			}
			ent := "?"
			if m.Entity >= 0 && m.Entity < len(names) {
				ent = names[m.Entity]
			}
			ms = append(ms, fmt.Sprintf("%s→%s(%s)", d.MentionText(&m), ent, tag))
		}
		if len(ms) > 0 {
			fmt.Fprintf(w, "    mentions: %s\n", strings.Join(ms, "; "))
		}
		for _, r := range bySent[si] {
			neg := ""
			if r.Negated {
				neg = "NOT "
			}
			fmt.Fprintf(w, "    %s —%s%s→ %s [%s] via %q\n", names[r.Source], neg, r.Type, names[r.Target], r.Modality, r.Trigger)
		}
	}
}
