package query

import (
	"context"
	"testing"

	"github.com/actorgraph/actorgraph"
)

func TestClassify(t *testing.T) {
	e := func(contested bool) actorgraph.Edge { return actorgraph.Edge{ID: 1, Count: 3, Contested: contested} }
	tests := []struct {
		name string
		c    actorgraph.EdgeChange
		want ChangeKind
	}{
		{"new", actorgraph.EdgeChange{Edge: e(false), CountAfter: 3}, ChangeNew},
		{"new and contested is new", actorgraph.EdgeChange{Edge: e(true), CountAfter: 3}, ChangeNew},
		{"newly contested", actorgraph.EdgeChange{Edge: e(true), CountBefore: 2, CountAfter: 1, Publishers: 2, PublishersBefore: 1}, ChangeContested},
		{"contested before", actorgraph.EdgeChange{Edge: e(true), CountBefore: 3, ContestedBefore: true, Publishers: 1, PublishersBefore: 1,
			LastEvidence: "2025-01-01"}, ""},
		{"strengthened", actorgraph.EdgeChange{Edge: e(false), CountBefore: 1, CountAfter: 2, Publishers: 2, PublishersBefore: 1}, ChangeStrengthened},
		{"more rows, same source", actorgraph.EdgeChange{Edge: e(false), CountBefore: 1, CountAfter: 2, Publishers: 1, PublishersBefore: 1,
			LastEvidence: "2025-05-01"}, ""},
		{"quiet", actorgraph.EdgeChange{Edge: e(false), CountBefore: 3, Publishers: 1, PublishersBefore: 1, LastEvidence: "2023-01-01"}, ChangeQuiet},
		{"silent but recent", actorgraph.EdgeChange{Edge: e(false), CountBefore: 3, Publishers: 1, PublishersBefore: 1, LastEvidence: "2024-12-01"}, ""},
	}
	for _, tt := range tests {
		if got := classify(tt.c, "2024-06-01"); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestPickEvidence(t *testing.T) {
	rows := []actorgraph.EvidenceRow{
		{DocID: 1, Published: "2024-01-01"}, {DocID: 2, Published: "2025-03-01"}, {DocID: 3, Published: "2025-02-01"}, {DocID: 4},
	}
	tests := []struct {
		since string
		quiet bool
		want  actorgraph.DocID
	}{
		{"2025-01-01", false, 2}, // the newest on or after the date
		{"2025-06-01", false, 4}, // none dated after: the undated one
		{"2025-06-01", true, 2},  // quiet: the newest dated
		{"2000-01-01", false, 2},
	}
	for _, tt := range tests {
		if got := pickEvidence(rows, tt.since, tt.quiet); got.DocID != tt.want {
			t.Errorf("%s quiet=%v: doc %d, want %d", tt.since, tt.quiet, got.DocID, tt.want)
		}
	}
	if got := pickEvidence(nil, "2025-01-01", false); got.DocID != 0 {
		t.Errorf("empty: %+v", got)
	}
}

func TestChangesNeedsChangeReader(t *testing.T) {
	q := &Engine{S: nil}
	if _, err := q.Changes(context.Background(), "2025-01-01", ChangeOptions{}); actorgraph.ErrorCode(err) != actorgraph.EInvalid {
		t.Errorf("err %v", err)
	}
}
