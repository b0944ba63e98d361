package sqlite

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
)

// TestEvidencePage checks that every page of EvidencePage is the same
// window of Evidence, dated and undated rows alike, now and as of a date.
func TestEvidencePage(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	// one relationship stated twice in each of 40 reports, some on the
	// same day, a quarter of them undated, stored out of date order
	for i := 0; i < 40; i++ {
		text := fmt.Sprintf("Report %d. Harkat Dawn attacked Jund Sahil near the river. Harkat Dawn attacked Jund Sahil again at dusk.", i)
		x := actorgraph.Extraction{Entities: []actorgraph.Entity{
			{ID: "e1", Name: "Harkat Dawn", Type: actorgraph.ArmedGroup},
			{ID: "e2", Name: "Jund Sahil", Type: actorgraph.ArmedGroup},
		}}
		for _, sent := range []string{"Harkat Dawn attacked Jund Sahil near the river.", "Harkat Dawn attacked Jund Sahil again at dusk."} {
			at := strings.Index(text, sent)
			x.Relations = append(x.Relations, actorgraph.Relation{Source: "e1", Type: actorgraph.Attacks, Target: "e2",
				Modality: actorgraph.Asserted, Evidence: actorgraph.Evidence{Text: sent,
					Span: actorgraph.Span{Start: at, End: at + len(sent)}, Trigger: "attacked"}})
		}
		pub := ""
		if i%4 != 1 {
			pub = fmt.Sprintf("2019-%02d-%02d", 1+(i*7)%12, 1+i%3)
		}
		d := actorgraph.Document{Title: fmt.Sprintf("Report %d", i), Publisher: "Monitor", Published: pub, Text: text}
		if _, err := s.PutDocument(bg, d, x); err != nil {
			t.Fatal(err)
		}
	}
	edges, _, err := s.Edges(bg, actorgraph.EdgeFilter{Page: actorgraph.Page{Limit: 8}})
	if err != nil {
		t.Fatal(err)
	}
	if len(edges) != 1 || edges[0].Count != 80 {
		t.Fatalf("want one edge with 80 sentences, have %+v", edges)
	}
	for _, e := range edges {
		for _, date := range []string{"", "2019-06-30", "2099-01-01", "2000-01-01"} {
			asOf := actorgraph.AsOf{Date: date}
			all, err := s.Evidence(bg, e.ID, asOf)
			if err != nil {
				t.Fatal(err)
			}
			for _, pg := range []actorgraph.Page{{Limit: 1}, {Limit: 3, Offset: 2}, {Limit: 5, Offset: len(all) - 2}, {Limit: 10, Offset: 55},
				{Limit: 7, Offset: len(all)}, {Limit: 1000}} {
				pg.Offset = max(0, pg.Offset)
				t.Run(fmt.Sprintf("%d/%s/%d+%d", e.ID, date, pg.Offset, pg.Limit), func(t *testing.T) {
					got, total, err := s.EvidencePage(bg, e.ID, asOf, pg)
					if err != nil {
						t.Fatal(err)
					}
					want := []actorgraph.EvidenceRow{}
					if pg.Offset < len(all) {
						want = all[pg.Offset:min(len(all), pg.Offset+pg.Limit)]
					}
					if total != len(all) || !reflect.DeepEqual(got, want) {
						t.Errorf("total %d, want %d; rows\n%+v\nwant\n%+v", total, len(all), got, want)
					}
				})
			}
		}
	}
	for _, tc := range []struct {
		id   actorgraph.EdgeID
		pg   actorgraph.Page
		asOf string
		code string
	}{
		{999999, actorgraph.Page{Limit: 5}, "", actorgraph.ENotFound},
		{edges[0].ID, actorgraph.Page{Limit: -1}, "", actorgraph.EInvalid},
		{edges[0].ID, actorgraph.Page{Limit: 5}, "2019-13-01", actorgraph.EInvalid},
	} {
		if _, _, err := s.EvidencePage(bg, tc.id, actorgraph.AsOf{Date: tc.asOf}, tc.pg); actorgraph.ErrorCode(err) != tc.code {
			t.Errorf("EvidencePage(%d, %+v, %q): %v, want code %s", tc.id, tc.pg, tc.asOf, err, tc.code)
		}
	}
}
