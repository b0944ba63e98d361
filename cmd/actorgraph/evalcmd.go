package main

import (
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/eval"
)

func runEval(a *app, args []string) error {
	fs := a.newFlags("eval")
	show := fs.Bool("show", false, "list each document's missed and spurious relations")
	overlay := fs.String("kb", "", "an extra knowledge-base file to add to the embedded one")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"eval: want one DIR holding NAME.txt and NAME.gold.json pairs"}
	}
	x, err := newExtractor(*overlay)
	if err != nil {
		return err
	}
	pairs, err := eval.LoadDir(fs.Arg(0))
	if err != nil {
		return err
	}
	if len(pairs) == 0 {
		return usageError{fmt.Sprintf("eval: no NAME.txt with NAME.gold.json in %s", fs.Arg(0))}
	}
	var total eval.Score
	for _, p := range pairs {
		res := x.Extract(p.Text)
		sc := eval.Compare(p.Gold, &res)
		if *show {
			fmt.Fprintf(a.stdout, "== %s\n  misses: %s\n  false positives: %s\n", p.Name,
				strings.Join(sc.Misses, " "), strings.Join(sc.FalsePositives, " "))
		}
		total.Add(sc)
	}
	fmt.Fprintf(a.stdout, "%d documents\n%s", total.Docs, total)
	return nil
}
