package sqlite

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph"
)

// report is a one-sentence document: "<src> <verb> <dst>." with its
// extraction.
func report(t *testing.T, s *Store, publisher, date, src string, typ actorgraph.RelationType, dst, verb string, neg bool) actorgraph.PutResult {
	t.Helper()
	text := src + " " + verb + " " + dst + "."
	doc := actorgraph.Document{Title: text, Publisher: publisher, Published: date, Text: text}
	x := actorgraph.Extraction{
		Entities: []actorgraph.Entity{
			{ID: "e1", Name: src, Type: actorgraph.ArmedGroup, Aliases: []string{src}, Mentions: []actorgraph.Span{{Start: 0, End: len(src)}}},
			{ID: "e2", Name: dst, Type: actorgraph.ArmedGroup, Aliases: []string{dst},
				Mentions: []actorgraph.Span{{Start: len(text) - 1 - len(dst), End: len(text) - 1}}},
		},
		Relations: []actorgraph.Relation{{Source: "e1", Type: typ, Target: "e2", Negated: neg, Modality: actorgraph.Asserted,
			Evidence: actorgraph.Evidence{Text: text, Span: actorgraph.Span{Start: 0, End: len(text)}}}},
	}
	r, err := s.PutDocument(bg, doc, x)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func edgeOf(t *testing.T, s *Store, src string, typ actorgraph.RelationType, neg bool) actorgraph.Edge {
	t.Helper()
	as, err := s.Resolve(bg, src)
	if err != nil || len(as) != 1 {
		t.Fatalf("resolve %s: %v %v", src, as, err)
	}
	es, _, err := s.Edges(bg, actorgraph.EdgeFilter{Actor: as[0].ID, Type: typ, Negated: &neg})
	if err != nil || len(es) == 0 {
		t.Fatalf("edges of %s: %v %v", src, es, err)
	}
	return es[0]
}

func TestCredibilityCountsIndependentSources(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	steps := []struct {
		publisher, verb string
		wantIndep       int
		wantCred        int
	}{
		{"Wire One", "supports", 1, 3},
		{"Wire One", "openly supports", 1, 3},  // same publisher counts once
		{"", "supports", 1, 3},                 // a repeat of the first sentence, no publisher
		{"Wire Two", "quietly supports", 2, 2}, // a second independent source
		{"", "still supports", 3, 1},           // a third: its own document
	}
	for i, st := range steps {
		report(t, s, st.publisher, "2024-01-0"+string(rune('1'+i)), "Red Band", actorgraph.Supports, "Blue Front", st.verb, false)
		e := edgeOf(t, s, "Red Band", actorgraph.Supports, false)
		m, err := s.Assessments(bg, []actorgraph.EdgeID{e.ID})
		if err != nil {
			t.Fatal(err)
		}
		a := m[e.ID]
		if a.IndependentSources != st.wantIndep || a.Credibility != st.wantCred || a.DerivedCredibility != st.wantCred {
			t.Errorf("step %d: independent %d credibility %d/%d; want %d, %d", i, a.IndependentSources, a.Credibility, a.DerivedCredibility,
				st.wantIndep, st.wantCred)
		}
		if a.Modality != actorgraph.Asserted || a.Reliability != actorgraph.ReliabilityF || a.Confidence != "" {
			t.Errorf("step %d: %+v", i, a)
		}
	}
	// a denial from an independent source makes it doubtful
	report(t, s, "Wire Three", "2024-02-01", "Red Band", actorgraph.Supports, "Blue Front", "does not support", true)
	e := edgeOf(t, s, "Red Band", actorgraph.Supports, false)
	m, _ := s.Assessments(bg, []actorgraph.EdgeID{e.ID})
	if a := m[e.ID]; a.OpposingSources != 1 || a.Credibility != actorgraph.CredDoubtful {
		t.Errorf("after a denial: %+v", a)
	}

	// reliability per publisher: the best grade of the edge's publishers
	if err := s.SetReliability(bg, "Wire Two", "b", "long record"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetReliability(bg, "Wire One", "D", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.SetReliability(bg, "x", "G", ""); actorgraph.ErrorCode(err) != actorgraph.EInvalid {
		t.Errorf("grade G: %v", err)
	}
	// analyst assessments override credibility, keep the derived one
	a, err := s.Assess(bg, e.ID, actorgraph.AnalystAssessment{Confidence: "high", Credibility: 2, Note: "checked"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Reliability != actorgraph.ReliabilityB || a.Credibility != 2 || a.DerivedCredibility != actorgraph.CredDoubtful ||
		a.AnalystCredibility != 2 || a.Confidence != actorgraph.ConfidenceHigh {
		t.Errorf("assessed: %+v", a)
	}
	if _, err := s.Assess(bg, 99999, actorgraph.AnalystAssessment{Confidence: "low"}); actorgraph.ErrorCode(err) != actorgraph.ENotFound {
		t.Errorf("unknown edge: %v", err)
	}
	if _, err := s.Assess(bg, e.ID, actorgraph.AnalystAssessment{Credibility: 7}); actorgraph.ErrorCode(err) != actorgraph.EInvalid {
		t.Errorf("credibility 7: %v", err)
	}
	log, err := s.AssessmentLog(bg)
	if err != nil || len(log) != 4 {
		t.Fatalf("log: %v %v", log, err)
	}
	// assessments survive a reindex (the same extraction stored again)
	_, x, err := s.Document(bg, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReplaceExtraction(bg, 1, x); err != nil {
		t.Fatal(err)
	}
	m, _ = s.Assessments(bg, []actorgraph.EdgeID{e.ID})
	if m[e.ID].Confidence != actorgraph.ConfidenceHigh || m[e.ID].Credibility != 2 {
		t.Errorf("after reindex: %+v", m[e.ID])
	}
}

func TestWatchAlertsAndDeliveries(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s.Now = func() time.Time { return now }
	report(t, s, "Wire One", "2024-01-01", "Red Band", actorgraph.Supports, "Blue Front", "supports", false)
	red := edgeOf(t, s, "Red Band", actorgraph.Supports, false).Source
	w, err := s.AddWatch(bg, red, "")
	if err != nil || w.ActorName != "Red Band" {
		t.Fatalf("watch: %+v %v", w, err)
	}
	if _, err := s.AddWatch(bg, red, ""); actorgraph.ErrorCode(err) != actorgraph.EConflict {
		t.Errorf("second watch: %v", err)
	}
	if _, err := s.AddWatch(bg, 4242, ""); actorgraph.ErrorCode(err) != actorgraph.ENotFound {
		t.Errorf("watch unknown: %v", err)
	}
	h, err := s.AddWebhook(bg, "http://127.0.0.1:9/hook")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddWebhook(bg, "ftp://x"); actorgraph.ErrorCode(err) != actorgraph.EInvalid {
		t.Errorf("ftp webhook: %v", err)
	}
	// what was known when the watch was added raises nothing
	if as, err := s.CheckWatches(bg); err != nil || len(as) != 0 {
		t.Fatalf("first check: %v %v", as, err)
	}
	steps := []struct {
		dst, verb string
		neg       bool
		want      actorgraph.AlertKind
	}{
		{"Green Army", "attacks", false, actorgraph.AlertNew},
		{"Blue Front", "openly supports", false, actorgraph.AlertStrengthened},
		{"Blue Front", "does not support", true, actorgraph.AlertNew}, // the denial itself
	}
	for i, st := range steps {
		typ := actorgraph.Supports
		if st.verb == "attacks" {
			typ = actorgraph.Attacks
		}
		report(t, s, "Wire Two", "2024-02-0"+string(rune('1'+i)), "Red Band", typ, st.dst, st.verb, st.neg)
		as, err := s.CheckWatches(bg)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[actorgraph.AlertKind]int{}
		for _, a := range as {
			kinds[a.Kind]++
			if !strings.Contains(a.Evidence.Sentence, "Red Band") || a.Evidence.DocID == 0 || a.ActorName != "Red Band" {
				t.Errorf("step %d: alert without its sentence: %+v", i, a)
			}
		}
		if kinds[st.want] != 1 {
			t.Errorf("step %d: alerts %v, want one %s", i, kinds, st.want)
		}
		if i == 2 && kinds[actorgraph.AlertContested] != 1 {
			t.Errorf("step 2: the supported edge should now be contested: %v", kinds)
		}
	}
	all, total, err := s.Alerts(bg, time.Time{}, actorgraph.Page{})
	if err != nil || total != 4 || len(all) != 4 || all[0].ID < all[3].ID {
		t.Fatalf("alerts: %d %d %v", len(all), total, err)
	}
	// deliveries: one per alert; a failure stays queued until its next try
	ds, err := s.PendingDeliveries(bg, now, 100)
	if err != nil || len(ds) != 4 || ds[0].Webhook.ID != h.ID {
		t.Fatalf("pending: %v %v", ds, err)
	}
	next := now.Add(time.Minute)
	if err := s.RecordDelivery(bg, ds[0].Alert.ID, h.ID, errors.New("503"), next); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordDelivery(bg, ds[1].Alert.ID, h.ID, nil, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if ds, _ := s.PendingDeliveries(bg, now, 100); len(ds) != 2 {
		t.Errorf("pending now: %d, want 2", len(ds))
	}
	ds, _ = s.PendingDeliveries(bg, next, 100)
	if len(ds) != 3 || ds[0].Attempts != 1 || ds[0].LastError != "503" {
		t.Errorf("pending later: %+v", ds)
	}
	if err := s.RemoveWatch(bg, w.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveWatch(bg, w.ID); actorgraph.ErrorCode(err) != actorgraph.ENotFound {
		t.Errorf("remove twice: %v", err)
	}
	if err := s.RemoveWebhook(bg, h.ID); err != nil {
		t.Fatal(err)
	}
	if ds, _ := s.PendingDeliveries(bg, next, 100); len(ds) != 0 {
		t.Errorf("deliveries of a removed webhook: %d", len(ds))
	}
}

func TestEdgeChanges(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	report(t, s, "Wire One", "2024-01-01", "Red Band", actorgraph.Supports, "Blue Front", "supports", false)
	report(t, s, "Wire One", "2024-01-05", "Red Band", actorgraph.Attacks, "Green Army", "attacks", false)
	report(t, s, "Wire Two", "2024-03-01", "Red Band", actorgraph.Supports, "Blue Front", "openly supports", false)
	report(t, s, "Wire Two", "2024-03-02", "Red Band", actorgraph.Supports, "Blue Front", "does not support", true)
	report(t, s, "Wire Two", "2024-03-03", "Black Unit", actorgraph.Attacks, "Green Army", "attacks", false)
	cs, err := s.EdgeChanges(bg, "2024-02-01")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]actorgraph.EdgeChange{}
	for _, c := range cs {
		k := c.Edge.SourceName + " " + string(c.Edge.Type) + " " + c.Edge.TargetName
		if c.Edge.Negated {
			k = "NOT " + k
		}
		got[k] = c
	}
	sup := got["Red Band SUPPORTS Blue Front"]
	if sup.CountBefore != 1 || sup.Edge.Count != 2 || sup.PublishersBefore != 1 || sup.Publishers != 2 || sup.ContestedBefore || !sup.Edge.Contested {
		t.Errorf("supports: %+v", sup)
	}
	if c := got["NOT Red Band SUPPORTS Blue Front"]; c.CountBefore != 0 || c.CountAfter != 1 {
		t.Errorf("denial: %+v", c)
	}
	if c := got["Red Band ATTACKS Green Army"]; c.CountAfter != 0 || c.LastEvidence != "2024-01-05" {
		t.Errorf("quiet: %+v", c)
	}
	if c := got["Black Unit ATTACKS Green Army"]; c.CountBefore != 0 || c.TargetDegree != 2 {
		t.Errorf("new: %+v", c)
	}
	debuts, err := s.ActorDebuts(bg, "2024-02-01")
	if err != nil || len(debuts) != 1 || debuts[0].FirstSeen != "2024-03-03" {
		t.Errorf("debuts: %+v %v", debuts, err)
	}
	if d, err := s.LatestDate(bg); d != "2024-03-03" || err != nil {
		t.Errorf("latest %q %v", d, err)
	}
	if _, err := s.EdgeChanges(bg, "2024-13-01"); actorgraph.ErrorCode(err) != actorgraph.EInvalid {
		t.Errorf("bad date: %v", err)
	}
}

// TestAssessmentsBulkMatchesSingle checks that the bulk pass gives the
// same assessments as the per-edge reads.
func TestAssessmentsBulkMatchesSingle(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	pubs := []string{"Wire One", "Wire Two", "", "Wire Three"}
	verbs := []string{"supports", "openly supports", "supports", "still supports", "does not support"}
	names := []string{"Red Band", "Blue Front", "Green Army", "Black Unit"}
	n := 0
	for i, src := range names {
		for j, dst := range names {
			if i == j {
				continue
			}
			for k := 0; k < 1+(i+j)%4; k++ {
				v := verbs[(i+j+k)%len(verbs)]
				report(t, s, pubs[(i+k)%len(pubs)], "2024-01-0"+string(rune('1'+k)), src, actorgraph.Supports, dst, v+" "+strings.Repeat("really ", n%3), strings.HasPrefix(v, "does not"))
				n++
			}
		}
	}
	if err := s.SetReliability(bg, "Wire Two", "B", ""); err != nil {
		t.Fatal(err)
	}
	es, _, err := s.Edges(bg, actorgraph.EdgeFilter{Page: actorgraph.Page{Limit: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Assess(bg, es[0].ID, actorgraph.AnalystAssessment{Confidence: "low", Credibility: 5}); err != nil {
		t.Fatal(err)
	}
	var ids []actorgraph.EdgeID
	single := map[actorgraph.EdgeID]actorgraph.Assessment{}
	for _, e := range es {
		ids = append(ids, e.ID)
		m, err := s.Assessments(bg, []actorgraph.EdgeID{e.ID})
		if err != nil {
			t.Fatal(err)
		}
		single[e.ID] = m[e.ID]
	}
	// pad past the threshold with unknown ids, which are left out
	for len(ids) <= bulkThreshold {
		ids = append(ids, actorgraph.EdgeID(100000+len(ids)))
	}
	bulk, err := s.Assessments(bg, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(bulk) != len(es) {
		t.Fatalf("bulk has %d, want %d", len(bulk), len(es))
	}
	var opposed, corroborated, graded bool
	for _, a := range single {
		opposed = opposed || a.OpposingSources > 0
		corroborated = corroborated || a.IndependentSources > 1
		graded = graded || a.Reliability == "B"
	}
	if !opposed || !corroborated || !graded {
		t.Errorf("the fixture lacks variety: opposed %v corroborated %v graded %v", opposed, corroborated, graded)
	}
	for id, a := range single {
		if !reflect.DeepEqual(a, bulk[id]) {
			t.Errorf("edge %d:\n single %+v\n bulk   %+v", id, a, bulk[id])
		}
	}
}
