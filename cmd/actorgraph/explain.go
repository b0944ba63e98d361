package main

import (
	"fmt"
	"io"
	"sort"
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
	// mentions in text order, walked once alongside the sentences
	order := make([]int, 0, len(d.Mentions))
	for i, m := range d.Mentions {
		if !m.Removed {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return d.Mentions[order[a]].T0 < d.Mentions[order[b]].T0 })
	next := 0
	for si, s := range d.Sentences {
		fmt.Fprintf(w, "[%d] %s\n", si, strings.Join(strings.Fields(d.Text[s.Start:s.End]), " "))
		var ms []string
		for ; next < len(order) && d.Mentions[order[next]].T0 < s.T1; next++ {
			m := d.Mentions[order[next]]
			if m.T0 < s.T0 {
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
				if ent == "" {
					ent = "(adjective only: not an actor of this report)"
				}
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
			src, dst := names[r.Source], names[r.Target]
			if src == "" || dst == "" {
				continue // an adjective-only party: not output
			}
			fmt.Fprintf(w, "    %s —%s%s→ %s [%s] via %q\n", src, neg, r.Type, dst, r.Modality, r.Trigger)
		}
	}
}
