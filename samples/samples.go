// Package samples embeds actorgraph's sample corpus: short analytic
// reports written for this project about real actors, each with a gold
// annotation (NAME.gold.json) in the evaluation schema. The demo runs on
// them, and the tests use them as golden inputs.
package samples

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.txt
var files embed.FS

// Report is one sample report.
type Report struct {
	Name string // file name without .txt
	Text string
}

// All returns the sample reports in name order.
func All() []Report {
	names, _ := fs.Glob(files, "*.txt")
	sort.Strings(names)
	out := make([]Report, 0, len(names))
	for _, n := range names {
		b, err := files.ReadFile(n)
		if err != nil {
			continue
		}
		out = append(out, Report{Name: strings.TrimSuffix(n, ".txt"), Text: string(b)})
	}
	return out
}
