package main

import (
	"fmt"
	"sort"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/samples"
)

// runDemo extracts every embedded sample report and prints, per report,
// its actors and relationships, then the relationships across the corpus.
func runDemo(a *app, args []string) error {
	fs := a.newFlags("demo")
	brief := fs.Bool("brief", false, "print only the corpus-wide summary")
	if err := parse(fs, args); err != nil {
		return err
	}
	x, err := newExtractor("")
	if err != nil {
		return err
	}
	type edge struct {
		src, typ, dst string
		neg           bool
	}
	count := map[edge]int{}
	reports := samples.All()
	for _, r := range reports {
		res := x.Extract(r.Text)
		if !*brief {
			fmt.Fprintf(a.stdout, "━━ %s\n", r.Name)
			writeText(a.stdout, &res)
			fmt.Fprintln(a.stdout)
		}
		for _, rel := range res.Relations {
			s, t := res.Entity(rel.Source), res.Entity(rel.Target)
			count[edge{s.Name, string(rel.Type), t.Name, rel.Negated}]++
		}
	}
	edges := make([]edge, 0, len(count))
	for e := range count {
		edges = append(edges, e)
	}
	sort.Slice(edges, func(i, j int) bool {
		if count[edges[i]] != count[edges[j]] {
			return count[edges[i]] > count[edges[j]]
		}
		return fmt.Sprint(edges[i]) < fmt.Sprint(edges[j])
	})
	fmt.Fprintf(a.stdout, "━━ %d sample reports, %d distinct relationships\n", len(reports), len(edges))
	for _, e := range edges {
		neg := ""
		if e.neg {
			neg = "NOT "
		}
		fmt.Fprintf(a.stdout, "  %s —%s%s→ %s  ×%d\n", e.src, neg, actorgraph.RelationType(e.typ), e.dst, count[e])
	}
	return nil
}
