package coref_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/kb"
	"github.com/actorgraph/actorgraph/nlp"
	"github.com/actorgraph/actorgraph/nlp/pipeline"
)

func TestZZScratch(t *testing.T) {
	text := os.Getenv("SCRATCH")
	if text == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(os.Getenv("STAGES"))
	if n == 0 {
		n = 5
	}
	k, _ := kb.Default()
	if f := os.Getenv("KBTEXT"); f != "" {
		k = kb.New()
		if err := k.Add(strings.NewReader(f), "t"); err != nil {
			t.Fatal(err)
		}
	}
	x, _ := pipeline.New(k, "")
	for _, line := range strings.Split(text, "\n||\n") {
		d := nlp.NewDoc(line)
		x.Stages()[:n].Run(d)
		fmt.Printf("== %q\n", line)
		for i, m := range d.Mentions {
			fmt.Printf("  m%d %q %s kb=%s o=%d adj=%v ent=%d rm=%v weak=%v title=%v\n", i, d.MentionText(&m), m.Type, m.KBID, m.Origin, m.Adj, m.Entity, m.Removed, m.Weak, m.Title)
		}
		for i, e := range d.Entities {
			var ms []string
			for _, mi := range e.Mentions {
				ms = append(ms, d.MentionText(&d.Mentions[mi]))
			}
			fmt.Printf("  E%d %s kb=%s %q\n", i, e.Type, e.KBID, ms)
		}
	}
}
