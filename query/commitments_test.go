package query_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/nlp/pipeline"
	"github.com/actorgraph/actorgraph/query"
	"github.com/actorgraph/actorgraph/samples"
	"github.com/actorgraph/actorgraph/store/sqlite"
)

// store builds a store from dated one-sentence reports written for this test.
func store(t *testing.T, docs [][2]string) *sqlite.Store {
	t.Helper()
	x, err := pipeline.Default()
	if err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for i, d := range docs {
		doc := actorgraph.Document{Title: fmt.Sprintf("report %d", i+1), Published: d[0], Text: d[1]}
		if _, err := s.PutDocument(context.Background(), doc, x.Extract(d[1])); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestCheckedCommitments(t *testing.T) {
	s := store(t, [][2]string{
		{"2019-01-10", "The Taliban sheltered al-Qaeda fighters in Helmand."},
		{"2020-03-01", "The Taliban pledged not to host al-Qaeda."},
		{"2022-08-02", "In 2022 the Taliban hosted al-Qaeda leader Ayman al-Zawahiri in Kabul."},
		{"2021-02-01", "Iran promised to stop supporting the Houthis."},
		{"2023-05-01", "Iran reportedly supplied the Houthis with drones."},
		{"2021-06-01", "Hezbollah vowed to attack Israel."},
		{"2020-01-01", "Egypt pledged not to support Hamas."},
		{"2021-01-01", "Egypt supported Hamas."},
		{"2022-01-01", "Egypt did not support Hamas."},
		{"2020-06-01", "Hamas pledged not to attack Israel."},
		{"2021-05-01", "The Qassam Brigades, a branch of Hamas, attacked Israel."},
	})
	q := &query.Engine{S: s}
	ctx := context.Background()
	got, err := q.CheckedCommitments(ctx, actorgraph.CommitmentFilter{}, false)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, c := range got {
		neg := ""
		if c.Commitment.Negated {
			neg = "NOT "
		}
		var ev []string
		for _, r := range c.Evidence {
			ev = append(ev, r.Published)
		}
		lines = append(lines, fmt.Sprintf("%s %s%s %s: %q %v", c.Commitment.ActorName, neg, c.Commitment.Type,
			c.Commitment.TargetName, c.Status, ev))
	}
	sort.Strings(lines)
	want := []string{
		`Egypt NOT SUPPORTS Hamas: "contested" [2021-01-01]`,
		`Hamas NOT ATTACKS Israel: "broken" [2021-05-01]`,
		`Hezbollah ATTACKS Israel: "" []`,
		`Iran NOT SUPPORTS Houthis: "contested" [2023-05-01]`,
		`Taliban NOT HOSTS al-Qaeda: "broken" [2022-08-02]`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// only the broken and contested ones, and by actor
	broken, err := q.CheckedCommitments(ctx, actorgraph.CommitmentFilter{}, true)
	if err != nil || len(broken) != 4 {
		t.Errorf("broken only: %d, %v", len(broken), err)
	}
	tal, err := q.Resolve(ctx, "Taliban")
	if err != nil {
		t.Fatal(err)
	}
	mine, err := q.CheckedCommitments(ctx, actorgraph.CommitmentFilter{Actor: tal.ID}, true)
	if err != nil || len(mine) != 1 || mine[0].Status != actorgraph.Broken {
		t.Fatalf("Taliban: %+v, %v", mine, err)
	}
	b := mine[0]
	if b.Commitment.Sentence != "The Taliban pledged not to host al-Qaeda." || len(b.Evidence) != 1 ||
		!strings.Contains(b.Evidence[0].Sentence, "Zawahiri") || b.Evidence[0].DocTitle != "report 3" {
		t.Errorf("side by side: %+v", b)
	}
	// as known before the violation
	early, err := q.CheckedCommitments(ctx, actorgraph.CommitmentFilter{Actor: tal.ID, AsOf: actorgraph.AsOf{Date: "2021-01-01"}}, true)
	if err != nil || len(early) != 0 {
		t.Errorf("as of 2021: %+v, %v", early, err)
	}
}

// plain is a store without the analysis side.
type plain struct{ actorgraph.Store }

func TestNoAnalysisStore(t *testing.T) {
	q := &query.Engine{S: plain{}}
	_, err := q.CheckedCommitments(context.Background(), actorgraph.CommitmentFilter{}, false)
	if actorgraph.ErrorCode(err) != actorgraph.EInvalid {
		t.Errorf("got %v", err)
	}
}

func TestPledgeDate(t *testing.T) {
	cases := []struct{ when, published, want string }{
		{"29 February 2020", "2023-03-01", "2020-02-29"},
		{"3 March, 2024", "", "2024-03-03"},
		{"March 3, 2024", "", "2024-03-03"},
		{"November 2022", "2025-03-01", "2022-11-01"},
		{"2020", "2023-01-01", "2020-01-01"},
		{"early 2021", "", "2021-01-01"},
		{"", "2023-01-01", "2023-01-01"},
		{"Smarch 2020", "", "2020-01-01"},
		{"", "", ""},
	}
	for _, c := range cases {
		got := query.PledgeDate(actorgraph.StoredCommitment{When: c.when, Published: c.published})
		if got != c.want {
			t.Errorf("%q/%q: got %q, want %q", c.when, c.published, got, c.want)
		}
	}
}

// BenchmarkCheckedCommitments checks every commitment of a store of 190
// reports (the samples ten times over, each copy dated a year later).
func BenchmarkCheckedCommitments(b *testing.B) {
	x, err := pipeline.Default()
	if err != nil {
		b.Fatal(err)
	}
	s, err := sqlite.Open(filepath.Join(b.TempDir(), "g.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for i := 0; i < 10; i++ {
		for _, r := range samples.All() {
			text := r.Text + fmt.Sprintf("\nCopy %d.\n", i)
			doc := actorgraph.Document{Title: r.Name, Published: fmt.Sprintf("%d-01-01", 2015+i), Text: text}
			if _, err := s.PutDocument(ctx, doc, x.Extract(text)); err != nil {
				b.Fatal(err)
			}
		}
	}
	q := &query.Engine{S: s}
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		got, err := q.CheckedCommitments(ctx, actorgraph.CommitmentFilter{}, false)
		if err != nil {
			b.Fatal(err)
		}
		n = len(got)
	}
	b.ReportMetric(float64(n), "commitments")
}

func TestHistoryBeforeThePledge(t *testing.T) {
	s := store(t, [][2]string{
		{"2020-03-01", "The Taliban pledged not to host al-Qaeda."},
		{"2022-08-02", "In 2019 the Taliban hosted al-Qaeda."},
	})
	q := &query.Engine{S: s}
	got, err := q.CheckedCommitments(context.Background(), actorgraph.CommitmentFilter{}, true)
	if err != nil || len(got) != 0 {
		t.Errorf("a sentence dated before the pledge broke it: %+v, %v", got, err)
	}
}

func TestCheckedPage(t *testing.T) {
	s := store(t, [][2]string{
		{"2020-03-01", "The Taliban pledged not to host al-Qaeda."},
		{"2021-03-01", "Hezbollah vowed to attack Israel."},
		{"2022-08-02", "In 2022 the Taliban hosted al-Qaeda leader Ayman al-Zawahiri in Kabul."},
	})
	q := &query.Engine{S: s}
	ctx := context.Background()
	for _, c := range []struct {
		broken        bool
		offset, limit int
		n, total      int
	}{
		{false, 0, 1, 1, 2}, {false, 1, 5, 1, 2}, {false, 5, 5, 0, 2}, {false, 0, 100000, 2, 2}, {false, 0, 0, 2, 2},
		{true, 0, 5, 1, 1}, {true, 1, 5, 0, 1},
	} {
		got, total, err := q.CheckedPage(ctx, actorgraph.CommitmentFilter{Page: actorgraph.Page{Offset: c.offset, Limit: c.limit}}, c.broken)
		if err != nil || len(got) != c.n || total != c.total {
			t.Errorf("%+v: %d of %d, %v", c, len(got), total, err)
		}
	}
	if _, _, err := q.CheckedPage(ctx, actorgraph.CommitmentFilter{Page: actorgraph.Page{Offset: -1}}, true); actorgraph.ErrorCode(err) != actorgraph.EInvalid {
		t.Errorf("negative offset: %v", err)
	}
}
