package sqlite

import (
	"strings"
	"testing"
)

// FuzzNamesColumn: any names column (a store file may come from anywhere)
// decodes without a panic, and what encodes decodes back.
func FuzzNamesColumn(f *testing.F) {
	f.Add("\x1etip\x1fTIP\x1f2\x1f1\x1eetim\x1fE.T.I.M.\x1f0\x1f0", "tip")
	f.Add("\x1e\x1f\x1f\x1f", "")
	f.Add("no separators", "no")
	f.Fuzz(func(t *testing.T, col, n string) {
		ns := decodeNames(col)
		nameOf(col, n)
		var tot nameTotals
		tot.add(col, 1)
		tot.list()
		for _, x := range ns {
			if x.norm == "" || strings.ContainsAny(x.norm+x.name, nameSep+fieldSep) {
				t.Fatalf("decoded %+v from %q", x, col)
			}
		}
		if got := decodeNames(encodeNames(ns)); len(got) != len(ns) {
			t.Fatalf("re-encoding %+v gave %+v", ns, got)
		}
	})
}
