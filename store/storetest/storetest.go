// Package storetest is the conformance suite of actorgraph.Store: every
// implementation (the embedded SQLite store, a future PostgreSQL one)
// runs Run against fresh, empty stores and must pass all of it.
//
// It owns the executable definition of the store's behaviour: document
// round trips and idempotence, the merging of actors across documents
// (knowledge-base ids, normalised names, shared aliases, ambiguity),
// aggregated edges and their evidence, AsOf, search, pagination, analyst
// edits and their survival across reindexing, and the error codes.
//
// Imports: only the root package (github.com/actorgraph/actorgraph) and
// the standard library. It must never import a store implementation,
// nlp/, cmd/ or web/: fixtures are small extractions written by hand.
package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph"
)

// Run runs the conformance suite. open must return a new, empty store
// each time it is called; Run closes it.
func Run(t *testing.T, open func(t *testing.T) actorgraph.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s actorgraph.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"Idempotent", testIdempotent},
		{"MergeByKnowledgeBase", testMergeByKB},
		{"MergeByName", testMergeByName},
		{"SharedAliasNotMerged", testSharedAlias},
		{"Resolve", testResolve},
		{"Edges", testEdges},
		{"EdgeFilter", testEdgeFilter},
		{"Evidence", testEvidence},
		{"AsOf", testAsOf},
		{"Search", testSearch},
		{"Pagination", testPagination},
		{"EditMergeUnmergeUndo", testEditMerge},
		{"EditSplit", testEditSplit},
		{"EditRenameSetType", testEditRename},
		{"EditErrors", testEditErrors},
		{"EditsSurviveReindex", testEditsSurviveReindex},
		{"ReplaceExtraction", testReplace},
		{"Errors", testErrors},
		{"Concurrent", testConcurrent},
		{"RandomInvariants", testRandom},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tc.fn(t, s)
		})
	}
	t.Run("MergeOrderIndependent", func(t *testing.T) { testOrderIndependent(t, open) })
}

// ---------------------------------------------------------------------------
// Shared cast

var (
	taliban  = E{ID: "tal", Name: "Taliban", Type: actorgraph.ArmedGroup, KB: "taliban", KBName: "Taliban"}
	alQaeda  = E{ID: "aq", Name: "al-Qaeda", Type: actorgraph.ArmedGroup, KB: "al_qaeda", KBName: "al-Qaeda", Aliases: []string{"AQ"}}
	kabul    = E{ID: "kabul", Name: "Kabul", Type: actorgraph.Location, KB: "kabul", KBName: "Kabul"}
	hts      = E{ID: "hts", Name: "Hayʼat Taḥrīr al-Shām", Type: actorgraph.ArmedGroup, KB: "hts", KBName: "Hayʼat Taḥrīr al-Shām", Aliases: []string{"HTS"}}
	shabaab  = E{ID: "sh", Name: "al-Shabaab", Type: actorgraph.ArmedGroup, KB: "al_shabaab", KBName: "al-Shabaab"}
	amisom   = E{ID: "am", Name: "AMISOM", Type: actorgraph.Org, KB: "amisom", KBName: "AMISOM"}
	ethiopia = E{ID: "eth", Name: "Ethiopia", Type: actorgraph.Country, KB: "eth", KBName: "Ethiopia"}
	syria    = E{ID: "syr", Name: "Syria", Type: actorgraph.Country, KB: "syr", KBName: "Syria"}
)

// The TIP family: two different groups called TIP, and a document that
// only says "TIP".
func tipTurkistan() F {
	return F{Title: "TIP in Syria", Published: "2024-01-05", Sentences: []string{
		"The Turkistan Islamic Party (TIP) fights in Syria.", "TIP fighters came from Xinjiang."},
		Ents: []E{{ID: "tip", Name: "Turkistan Islamic Party", Type: actorgraph.ArmedGroup, Aliases: []string{"TIP"}}, syria},
		Rels: []R{{Src: "tip", Type: actorgraph.LocatedIn, Dst: "syr", Sent: 0, Trigger: "in"}}}
}

func tipAlone() F {
	return F{Title: "TIP and HTS", Published: "2024-02-10", Sentences: []string{
		"TIP fighters joined Hayʼat Taḥrīr al-Shām in Idlib."},
		Ents: []E{{ID: "t", Name: "TIP", Type: actorgraph.ArmedGroup}, hts},
		Rels: []R{{Src: "t", Type: actorgraph.Ally, Dst: "hts", Sent: 0, Trigger: "joined"}}}
}

func tipPakistan() F {
	return F{Title: "TIP in Pakistan", Published: "2024-03-01", Sentences: []string{
		"Tehreek-e-Islami Pakistan (TIP) held a rally in Lahore."},
		Ents: []E{{ID: "p", Name: "Tehreek-e-Islami Pakistan", Type: actorgraph.Org, Aliases: []string{"TIP"}},
			{ID: "lhr", Name: "Lahore", Type: actorgraph.Location}},
		Rels: []R{{Src: "p", Type: actorgraph.LocatedIn, Dst: "lhr", Sent: 0, Trigger: "in"}}}
}

// ---------------------------------------------------------------------------

func normX(x actorgraph.Extraction) actorgraph.Extraction {
	if x.Entities == nil {
		x.Entities = []actorgraph.Entity{}
	}
	if x.Relations == nil {
		x.Relations = []actorgraph.Relation{}
	}
	for i := range x.Entities {
		e := &x.Entities[i]
		if e.Aliases == nil {
			e.Aliases = []string{}
		}
		if e.Mentions == nil {
			e.Mentions = []actorgraph.Span{}
		}
	}
	return x
}

func testRoundTrip(t *testing.T, s actorgraph.Store) {
	f := F{Title: "Doha pledge", URL: "https://example.org/doha", Publisher: "Example Review", Published: "2024-02-03",
		Sentences: []string{"The Taliban pledged to restrain al-Qaeda.",
			"According to officials, al-Qaeda (AQ) is reportedly based in Kabul.", "Ünïcödé text — with “quotes”."},
		Ents: []E{taliban, alQaeda, kabul},
		Rels: []R{{Src: "tal", Type: actorgraph.Pressures, Dst: "aq", Mod: actorgraph.Possible, Sent: 0, Trigger: "restrain"},
			{Src: "aq", Type: actorgraph.LocatedIn, Dst: "kabul", Mod: actorgraph.Reported, Sent: 1, Trigger: "based in"},
			{Src: "tal", Type: actorgraph.Hosts, Dst: "aq", Neg: true, Sent: 1}}}
	doc, x := f.Doc(), f.X()
	res, err := s.PutDocument(bg, doc, x)
	if err != nil {
		t.Fatal(err)
	}
	if !res.New || res.DocID <= 0 {
		t.Fatalf("PutDocument = %+v", res)
	}
	got, gx, err := s.Document(bg, res.DocID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Document, doc) {
		t.Errorf("document:\n got %+v\nwant %+v", got.Document, doc)
	}
	sum := sha256.Sum256([]byte(doc.Text))
	if got.DocID != res.DocID || got.Hash != hex.EncodeToString(sum[:]) {
		t.Errorf("DocID %d hash %q, want %d %x", got.DocID, got.Hash, res.DocID, sum)
	}
	if got.Ingested.IsZero() {
		t.Error("Ingested is zero")
	}
	if got.Actors != 3 || got.Edges != 3 {
		t.Errorf("Actors %d Edges %d, want 3 3", got.Actors, got.Edges)
	}
	if !reflect.DeepEqual(normX(gx), normX(x)) {
		t.Errorf("extraction:\n got %+v\nwant %+v", gx, x)
	}
	// an empty extraction round-trips too
	res2, err := s.PutDocument(bg, actorgraph.Document{Text: "Nothing to see here."}, actorgraph.Extraction{})
	if err != nil {
		t.Fatal(err)
	}
	d2, x2, err := s.Document(bg, res2.DocID)
	if err != nil {
		t.Fatal(err)
	}
	if d2.Text != "Nothing to see here." || len(x2.Entities) != 0 || len(x2.Relations) != 0 || d2.Published != "" {
		t.Errorf("empty extraction: %+v %+v", d2, x2)
	}
	ids, err := s.DocumentIDs(bg)
	if err != nil || !reflect.DeepEqual(ids, []actorgraph.DocID{res.DocID, res2.DocID}) {
		t.Errorf("DocumentIDs = %v, %v", ids, err)
	}
	checkInvariants(t, s, actorgraph.AsOf{})
}

func testIdempotent(t *testing.T, s actorgraph.Store) {
	f := F{Title: "first", Published: "2024-01-01", Sentences: []string{"The Taliban host al-Qaeda."},
		Ents: []E{taliban, alQaeda}, Rels: []R{{Src: "tal", Type: actorgraph.Hosts, Dst: "aq"}}}
	id := put(t, s, f)
	for i, again := range []F{f, {Title: "other title", Published: "2025-01-01", Sentences: f.Sentences}} {
		res, err := s.PutDocument(bg, again.Doc(), again.X())
		if err != nil {
			t.Fatal(err)
		}
		if res.New || res.DocID != id {
			t.Fatalf("put %d of the same text: %+v, want doc %d not new", i+2, res, id)
		}
	}
	docs, total, err := s.Documents(bg, actorgraph.AsOf{}, actorgraph.Page{})
	if err != nil || total != 1 || len(docs) != 1 || docs[0].Title != "first" {
		t.Fatalf("Documents = %d %d %v", len(docs), total, err)
	}
	es := allEdges(t, s, actorgraph.EdgeFilter{})
	if len(es) != 1 || es[0].Count != 1 || es[0].Documents != 1 {
		t.Fatalf("edges after idempotent puts: %+v", es)
	}
	if a := one(t, s, "Taliban"); a.Documents != 1 || a.Mentions != 1 || a.Evidence != 1 {
		t.Errorf("Taliban after idempotent puts: %+v", a)
	}
	checkInvariants(t, s, actorgraph.AsOf{})
}

func testMergeByKB(t *testing.T, s actorgraph.Store) {
	d1 := put(t, s, F{Title: "one", Published: "2024-01-01", Sentences: []string{"The Taliban host al-Qaeda in Kabul."},
		Ents: []E{taliban, alQaeda, kabul}, Rels: []R{{Src: "tal", Type: actorgraph.Hosts, Dst: "aq"}}})
	emirate := E{ID: "ie", Name: "Islamic Emirate", Type: actorgraph.ArmedGroup, KB: "taliban", KBName: "Taliban"}
	d2 := put(t, s, F{Title: "two", Published: "2024-02-01", Sentences: []string{
		"The Islamic Emirate again hosts al-Qaeda.", "The Islamic Emirate rules Kabul."},
		Ents: []E{emirate, alQaeda, kabul}, Rels: []R{{Src: "ie", Type: actorgraph.Hosts, Dst: "aq"}}})
	a := one(t, s, "Taliban")
	if b := one(t, s, "Islamic Emirate"); b.ID != a.ID {
		t.Fatalf("same KBID, two actors: %d and %d", a.ID, b.ID)
	}
	if a.KBID != "taliban" || a.Documents != 2 || a.Mentions != 3 || a.Type != actorgraph.ArmedGroup || a.Name != "Taliban" {
		t.Errorf("merged actor %+v", a)
	}
	al := aliasSet(a)
	if c, ok := al["islamic emirate"]; !ok || c.DocID != d2 || c.Count != 2 {
		t.Errorf("alias claim for Islamic Emirate: %+v (doc %d)", c, d2)
	}
	if _, ok := al["taliban"]; !ok {
		t.Errorf("aliases %+v lack Taliban", a.Aliases)
	}
	if c := al["aq"]; c.Name != "" {
		t.Errorf("Taliban has al-Qaeda's alias: %+v", a.Aliases)
	}
	q := one(t, s, "AQ")
	if c := aliasSet(q)["aq"]; c.DocID != d1 || c.Count != 0 {
		// "AQ" is an alias of al-Qaeda in both documents but never mentioned
		t.Errorf("alias claim for AQ: %+v", c)
	}
	// when the document that introduced a name stops using it, the claim
	// passes to the next document that uses it
	_, x1, err := s.Document(bg, d1)
	if err != nil {
		t.Fatal(err)
	}
	x1.Entities[1].Aliases = nil
	if err := s.ReplaceExtraction(bg, d1, x1); err != nil {
		t.Fatal(err)
	}
	if c := aliasSet(one(t, s, "AQ"))["aq"]; c.DocID != d2 {
		t.Errorf("alias claim for AQ after document %d dropped it: %+v, want document %d", d1, c, d2)
	}
	es := allEdges(t, s, actorgraph.EdgeFilter{Actor: a.ID})
	if len(es) != 1 {
		t.Fatalf("edges of %s: %+v", a.Name, es)
	}
	e := findEdge(t, es, a.ID, actorgraph.Hosts, q.ID, false)
	if e.Count != 2 || e.Documents != 2 || e.FirstSeen != "2024-01-01" || e.LastSeen != "2024-02-01" ||
		e.SourceName != "Taliban" || e.TargetName != "al-Qaeda" {
		t.Errorf("edge %+v", e)
	}
	checkInvariants(t, s, actorgraph.AsOf{})
}

func testMergeByName(t *testing.T, s actorgraph.Store) {
	d1 := put(t, s, tipTurkistan())
	d2 := put(t, s, tipAlone())
	d3 := put(t, s, F{Title: "spelling", Published: "2024-04-01", Sentences: []string{
		"Fighters of the TURKISTĀN ISLAMIC PARTY, also known as the Turkestan Islamic Party, left Idlib."},
		Ents: []E{{ID: "x", Name: "TURKISTĀN ISLAMIC PARTY", Type: actorgraph.ArmedGroup, Aliases: []string{"Turkestan Islamic Party"}}}})
	a := one(t, s, "Turkistan Islamic Party")
	for _, n := range []string{"TIP", "tip", "Turkestan Islamic Party", "turkistān islamic party"} {
		if b := one(t, s, n); b.ID != a.ID {
			t.Errorf("Resolve(%q) = %d (%s), want %d", n, b.ID, b.Name, a.ID)
		}
	}
	if a.Documents != 3 || a.Name != "Turkistan Islamic Party" || a.Type != actorgraph.ArmedGroup || a.KBID != "" {
		t.Errorf("merged actor %+v", a)
	}
	if len(a.Ambiguous) != 0 {
		t.Errorf("Ambiguous = %v, want none", a.Ambiguous)
	}
	al := aliasSet(a)
	if c := al["tip"]; c.DocID != d1 || c.Count != 3 { // 2 in d1, 1 in d2
		t.Errorf("claim TIP = %+v, want doc %d count 3", c, d1)
	}
	if c := al["turkestan islamic party"]; c.DocID != d3 || c.Count != 1 {
		t.Errorf("claim Turkestan Islamic Party = %+v, want doc %d", c, d3)
	}
	h := one(t, s, "HTS")
	e := findEdge(t, allEdges(t, s, actorgraph.EdgeFilter{Actor: h.ID}), a.ID, actorgraph.Ally, h.ID, false)
	if e.Count != 1 || e.FirstSeen != "2024-02-10" {
		t.Errorf("edge from document %d: %+v", d2, e)
	}
	checkInvariants(t, s, actorgraph.AsOf{})
}

func testSharedAlias(t *testing.T, s actorgraph.Store) {
	put(t, s, tipTurkistan())
	put(t, s, tipPakistan())
	as, err := s.Resolve(bg, "TIP")
	if err != nil || len(as) != 2 {
		t.Fatalf("Resolve(TIP) = %v, %v; want 2 actors", actorNames(as), err)
	}
	a, p := one(t, s, "Turkistan Islamic Party"), one(t, s, "Tehreek-e-Islami Pakistan")
	if a.ID == p.ID {
		t.Fatal("two groups sharing only an alias were merged")
	}
	if !reflect.DeepEqual(a.Ambiguous, []actorgraph.ActorID{p.ID}) || !reflect.DeepEqual(p.Ambiguous, []actorgraph.ActorID{a.ID}) {
		t.Errorf("Ambiguous: %v and %v", a.Ambiguous, p.Ambiguous)
	}
	if p.Type != actorgraph.Org || a.Documents != 1 || p.Documents != 1 {
		t.Errorf("actors %+v %+v", a, p)
	}
	// a person and a country of the same name are two actors
	put(t, s, F{Title: "j1", Sentences: []string{"Jordan met the envoy."}, Ents: []E{{ID: "j", Name: "Jordan", Type: actorgraph.Person}}})
	put(t, s, F{Title: "j2", Sentences: []string{"Jordan closed its border."}, Ents: []E{{ID: "j", Name: "Jordan", Type: actorgraph.Country}}})
	js, err := s.Resolve(bg, "jordan")
	if err != nil || len(js) != 2 || len(js[0].Ambiguous) != 1 {
		t.Errorf("Resolve(jordan) = %+v, %v", js, err)
	}
	checkInvariants(t, s, actorgraph.AsOf{})
}

// testOrderIndependent stores the TIP family in every order: the same
// documents must give the same actors whatever order they came in. A
// document that only says "TIP" joins no group once two groups are
// called TIP.
func testOrderIndependent(t *testing.T, open func(t *testing.T) actorgraph.Store) {
	fs := []F{tipTurkistan(), tipAlone(), tipPakistan()}
	want := ""
	for _, order := range [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}} {
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			s := open(t)
			defer s.Close()
			for _, i := range order {
				put(t, s, fs[i])
			}
			tur, pak := one(t, s, "Turkistan Islamic Party"), one(t, s, "Tehreek-e-Islami Pakistan")
			if tur.Documents != 1 || pak.Documents != 1 {
				t.Errorf("a document that only says TIP joined a group although two are called TIP: %d %d",
					tur.Documents, pak.Documents)
			}
			checkInvariants(t, s, actorgraph.AsOf{})
			sig := orderSignature(t, s)
			if want == "" {
				want = sig
			} else if sig != want {
				t.Errorf("order %v gives\n%s\nfirst order gave\n%s", order, sig, want)
			}
		})
	}
}

func orderSignature(t *testing.T, s actorgraph.Store) string {
	var parts []string
	for _, n := range []string{"Turkistan Islamic Party", "Tehreek-e-Islami Pakistan"} {
		a := one(t, s, n)
		parts = append(parts, fmt.Sprintf("%s:%d docs,%d ambiguous", a.Name, a.Documents, len(a.Ambiguous)))
	}
	as, err := s.Resolve(bg, "TIP")
	if err != nil {
		t.Fatal(err)
	}
	parts = append(parts, fmt.Sprintf("TIP:%d actors", len(as)))
	for _, e := range allEdges(t, s, actorgraph.EdgeFilter{}) {
		parts = append(parts, fmt.Sprintf("%s-%s->%s×%d", e.SourceName, e.Type, e.TargetName, e.Count))
	}
	sort.Strings(parts)
	return strings.Join(parts, "; ")
}

func testResolve(t *testing.T, s actorgraph.Store) {
	put(t, s, F{Title: "hts", Sentences: []string{"Hayʼat Taḥrīr al-Shām (HTS) controls Idlib."}, Ents: []E{hts}})
	a := one(t, s, "HTS")
	for _, n := range []string{"hts", "Hayʼat Taḥrīr al-Shām", "hayʼat tahrir al-sham", "HAYʼAT TAḤRĪR AL-SHĀM", "  Hayʼat   Tahrir al-Sham "} {
		if b := one(t, s, n); b.ID != a.ID {
			t.Errorf("Resolve(%q) = %d, want %d", n, b.ID, a.ID)
		}
	}
	_, err := s.Resolve(bg, "Jabhat Fateh al-Sham")
	wantCode(t, "Resolve(unknown)", err, actorgraph.ENotFound)
	_, err = s.Resolve(bg, "   ")
	wantCode(t, "Resolve(blank)", err, actorgraph.EInvalid)
	if got, err := s.Actor(bg, a.ID); err != nil || got.ID != a.ID || got.Name != a.Name {
		t.Errorf("Actor(%d) = %+v, %v", a.ID, got, err)
	}
}

// The al-Shabaab / AMISOM corpus: one edge asserted, reported, possible
// and negated across dated and undated documents, plus a symmetric edge
// stated both ways.
func shabaabCorpus() []F {
	return []F{
		{Title: "e1", URL: "https://example.org/e1", Publisher: "Wire", Published: "2024-01-10", Sentences: []string{
			"al-Shabaab attacked AMISOM near Afgoye.", "Days later al-Shabaab attacked AMISOM again."},
			Ents: []E{shabaab, amisom}, Rels: []R{{Src: "sh", Type: actorgraph.Attacks, Dst: "am", Sent: 0, Trigger: "attacked"},
				{Src: "sh", Type: actorgraph.Attacks, Dst: "am", Sent: 1, Trigger: "attacked"}}},
		{Title: "e2", URL: "https://example.org/e2", Publisher: "Daily", Published: "2024-03-05", Sentences: []string{
			"al-Shabaab reportedly attacked AMISOM in Baidoa."},
			Ents: []E{shabaab, amisom}, Rels: []R{{Src: "sh", Type: actorgraph.Attacks, Dst: "am", Mod: actorgraph.Reported, Sent: 0, Trigger: "attacked"}}},
		{Title: "e3", Published: "2024-02-01", Sentences: []string{"Officials said al-Shabaab did not attack AMISOM."},
			Ents: []E{shabaab, amisom}, Rels: []R{{Src: "sh", Type: actorgraph.Attacks, Dst: "am", Neg: true, Sent: 0, Trigger: "attack"}}},
		{Title: "e4", Sentences: []string{"al-Shabaab may attack AMISOM before the elections."},
			Ents: []E{shabaab, amisom}, Rels: []R{{Src: "sh", Type: actorgraph.Attacks, Dst: "am", Mod: actorgraph.Possible, Sent: 0, Trigger: "attack"}}},
		{Title: "e5", Published: "2023-12-01", Sentences: []string{"Ethiopia is an ally of AMISOM."},
			Ents: []E{ethiopia, amisom}, Rels: []R{{Src: "eth", Type: actorgraph.Ally, Dst: "am", Sent: 0, Trigger: "ally"}}},
		{Title: "e6", Published: "2024-04-01", Sentences: []string{"AMISOM allied with Ethiopia."},
			Ents: []E{amisom, ethiopia}, Rels: []R{{Src: "am", Type: actorgraph.Ally, Dst: "eth", Sent: 0, Trigger: "allied"}}},
	}
}

func testEdges(t *testing.T, s actorgraph.Store) {
	for _, f := range shabaabCorpus() {
		put(t, s, f)
	}
	sh, am, et := one(t, s, "al-Shabaab"), one(t, s, "AMISOM"), one(t, s, "Ethiopia")
	es := allEdges(t, s, actorgraph.EdgeFilter{})
	if len(es) != 3 {
		t.Fatalf("%d edges, want 3: %+v", len(es), es)
	}
	pos := findEdge(t, es, sh.ID, actorgraph.Attacks, am.ID, false)
	want := actorgraph.Edge{ID: pos.ID, Source: sh.ID, SourceName: "al-Shabaab", Type: actorgraph.Attacks, Target: am.ID,
		TargetName: "AMISOM", Count: 4, Documents: 3, FirstSeen: "2024-01-10", LastSeen: "2024-03-05",
		Modalities: []actorgraph.Modality{actorgraph.Asserted, actorgraph.Reported, actorgraph.Possible}, Contested: true}
	if !reflect.DeepEqual(pos, want) {
		t.Errorf("edge:\n got %+v\nwant %+v", pos, want)
	}
	neg := findEdge(t, es, sh.ID, actorgraph.Attacks, am.ID, true)
	if neg.Count != 1 || neg.Documents != 1 || neg.FirstSeen != "2024-02-01" || neg.LastSeen != "2024-02-01" || !neg.Contested ||
		!reflect.DeepEqual(neg.Modalities, []actorgraph.Modality{actorgraph.Asserted}) {
		t.Errorf("negated edge %+v", neg)
	}
	ally := findEdge(t, es, et.ID, actorgraph.Ally, am.ID, false)
	if ally.Count != 2 || ally.Documents != 2 || ally.Contested || ally.FirstSeen != "2023-12-01" || ally.LastSeen != "2024-04-01" {
		t.Errorf("symmetric edge stated both ways: %+v", ally)
	}
	if es[0].Count < es[1].Count || es[1].Count < es[2].Count {
		t.Errorf("edges not best attested first: %d %d %d", es[0].Count, es[1].Count, es[2].Count)
	}
	got, err := s.Edge(bg, pos.ID)
	if err != nil || !reflect.DeepEqual(got, pos) {
		t.Errorf("Edge(%d) = %+v, %v", pos.ID, got, err)
	}
	if sh.Evidence != 5 || am.Evidence != 7 || et.Evidence != 2 {
		t.Errorf("actor evidence: %d %d %d, want 5 7 2", sh.Evidence, am.Evidence, et.Evidence)
	}
	checkInvariants(t, s, actorgraph.AsOf{})
	checkInvariants(t, s, actorgraph.AsOf{Date: "2024-02-15"})
}

func testEdgeFilter(t *testing.T, s actorgraph.Store) {
	for _, f := range shabaabCorpus() {
		put(t, s, f)
	}
	sh, am, et := one(t, s, "al-Shabaab"), one(t, s, "AMISOM"), one(t, s, "Ethiopia")
	yes, no := true, false
	type want struct {
		src  actorgraph.ActorID
		typ  actorgraph.RelationType
		dst  actorgraph.ActorID
		neg  bool
		n    int
		cont bool
	}
	posW := func(n int, cont bool) want { return want{sh.ID, actorgraph.Attacks, am.ID, false, n, cont} }
	negW := func(cont bool) want { return want{sh.ID, actorgraph.Attacks, am.ID, true, 1, cont} }
	allyW := func(n int) want { return want{et.ID, actorgraph.Ally, am.ID, false, n, false} }
	for _, tc := range []struct {
		name string
		f    actorgraph.EdgeFilter
		want []want
	}{
		{"all", actorgraph.EdgeFilter{}, []want{posW(4, true), negW(true), allyW(2)}},
		{"actor", actorgraph.EdgeFilter{Actor: sh.ID}, []want{posW(4, true), negW(true)}},
		{"actor either end", actorgraph.EdgeFilter{Actor: et.ID}, []want{allyW(2)}},
		{"type", actorgraph.EdgeFilter{Type: actorgraph.Ally}, []want{allyW(2)}},
		{"contested", actorgraph.EdgeFilter{Contested: true}, []want{posW(4, true), negW(true)}},
		{"negated", actorgraph.EdgeFilter{Negated: &yes}, []want{negW(true)}},
		{"not negated", actorgraph.EdgeFilter{Negated: &no, Actor: am.ID}, []want{posW(4, true), allyW(2)}},
		{"since", actorgraph.EdgeFilter{Since: "2024-02-15"}, []want{posW(1, false), allyW(1)}},
		{"until", actorgraph.EdgeFilter{Until: "2024-01-31"}, []want{posW(2, false), allyW(1)}},
		{"window", actorgraph.EdgeFilter{Since: "2024-01-01", Until: "2024-02-28"}, []want{posW(2, true), negW(true)}},
		{"window contested", actorgraph.EdgeFilter{Since: "2024-02-01", Until: "2024-12-31", Contested: true}, []want{posW(1, true), negW(true)}},
		{"as of", actorgraph.EdgeFilter{AsOf: actorgraph.AsOf{Date: "2024-02-15"}}, []want{posW(2, true), negW(true), allyW(1)}},
		{"as of, actor, type", actorgraph.EdgeFilter{Actor: am.ID, Type: actorgraph.Ally, AsOf: actorgraph.AsOf{Date: "2023-12-31"}}, []want{allyW(1)}},
		{"nothing yet", actorgraph.EdgeFilter{AsOf: actorgraph.AsOf{Date: "2000-01-01"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			es := allEdges(t, s, tc.f)
			if len(es) != len(tc.want) {
				t.Fatalf("%d edges, want %d: %+v", len(es), len(tc.want), es)
			}
			for _, w := range tc.want {
				e := findEdge(t, es, w.src, w.typ, w.dst, w.neg)
				if e.Count != w.n || e.Contested != w.cont {
					t.Errorf("%s %s→%s negated=%v: count %d contested %v, want %d %v", w.typ, e.SourceName, e.TargetName,
						w.neg, e.Count, e.Contested, w.n, w.cont)
				}
			}
		})
	}
	for _, tc := range []struct {
		name string
		f    actorgraph.EdgeFilter
		code string
	}{
		{"unknown actor", actorgraph.EdgeFilter{Actor: 987654}, actorgraph.ENotFound},
		{"unknown type", actorgraph.EdgeFilter{Type: "FRIEND"}, actorgraph.EInvalid},
		{"bad since", actorgraph.EdgeFilter{Since: "2024-13-01"}, actorgraph.EInvalid},
		{"bad until", actorgraph.EdgeFilter{Until: "01/02/2024"}, actorgraph.EInvalid},
		{"bad as-of", actorgraph.EdgeFilter{AsOf: actorgraph.AsOf{Date: "yesterday"}}, actorgraph.EInvalid},
		{"since after until", actorgraph.EdgeFilter{Since: "2024-05-01", Until: "2024-01-01"}, actorgraph.EInvalid},
		{"negative offset", actorgraph.EdgeFilter{Page: actorgraph.Page{Offset: -1}}, actorgraph.EInvalid},
		{"negative limit", actorgraph.EdgeFilter{Page: actorgraph.Page{Limit: -5}}, actorgraph.EInvalid},
	} {
		_, _, err := s.Edges(bg, tc.f)
		wantCode(t, "Edges "+tc.name, err, tc.code)
	}
	_, err := s.Edge(bg, 987654)
	wantCode(t, "Edge(unknown)", err, actorgraph.ENotFound)
}

func testEvidence(t *testing.T, s actorgraph.Store) {
	var ids []actorgraph.DocID
	corpus := shabaabCorpus()
	for _, f := range corpus {
		ids = append(ids, put(t, s, f))
	}
	sh, am := one(t, s, "al-Shabaab"), one(t, s, "AMISOM")
	pos := findEdge(t, allEdges(t, s, actorgraph.EdgeFilter{Actor: sh.ID}), sh.ID, actorgraph.Attacks, am.ID, false)
	rows, err := s.Evidence(bg, pos.ID, actorgraph.AsOf{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d evidence rows, want 4", len(rows))
	}
	last := ""
	seenReported := false
	for _, r := range rows {
		if r.Published != "" {
			if r.Published < last {
				t.Errorf("dated evidence not oldest first: %s after %s", r.Published, last)
			}
			last = r.Published
		}
		doc, _, err := s.Document(bg, r.DocID)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Text[r.Span.Start:r.Span.End] != r.Sentence || r.DocTitle != doc.Title || r.Published != doc.Published ||
			r.DocURL != doc.URL || r.Publisher != doc.Publisher || r.EdgeID != pos.ID || r.Negated {
			t.Errorf("evidence row %+v does not match document %+v", r, doc.Document)
		}
		if r.DocID == ids[1] {
			seenReported = true
			want := actorgraph.EvidenceRow{EdgeID: pos.ID, DocID: ids[1], DocTitle: "e2", DocURL: "https://example.org/e2",
				Publisher: "Daily", Published: "2024-03-05", Sentence: corpus[1].Sentences[0],
				Span: actorgraph.Span{Start: 0, End: len(corpus[1].Sentences[0])}, Modality: actorgraph.Reported, Trigger: "attacked"}
			if !reflect.DeepEqual(r, want) {
				t.Errorf("evidence row:\n got %+v\nwant %+v", r, want)
			}
		}
		if r.DocID == ids[0] && r.Sentence == corpus[0].Sentences[1] {
			off := len(corpus[0].Sentences[0]) + 1
			if r.Span != (actorgraph.Span{Start: off, End: off + len(corpus[0].Sentences[1])}) {
				t.Errorf("second sentence span %+v", r.Span)
			}
		}
	}
	if !seenReported {
		t.Error("no evidence row from e2")
	}
	rows, err = s.Evidence(bg, pos.ID, actorgraph.AsOf{Date: "2024-01-31"})
	if err != nil || len(rows) != 2 {
		t.Errorf("evidence as of 2024-01-31: %d rows, %v; want 2", len(rows), err)
	}
	_, err = s.Evidence(bg, 987654, actorgraph.AsOf{})
	wantCode(t, "Evidence(unknown)", err, actorgraph.ENotFound)
	_, err = s.Evidence(bg, pos.ID, actorgraph.AsOf{Date: "2024-1-1"})
	wantCode(t, "Evidence(bad date)", err, actorgraph.EInvalid)
}

func asOfCorpus() []F {
	return []F{
		{Title: "old", Published: "2023-05-01", Sentences: []string{"Jund al-Aqsa (JAA) supported HTS in Hama."},
			Ents: []E{{ID: "j", Name: "Jund al-Aqsa", Type: actorgraph.ArmedGroup, Aliases: []string{"JAA"}}, hts},
			Rels: []R{{Src: "j", Type: actorgraph.Supports, Dst: "hts", Trigger: "supported"}}},
		{Title: "new", Published: "2025-01-01", Sentences: []string{"JAA, renamed Liwa al-Aqsa, fought HTS in Idlib."},
			Ents: []E{{ID: "j", Name: "JAA", Type: actorgraph.ArmedGroup, Aliases: []string{"Liwa al-Aqsa"}}, hts},
			Rels: []R{{Src: "j", Type: actorgraph.Rival, Dst: "hts", Trigger: "fought"}}},
		{Title: "undated", Sentences: []string{"Hurras al-Din attacked HTS positions in Idlib."},
			Ents: []E{{ID: "h", Name: "Hurras al-Din", Type: actorgraph.ArmedGroup}, hts},
			Rels: []R{{Src: "h", Type: actorgraph.Attacks, Dst: "hts", Trigger: "attacked"}}},
	}
}

func testAsOf(t *testing.T, s actorgraph.Store) {
	var ids []actorgraph.DocID
	for _, f := range asOfCorpus() {
		ids = append(ids, put(t, s, f))
	}
	then := actorgraph.AsOf{Date: "2024-01-01"}
	j := one(t, s, "Liwa al-Aqsa")
	if j.Documents != 2 || j.Name != "Jund al-Aqsa" {
		t.Fatalf("JAA now: %+v", j)
	}
	docs, total, err := s.Documents(bg, then, actorgraph.Page{})
	if err != nil || total != 1 || len(docs) != 1 || docs[0].DocID != ids[0] {
		t.Errorf("Documents as of %s: %d docs, total %d, %v", then.Date, len(docs), total, err)
	}
	as := allActors(t, s, actorgraph.ActorFilter{AsOf: then})
	if len(as) != 2 {
		t.Fatalf("actors as of %s: %v, want Jund al-Aqsa and HTS", then.Date, actorNames(as))
	}
	for _, a := range as {
		if a.ID == j.ID {
			if a.Documents != 1 || a.Mentions != 2 || a.Evidence != 1 || a.Name != "Jund al-Aqsa" {
				t.Errorf("JAA as of %s: %+v", then.Date, a)
			}
			if _, ok := aliasSet(a)["liwa al-aqsa"]; ok {
				t.Errorf("alias from a later document visible as of %s: %+v", then.Date, a.Aliases)
			}
		}
	}
	if as, total, err := s.Actors(bg, actorgraph.ActorFilter{Search: "liwa", AsOf: then}); err != nil || total != 0 || len(as) != 0 {
		t.Errorf("actor search for a later alias as of %s: %v %d %v", then.Date, actorNames(as), total, err)
	}
	if as, total, err := s.Actors(bg, actorgraph.ActorFilter{Search: "liwa"}); err != nil || total != 1 || len(as) != 1 || as[0].ID != j.ID {
		t.Errorf("actor search for liwa now: %v %d %v", actorNames(as), total, err)
	}
	es := allEdges(t, s, actorgraph.EdgeFilter{AsOf: then})
	if len(es) != 1 || es[0].Type != actorgraph.Supports {
		t.Errorf("edges as of %s: %+v", then.Date, es)
	}
	rival := findEdge(t, allEdges(t, s, actorgraph.EdgeFilter{Type: actorgraph.Rival}), j.ID, actorgraph.Rival, one(t, s, "HTS").ID, false)
	if rows, err := s.Evidence(bg, rival.ID, then); err != nil || len(rows) != 0 {
		t.Errorf("evidence of a later edge as of %s: %+v, %v", then.Date, rows, err)
	}
	hits, total, err := s.Search(bg, "Idlib", then, actorgraph.Page{})
	if err != nil || total != 0 || len(hits) != 0 {
		t.Errorf("search Idlib as of %s: %+v %d %v", then.Date, hits, total, err)
	}
	hits, total, err = s.Search(bg, "HTS", then, actorgraph.Page{})
	if err != nil || total != 1 || len(hits) != 1 || hits[0].DocID != ids[0] {
		t.Errorf("search HTS as of %s: %+v %d %v", then.Date, hits, total, err)
	}
	// undated documents count from the day they were stored
	future := actorgraph.AsOf{Date: "2999-12-31"}
	if _, total, _ := s.Documents(bg, future, actorgraph.Page{}); total != 3 {
		t.Errorf("documents as of %s: %d, want 3", future.Date, total)
	}
	if hits, total, _ := s.Search(bg, "Hurras", future, actorgraph.Page{}); total != 1 || len(hits) != 1 {
		t.Errorf("undated document not found as of %s", future.Date)
	}
	past := actorgraph.AsOf{Date: "2000-01-01"}
	if _, total, _ := s.Documents(bg, past, actorgraph.Page{}); total != 0 {
		t.Errorf("documents as of %s: %d", past.Date, total)
	}
	if _, total, _ := s.Actors(bg, actorgraph.ActorFilter{AsOf: past}); total != 0 {
		t.Errorf("actors as of %s: %d", past.Date, total)
	}
	if _, total, _ := s.Search(bg, "HTS", past, actorgraph.Page{}); total != 0 {
		t.Errorf("search as of %s: %d", past.Date, total)
	}
	for _, d := range []actorgraph.AsOf{then, future, past, {}} {
		checkInvariants(t, s, d)
	}
	_, _, err = s.Documents(bg, actorgraph.AsOf{Date: "2024/01/01"}, actorgraph.Page{})
	wantCode(t, "Documents(bad date)", err, actorgraph.EInvalid)
	_, _, err = s.Actors(bg, actorgraph.ActorFilter{AsOf: actorgraph.AsOf{Date: "soon"}})
	wantCode(t, "Actors(bad date)", err, actorgraph.EInvalid)
	_, _, err = s.Search(bg, "HTS", actorgraph.AsOf{Date: "2024-02-30"}, actorgraph.Page{})
	wantCode(t, "Search(bad date)", err, actorgraph.EInvalid)
}

func testSearch(t *testing.T, s actorgraph.Store) {
	many := put(t, s, F{Title: "Kabul strike", Published: "2022-08-01", Sentences: []string{
		"A drone strike hit a house in Kabul.", "The drone fired two missiles.", "Drone debris was found nearby."}})
	once := put(t, s, F{Title: "Border", Published: "2022-09-01", Sentences: []string{
		"A surveillance drone was seen over the border town of Chaman, far from any city."}})
	put(t, s, F{Title: "Unrelated", Sentences: []string{"The council met to discuss the harvest."}})
	hits, total, err := s.Search(bg, "drone", actorgraph.AsOf{}, actorgraph.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if total != 2 || len(hits) != 2 || hits[0].DocID != many || hits[1].DocID != once {
		t.Fatalf("search drone: %+v total %d", hits, total)
	}
	if hits[0].Score < hits[1].Score {
		t.Errorf("scores not best first: %v then %v", hits[0].Score, hits[1].Score)
	}
	for _, h := range hits {
		if !strings.Contains(strings.ToLower(h.Snippet), "drone") {
			t.Errorf("snippet %q lacks the word", h.Snippet)
		}
	}
	if hits[0].Title != "Kabul strike" || hits[0].Published != "2022-08-01" {
		t.Errorf("hit %+v", hits[0])
	}
	for _, tc := range []struct {
		q    string
		want []actorgraph.DocID
	}{
		{"Kabul", []actorgraph.DocID{many}},
		{"DRONE missiles", []actorgraph.DocID{many}},
		{`"drone strike"`, []actorgraph.DocID{many}},
		{"strike", []actorgraph.DocID{many}}, // title and text
		{"Chaman", []actorgraph.DocID{once}},
		{"harvest drone", nil},
	} {
		hits, total, err := s.Search(bg, tc.q, actorgraph.AsOf{}, actorgraph.Page{})
		if err != nil {
			t.Errorf("search %q: %v", tc.q, err)
			continue
		}
		var got []actorgraph.DocID
		for _, h := range hits {
			got = append(got, h.DocID)
		}
		if !reflect.DeepEqual(got, tc.want) || total != len(tc.want) {
			t.Errorf("search %q = %v (total %d), want %v", tc.q, got, total, tc.want)
		}
	}
	p1, total, err := s.Search(bg, "drone", actorgraph.AsOf{}, actorgraph.Page{Limit: 1})
	p2, _, err2 := s.Search(bg, "drone", actorgraph.AsOf{}, actorgraph.Page{Offset: 1, Limit: 1})
	if err != nil || err2 != nil || total != 2 || len(p1) != 1 || len(p2) != 1 || p1[0].DocID != many || p2[0].DocID != once {
		t.Errorf("search pages: %+v %+v total %d %v %v", p1, p2, total, err, err2)
	}
	_, _, err = s.Search(bg, "  ", actorgraph.AsOf{}, actorgraph.Page{})
	wantCode(t, "Search(blank)", err, actorgraph.EInvalid)
	// what people type is never a syntax error or an internal failure
	for _, q := range []string{`"unbalanced`, `AND`, `drone AND`, `(drone`, `*`, `NEAR(a b)`, `drone:`, `-drone`, `^drone`, `'`, `drone OR`, `{}`} {
		_, _, err := s.Search(bg, q, actorgraph.AsOf{}, actorgraph.Page{})
		if c := code(t, err); c != "" && c != actorgraph.EInvalid {
			t.Errorf("search %q: %v", q, err)
		}
	}
}

func testPagination(t *testing.T, s actorgraph.Store) {
	const n = 12
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("Brigade %c", 'A'+i)
		put(t, s, F{Title: fmt.Sprintf("report %02d", i), Published: fmt.Sprintf("2024-01-%02d", i+1), Sentences: []string{
			fmt.Sprintf("%s attacked AMISOM in the report numbered %d.", name, i)},
			Ents: []E{{ID: "b", Name: name, Type: actorgraph.ArmedGroup}, amisom},
			Rels: []R{{Src: "b", Type: actorgraph.Attacks, Dst: "am"}}})
	}
	seen := map[actorgraph.DocID]bool{}
	for off := 0; off < n+5; off += 5 {
		docs, total, err := s.Documents(bg, actorgraph.AsOf{}, actorgraph.Page{Offset: off, Limit: 5})
		if err != nil || total != n {
			t.Fatalf("Documents page %d: total %d, %v", off, total, err)
		}
		if want := min(5, max(0, n-off)); len(docs) != want {
			t.Errorf("Documents page at %d: %d docs, want %d", off, len(docs), want)
		}
		for _, d := range docs {
			if seen[d.DocID] {
				t.Errorf("document %d on two pages", d.DocID)
			}
			seen[d.DocID] = true
		}
	}
	if len(seen) != n {
		t.Errorf("pages covered %d documents, want %d", len(seen), n)
	}
	if docs, total, err := s.Documents(bg, actorgraph.AsOf{}, actorgraph.Page{}); err != nil || total != n || len(docs) != n {
		t.Errorf("default page: %d of %d, %v", len(docs), total, err)
	}
	if as := allActors(t, s, actorgraph.ActorFilter{}); len(as) != n+1 || as[0].Name != "AMISOM" {
		t.Errorf("actors: %v (most documented first)", actorNames(as))
	}
	if as := allActors(t, s, actorgraph.ActorFilter{Type: actorgraph.ArmedGroup}); len(as) != n {
		t.Errorf("armed groups: %d, want %d", len(as), n)
	}
	if as := allActors(t, s, actorgraph.ActorFilter{Search: "brigade"}); len(as) != n {
		t.Errorf("actors matching brigade: %d, want %d", len(as), n)
	}
	if as := allActors(t, s, actorgraph.ActorFilter{Search: "gade c"}); len(as) != 1 || as[0].Name != "Brigade C" {
		t.Errorf("actors matching 'gade c': %v", actorNames(as))
	}
	if es := allEdges(t, s, actorgraph.EdgeFilter{}); len(es) != n {
		t.Errorf("edges: %d, want %d", len(es), n)
	}
	hits, total, err := s.Search(bg, "AMISOM", actorgraph.AsOf{}, actorgraph.Page{Offset: 10, Limit: 5})
	if err != nil || total != n || len(hits) != 2 {
		t.Errorf("search last page: %d hits of %d, %v", len(hits), total, err)
	}
	_, _, err = s.Documents(bg, actorgraph.AsOf{}, actorgraph.Page{Offset: -1})
	wantCode(t, "Documents(negative offset)", err, actorgraph.EInvalid)
	_, _, err = s.Actors(bg, actorgraph.ActorFilter{Page: actorgraph.Page{Limit: -1}})
	wantCode(t, "Actors(negative limit)", err, actorgraph.EInvalid)
	_, _, err = s.Actors(bg, actorgraph.ActorFilter{Type: "ROBOT"})
	wantCode(t, "Actors(bad type)", err, actorgraph.EInvalid)
	_, _, err = s.Search(bg, "AMISOM", actorgraph.AsOf{}, actorgraph.Page{Offset: -3})
	wantCode(t, "Search(negative offset)", err, actorgraph.EInvalid)
	_, _, err = s.Documents(bg, actorgraph.AsOf{}, actorgraph.Page{Limit: 1 << 30})
	wantCode(t, "Documents(huge limit)", err, actorgraph.EInvalid)
}

// Two names of one group that nothing merges automatically.
func nusraDocs() []F {
	return []F{
		{Title: "n1", Published: "2023-01-01", Sentences: []string{"Jabhat al-Nusra is an ally of al-Qaeda."},
			Ents: []E{{ID: "n", Name: "Jabhat al-Nusra", Type: actorgraph.ArmedGroup}, alQaeda},
			Rels: []R{{Src: "n", Type: actorgraph.AffiliateOf, Dst: "aq"}}},
		{Title: "n2", Published: "2023-06-01", Sentences: []string{"The Nusra Front remains an affiliate of al-Qaeda in Syria."},
			Ents: []E{{ID: "n", Name: "Nusra Front", Type: actorgraph.Org}, alQaeda, syria},
			Rels: []R{{Src: "n", Type: actorgraph.AffiliateOf, Dst: "aq"}, {Src: "n", Type: actorgraph.LocatedIn, Dst: "syr"}}},
	}
}

func apply(t *testing.T, s actorgraph.Store, e actorgraph.Edit) actorgraph.Edit {
	t.Helper()
	out, err := s.Apply(bg, e)
	if err != nil {
		t.Fatalf("Apply(%+v): %v", e, err)
	}
	if out.ID <= 0 || out.Kind != e.Kind || out.Actor != e.Actor || out.At.IsZero() || out.Undone {
		t.Fatalf("Apply(%+v) = %+v", e, out)
	}
	return out
}

func testEditMerge(t *testing.T, s actorgraph.Store) {
	ds := nusraDocs()
	put(t, s, ds[0])
	d2 := put(t, s, ds[1])
	a, b, q := one(t, s, "Jabhat al-Nusra"), one(t, s, "Nusra Front"), one(t, s, "al-Qaeda")
	if a.ID == b.ID {
		t.Fatal("merged before any edit")
	}
	before := orderSig(t, s)
	m := apply(t, s, actorgraph.Edit{Kind: actorgraph.EditMerge, Actor: a.ID, Other: b.ID})
	if m.Other != b.ID {
		t.Errorf("merge edit %+v", m)
	}
	if _, err := s.Actor(bg, b.ID); code(t, err) != actorgraph.ENotFound {
		t.Errorf("Actor(merged away) = %v, want not found", err)
	}
	am := one(t, s, "Nusra Front")
	if am.ID != a.ID || am.Documents != 2 || am.Name != "Jabhat al-Nusra" || am.Evidence != 3 {
		t.Errorf("after merge: %+v", am)
	}
	if c := aliasSet(am)["nusra front"]; c.DocID != d2 {
		t.Errorf("claim for Nusra Front after merge: %+v", c)
	}
	e := findEdge(t, allEdges(t, s, actorgraph.EdgeFilter{Actor: a.ID}), a.ID, actorgraph.AffiliateOf, q.ID, false)
	if e.Count != 2 || e.Documents != 2 {
		t.Errorf("merged edge %+v", e)
	}
	checkInvariants(t, s, actorgraph.AsOf{})
	checkInvariants(t, s, actorgraph.AsOf{Date: "2023-03-01"})

	u := apply(t, s, actorgraph.Edit{Kind: actorgraph.EditUnmerge, Actor: a.ID, Other: b.ID})
	if got := orderSig(t, s); got != before {
		t.Errorf("after unmerge:\n%s\nbefore merge:\n%s", got, before)
	}
	if bb := one(t, s, "Nusra Front"); bb.ID != b.ID {
		t.Errorf("unmerged actor has id %d, want %d back", bb.ID, b.ID)
	}
	// merge again, then undo the merge
	m2 := apply(t, s, actorgraph.Edit{Kind: actorgraph.EditMerge, Actor: a.ID, Other: b.ID})
	if one(t, s, "Nusra Front").ID != a.ID {
		t.Fatal("second merge did not apply")
	}
	if err := s.Undo(bg, m2.ID); err != nil {
		t.Fatal(err)
	}
	if got := orderSig(t, s); got != before {
		t.Errorf("after undo of merge:\n%s\nbefore merge:\n%s", got, before)
	}
	wantCode(t, "Undo twice", s.Undo(bg, m2.ID), actorgraph.EConflict)
	// undoing the unmerge re-merges (the first merge is still in force)
	if err := s.Undo(bg, u.ID); err != nil {
		t.Fatal(err)
	}
	if one(t, s, "Nusra Front").ID != a.ID {
		t.Error("undo of unmerge did not merge again")
	}
	edits, err := s.Edits(bg)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range edits {
		kinds = append(kinds, fmt.Sprintf("%s:%v", e.Kind, e.Undone))
	}
	if strings.Join(kinds, " ") != "merge:false unmerge:true merge:true" {
		t.Errorf("edit log %v", kinds)
	}
	if edits[0].ID != m.ID || edits[0].Actor != a.ID || edits[0].Other != b.ID {
		t.Errorf("edit log entry %+v", edits[0])
	}
	checkInvariants(t, s, actorgraph.AsOf{})
	// merged twice over: undoing the first merge takes B's mentions back
	// out of where the second merge put them
	sy := one(t, s, "Syria")
	apply(t, s, actorgraph.Edit{Kind: actorgraph.EditMerge, Actor: sy.ID, Other: a.ID})
	if one(t, s, "Nusra Front").ID != sy.ID || one(t, s, "Jabhat al-Nusra").ID != sy.ID {
		t.Fatal("chained merge did not apply")
	}
	if err := s.Undo(bg, m.ID); err != nil {
		t.Fatal(err)
	}
	if got := one(t, s, "Nusra Front"); got.ID != b.ID {
		t.Errorf("after undoing the first of two chained merges, Nusra Front is actor %d (%s), want %d", got.ID, got.Name, b.ID)
	}
	if got := one(t, s, "Jabhat al-Nusra"); got.ID != sy.ID {
		t.Errorf("Jabhat al-Nusra is actor %d, want %d (the second merge stands)", got.ID, sy.ID)
	}
	checkInvariants(t, s, actorgraph.AsOf{})
}

// orderSig describes the graph by names, for before/after comparisons.
func orderSig(t *testing.T, s actorgraph.Store) string {
	var parts []string
	for _, a := range allActors(t, s, actorgraph.ActorFilter{}) {
		parts = append(parts, fmt.Sprintf("actor %d %s %s docs=%d mentions=%d evidence=%d aliases=%d", a.ID, a.Name, a.Type,
			a.Documents, a.Mentions, a.Evidence, len(a.Aliases)))
	}
	for _, e := range allEdges(t, s, actorgraph.EdgeFilter{}) {
		parts = append(parts, fmt.Sprintf("edge %s -%s/%v-> %s count=%d docs=%d %s..%s %v", e.SourceName, e.Type, e.Negated,
			e.TargetName, e.Count, e.Documents, e.FirstSeen, e.LastSeen, e.Modalities))
	}
	sort.Strings(parts)
	return strings.Join(parts, "\n")
}

func testEditSplit(t *testing.T, s actorgraph.Store) {
	d1 := put(t, s, tipTurkistan())
	d2 := put(t, s, tipAlone())
	a := one(t, s, "Turkistan Islamic Party")
	before := orderSig(t, s)
	if a.Documents != 2 {
		t.Fatalf("TIP not merged: %+v", a)
	}
	sp := apply(t, s, actorgraph.Edit{Kind: actorgraph.EditSplit, Actor: a.ID, Value: "TIP"})
	if sp.Other <= 0 || sp.Other == a.ID || sp.Value != "TIP" {
		t.Fatalf("split edit %+v: Other must name the new actor", sp)
	}
	n, err := s.Actor(bg, sp.Other)
	if err != nil {
		t.Fatal(err)
	}
	if n.Documents != 1 || n.Name != "TIP" || n.Type != actorgraph.ArmedGroup || aliasSet(n)["tip"].DocID != d2 {
		t.Errorf("split-off actor %+v", n)
	}
	if a2, _ := s.Actor(bg, a.ID); a2.Documents != 1 || aliasSet(a2)["tip"].DocID != d1 {
		t.Errorf("actor after split %+v", a2)
	}
	h := one(t, s, "HTS")
	findEdge(t, allEdges(t, s, actorgraph.EdgeFilter{Actor: h.ID}), n.ID, actorgraph.Ally, h.ID, false)
	if tips, _ := s.Resolve(bg, "TIP"); len(tips) != 2 {
		t.Errorf("Resolve(TIP) after split: %v", actorNames(tips))
	}
	checkInvariants(t, s, actorgraph.AsOf{})
	if err := s.Undo(bg, sp.ID); err != nil {
		t.Fatal(err)
	}
	if got := orderSig(t, s); got != before {
		t.Errorf("after undo of split:\n%s\nbefore:\n%s", got, before)
	}
	if _, err := s.Actor(bg, sp.Other); code(t, err) != actorgraph.ENotFound {
		t.Errorf("split-off actor after undo: %v", err)
	}
	_, err = s.Apply(bg, actorgraph.Edit{Kind: actorgraph.EditSplit, Actor: a.ID, Value: "Islamic State"})
	wantCode(t, "split by a name the actor lacks", err, actorgraph.EConflict)
	_, err = s.Apply(bg, actorgraph.Edit{Kind: actorgraph.EditSplit, Actor: a.ID, Value: " "})
	wantCode(t, "split without alias", err, actorgraph.EInvalid)
	checkInvariants(t, s, actorgraph.AsOf{})
}

func testEditRename(t *testing.T, s actorgraph.Store) {
	for _, f := range nusraDocs() {
		put(t, s, f)
	}
	a, q := one(t, s, "Nusra Front"), one(t, s, "al-Qaeda")
	r := apply(t, s, actorgraph.Edit{Kind: actorgraph.EditRename, Actor: a.ID, Value: "al-Nusra Front (Syria)"})
	if r.Value != "al-Nusra Front (Syria)" {
		t.Errorf("rename edit %+v", r)
	}
	got, _ := s.Actor(bg, a.ID)
	if got.Name != "al-Nusra Front (Syria)" {
		t.Errorf("renamed actor %+v", got)
	}
	if c, ok := aliasSet(got)["al-nusra front (syria)"]; !ok || c.DocID != 0 {
		t.Errorf("analyst's name claim %+v (ok %v), want doc 0", c, ok)
	}
	if b := one(t, s, "AL-NUSRA FRONT (SYRIA)"); b.ID != a.ID {
		t.Errorf("Resolve(new name) = %d", b.ID)
	}
	if b := one(t, s, "Nusra Front"); b.ID != a.ID {
		t.Errorf("Resolve(old name) = %d", b.ID)
	}
	e := findEdge(t, allEdges(t, s, actorgraph.EdgeFilter{Actor: q.ID}), a.ID, actorgraph.AffiliateOf, q.ID, false)
	if e.SourceName != "al-Nusra Front (Syria)" {
		t.Errorf("edge source name %q", e.SourceName)
	}
	st := apply(t, s, actorgraph.Edit{Kind: actorgraph.EditSetType, Actor: a.ID, Value: "armed_group"})
	if st.Value != string(actorgraph.ArmedGroup) {
		t.Errorf("set_type edit %+v", st)
	}
	if got, _ := s.Actor(bg, a.ID); got.Type != actorgraph.ArmedGroup {
		t.Errorf("type after set_type: %s", got.Type)
	}
	found := false
	for _, x := range allActors(t, s, actorgraph.ActorFilter{Type: actorgraph.ArmedGroup}) {
		found = found || x.ID == a.ID
	}
	if !found {
		t.Error("Actors{Type: ARMED_GROUP} misses the retyped actor")
	}
	if err := s.Undo(bg, r.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Actor(bg, a.ID); got.Name != "Nusra Front" || got.Type != actorgraph.ArmedGroup {
		t.Errorf("after undo of rename: %s %s", got.Name, got.Type)
	}
	if _, err := s.Resolve(bg, "al-Nusra Front (Syria)"); code(t, err) != actorgraph.ENotFound {
		t.Errorf("Resolve(undone name): %v", err)
	}
	if err := s.Undo(bg, st.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Actor(bg, a.ID); got.Type != actorgraph.Org {
		t.Errorf("after undo of set_type: %s", got.Type)
	}
	checkInvariants(t, s, actorgraph.AsOf{})
}

func testEditErrors(t *testing.T, s actorgraph.Store) {
	for _, f := range nusraDocs() {
		put(t, s, f)
	}
	a, b, q := one(t, s, "Jabhat al-Nusra"), one(t, s, "Nusra Front"), one(t, s, "al-Qaeda")
	for _, tc := range []struct {
		name string
		e    actorgraph.Edit
		code string
	}{
		{"unknown kind", actorgraph.Edit{Kind: "explode", Actor: a.ID}, actorgraph.EInvalid},
		{"merge with itself", actorgraph.Edit{Kind: actorgraph.EditMerge, Actor: a.ID, Other: a.ID}, actorgraph.EInvalid},
		{"merge unknown", actorgraph.Edit{Kind: actorgraph.EditMerge, Actor: a.ID, Other: 987654}, actorgraph.ENotFound},
		{"merge into unknown", actorgraph.Edit{Kind: actorgraph.EditMerge, Actor: 987654, Other: a.ID}, actorgraph.ENotFound},
		{"merge without other", actorgraph.Edit{Kind: actorgraph.EditMerge, Actor: a.ID}, actorgraph.ENotFound},
		{"unmerge not merged", actorgraph.Edit{Kind: actorgraph.EditUnmerge, Actor: a.ID, Other: b.ID}, actorgraph.EConflict},
		{"rename to nothing", actorgraph.Edit{Kind: actorgraph.EditRename, Actor: a.ID, Value: "  "}, actorgraph.EInvalid},
		{"rename unknown", actorgraph.Edit{Kind: actorgraph.EditRename, Actor: 987654, Value: "X"}, actorgraph.ENotFound},
		{"bad type", actorgraph.Edit{Kind: actorgraph.EditSetType, Actor: a.ID, Value: "ROBOT"}, actorgraph.EInvalid},
		{"split unknown", actorgraph.Edit{Kind: actorgraph.EditSplit, Actor: 987654, Value: "TIP"}, actorgraph.ENotFound},
		{"split the only name", actorgraph.Edit{Kind: actorgraph.EditSplit, Actor: q.ID, Value: "al-Qaeda"}, actorgraph.EConflict},
	} {
		_, err := s.Apply(bg, tc.e)
		wantCode(t, "Apply "+tc.name, err, tc.code)
	}
	if edits, err := s.Edits(bg); err != nil || len(edits) != 0 {
		t.Errorf("refused edits were logged: %+v %v", edits, err)
	}
	wantCode(t, "Undo(unknown)", s.Undo(bg, 987654), actorgraph.ENotFound)
	wantCode(t, "Undo(0)", s.Undo(bg, 0), actorgraph.ENotFound)
	m := apply(t, s, actorgraph.Edit{Kind: actorgraph.EditMerge, Actor: a.ID, Other: b.ID})
	_, err := s.Apply(bg, actorgraph.Edit{Kind: actorgraph.EditMerge, Actor: a.ID, Other: b.ID})
	wantCode(t, "merge an actor merged away", err, actorgraph.ENotFound)
	if err := s.Undo(bg, m.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "Undo(undone)", s.Undo(bg, m.ID), actorgraph.EConflict)
}

func testEditsSurviveReindex(t *testing.T, s actorgraph.Store) {
	var ids []actorgraph.DocID
	for _, f := range append(nusraDocs(), tipTurkistan(), tipAlone(), tipPakistan()) {
		ids = append(ids, put(t, s, f))
	}
	ids = append(ids, put(t, s, F{Title: "extra", Published: "2024-05-01", Sentences: []string{"Jabhat al-Nusra fought the Syrian Army."},
		Ents: []E{{ID: "n", Name: "Jabhat al-Nusra", Type: actorgraph.ArmedGroup}, {ID: "sa", Name: "Syrian Army", Type: actorgraph.Org}},
		Rels: []R{{Src: "n", Type: actorgraph.Attacks, Dst: "sa"}}}))
	a, b := one(t, s, "Jabhat al-Nusra"), one(t, s, "Nusra Front")
	tur := one(t, s, "Turkistan Islamic Party")
	army := one(t, s, "Syrian Army")
	m := apply(t, s, actorgraph.Edit{Kind: actorgraph.EditMerge, Actor: a.ID, Other: b.ID})
	apply(t, s, actorgraph.Edit{Kind: actorgraph.EditRename, Actor: a.ID, Value: "HTS predecessor"})
	apply(t, s, actorgraph.Edit{Kind: actorgraph.EditSetType, Actor: army.ID, Value: "ARMED_GROUP"})
	// the lone "TIP" document: merge it into the Turkistan party by hand,
	// then split it off again
	tips, err := s.Resolve(bg, "TIP")
	if err != nil || len(tips) != 3 {
		t.Fatalf("Resolve(TIP) = %v %v", actorNames(tips), err)
	}
	var lone actorgraph.ActorID
	for _, x := range tips {
		if x.Name == "TIP" {
			lone = x.ID
		}
	}
	apply(t, s, actorgraph.Edit{Kind: actorgraph.EditMerge, Actor: tur.ID, Other: lone})
	sp := apply(t, s, actorgraph.Edit{Kind: actorgraph.EditSplit, Actor: tur.ID, Value: "TIP"})
	before := orderSig(t, s)
	checkInvariants(t, s, actorgraph.AsOf{})

	all, err := s.DocumentIDs(bg)
	if err != nil || !reflect.DeepEqual(all, ids) {
		t.Fatalf("DocumentIDs = %v, %v; want %v", all, err, ids)
	}
	for _, id := range all {
		_, x, err := s.Document(bg, id)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ReplaceExtraction(bg, id, x); err != nil {
			t.Fatalf("ReplaceExtraction(%d): %v", id, err)
		}
	}
	if got := orderSig(t, s); got != before {
		t.Errorf("reindex changed the graph:\n%s\nbefore:\n%s", got, before)
	}
	if got, _ := s.Actor(bg, a.ID); got.Name != "HTS predecessor" || got.Documents != 3 {
		t.Errorf("merged and renamed actor after reindex: %+v", got)
	}
	if got, _ := s.Actor(bg, army.ID); got.Type != actorgraph.ArmedGroup {
		t.Errorf("retyped actor after reindex: %+v", got)
	}
	if got, err := s.Actor(bg, sp.Other); err != nil || got.Documents != 1 || got.Name != "TIP" {
		t.Errorf("split-off actor after reindex: %+v %v", got, err)
	}
	// a reindex that changes the extraction keeps the edits too
	f := nusraDocs()[1]
	f.Rels = append(f.Rels, R{Src: "n", Type: actorgraph.Rival, Dst: "syr", Neg: true})
	if err := s.ReplaceExtraction(bg, ids[1], f.X()); err != nil {
		t.Fatal(err)
	}
	sy := one(t, s, "Syria")
	e := findEdge(t, allEdges(t, s, actorgraph.EdgeFilter{Actor: a.ID}), a.ID, actorgraph.Rival, sy.ID, true)
	if e.SourceName != "HTS predecessor" || e.Count != 1 {
		t.Errorf("new edge after reindex: %+v", e)
	}
	if edits, _ := s.Edits(bg); len(edits) != 5 {
		t.Errorf("edit log after reindex: %+v", edits)
	}
	checkInvariants(t, s, actorgraph.AsOf{})
	// and edits still undo after a reindex
	if err := s.Undo(bg, m.ID); err != nil {
		t.Fatal(err)
	}
	if got := one(t, s, "Nusra Front"); got.ID != b.ID {
		t.Errorf("undo after reindex: Nusra Front is actor %d, want %d", got.ID, b.ID)
	}
	checkInvariants(t, s, actorgraph.AsOf{})
}

func testReplace(t *testing.T, s actorgraph.Store) {
	f := F{Title: "r", Published: "2024-01-01", Sentences: []string{"The Taliban host al-Qaeda in Kabul."},
		Ents: []E{taliban, alQaeda, kabul}, Rels: []R{{Src: "tal", Type: actorgraph.Hosts, Dst: "aq"}, {Src: "aq", Type: actorgraph.LocatedIn, Dst: "kabul"}}}
	id := put(t, s, f)
	tal := one(t, s, "Taliban")
	before := orderSig(t, s)
	wantCode(t, "ReplaceExtraction(unknown)", s.ReplaceExtraction(bg, 987654, f.X()), actorgraph.ENotFound)
	bad := f.X()
	bad.Entities[0].Mentions = append(bad.Entities[0].Mentions, actorgraph.Span{Start: 5, End: 5000})
	wantCode(t, "ReplaceExtraction(bad span)", s.ReplaceExtraction(bg, id, bad), actorgraph.EInvalid)
	if got := orderSig(t, s); got != before {
		t.Errorf("refused reindex changed the store:\n%s", got)
	}
	if err := s.ReplaceExtraction(bg, id, actorgraph.Extraction{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Resolve(bg, "Taliban"); code(t, err) != actorgraph.ENotFound {
		t.Errorf("actor of an emptied document still resolves: %v", err)
	}
	if es := allEdges(t, s, actorgraph.EdgeFilter{}); len(es) != 0 {
		t.Errorf("edges of an emptied document: %+v", es)
	}
	if d, x, err := s.Document(bg, id); err != nil || len(x.Entities) != 0 || d.Actors != 0 || d.Edges != 0 {
		t.Errorf("emptied document: %+v %+v %v", d, x, err)
	}
	checkInvariants(t, s, actorgraph.AsOf{})
	if err := s.ReplaceExtraction(bg, id, f.X()); err != nil {
		t.Fatal(err)
	}
	if got := orderSig(t, s); got != before {
		t.Errorf("after re-adding the extraction:\n%s\nwant:\n%s", got, before)
	}
	if one(t, s, "Taliban").ID != tal.ID {
		t.Error("a knowledge-base actor changed id across reindex")
	}
	_, x, _ := s.Document(bg, id)
	if !reflect.DeepEqual(normX(x), normX(f.X())) {
		t.Errorf("extraction after replace: %+v", x)
	}
}

func testErrors(t *testing.T, s actorgraph.Store) {
	good := F{Title: "g", Sentences: []string{"The Taliban host al-Qaeda."}, Ents: []E{taliban, alQaeda},
		Rels: []R{{Src: "tal", Type: actorgraph.Hosts, Dst: "aq"}}}
	mutate := func(fn func(d *actorgraph.Document, x *actorgraph.Extraction)) (actorgraph.Document, actorgraph.Extraction) {
		d, x := good.Doc(), good.X()
		fn(&d, &x)
		return d, x
	}
	for _, tc := range []struct {
		name string
		fn   func(d *actorgraph.Document, x *actorgraph.Extraction)
	}{
		{"empty text", func(d *actorgraph.Document, x *actorgraph.Extraction) { d.Text = ""; *x = actorgraph.Extraction{} }},
		{"blank text", func(d *actorgraph.Document, x *actorgraph.Extraction) {
			d.Text = " \n\t "
			*x = actorgraph.Extraction{}
		}},
		{"invalid UTF-8", func(d *actorgraph.Document, x *actorgraph.Extraction) { d.Text += "\xff\xfe" }},
		{"bad published date", func(d *actorgraph.Document, _ *actorgraph.Extraction) { d.Published = "March 2024" }},
		{"mention out of range", func(_ *actorgraph.Document, x *actorgraph.Extraction) {
			x.Entities[0].Mentions[0] = actorgraph.Span{Start: 3, End: 999}
		}},
		{"negative mention", func(_ *actorgraph.Document, x *actorgraph.Extraction) {
			x.Entities[0].Mentions[0] = actorgraph.Span{Start: -1, End: 2}
		}},
		{"reversed evidence span", func(_ *actorgraph.Document, x *actorgraph.Extraction) {
			x.Relations[0].Evidence.Span = actorgraph.Span{Start: 9, End: 2}
		}},
		{"relation to unknown entity", func(_ *actorgraph.Document, x *actorgraph.Extraction) { x.Relations[0].Target = "nobody" }},
		{"unknown relation type", func(_ *actorgraph.Document, x *actorgraph.Extraction) { x.Relations[0].Type = "LIKES" }},
		{"unknown modality", func(_ *actorgraph.Document, x *actorgraph.Extraction) { x.Relations[0].Modality = "certain" }},
		{"unknown entity type", func(_ *actorgraph.Document, x *actorgraph.Extraction) { x.Entities[0].Type = "ROBOT" }},
		{"entity without name", func(_ *actorgraph.Document, x *actorgraph.Extraction) { x.Entities[0].Name = " " }},
		{"entity without id", func(_ *actorgraph.Document, x *actorgraph.Extraction) { x.Entities[0].ID = "" }},
		{"duplicate entity id", func(_ *actorgraph.Document, x *actorgraph.Extraction) { x.Entities[1].ID = x.Entities[0].ID }},
	} {
		d, x := mutate(tc.fn)
		_, err := s.PutDocument(bg, d, x)
		wantCode(t, "PutDocument "+tc.name, err, actorgraph.EInvalid)
	}
	if _, total, err := s.Documents(bg, actorgraph.AsOf{}, actorgraph.Page{}); err != nil || total != 0 {
		t.Errorf("refused documents were stored: %d, %v", total, err)
	}
	if _, total, err := s.Actors(bg, actorgraph.ActorFilter{}); err != nil || total != 0 {
		t.Errorf("refused documents left actors: %d, %v", total, err)
	}
	_, _, err := s.Document(bg, 987654)
	wantCode(t, "Document(unknown)", err, actorgraph.ENotFound)
	_, _, err = s.Document(bg, 0)
	wantCode(t, "Document(0)", err, actorgraph.ENotFound)
	_, err = s.Actor(bg, 987654)
	wantCode(t, "Actor(unknown)", err, actorgraph.ENotFound)
	_, err = s.Actor(bg, -1)
	wantCode(t, "Actor(-1)", err, actorgraph.ENotFound)
	_, err = s.Resolve(bg, "nobody at all")
	wantCode(t, "Resolve(unknown)", err, actorgraph.ENotFound)
	put(t, s, good)
}

func testConcurrent(t *testing.T, s actorgraph.Store) {
	const writers, each = 4, 8
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	done := make(chan struct{})
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				f := F{Title: fmt.Sprintf("w%d-%d", w, i), Published: fmt.Sprintf("2024-%02d-01", i+1), Sentences: []string{
					fmt.Sprintf("The Taliban hosted al-Qaeda, said report %d of writer %d.", i, w)},
					Ents: []E{taliban, alQaeda}, Rels: []R{{Src: "tal", Type: actorgraph.Hosts, Dst: "aq"}}}
				if _, err := s.PutDocument(bg, f.Doc(), f.X()); err != nil {
					errs <- err
				}
			}
		}(w)
	}
	var rg sync.WaitGroup
	for r := 0; r < 4; r++ {
		rg.Add(1)
		go func() {
			defer rg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				if _, _, err := s.Actors(bg, actorgraph.ActorFilter{}); err != nil {
					errs <- err
				}
				if _, _, err := s.Edges(bg, actorgraph.EdgeFilter{}); err != nil {
					errs <- err
				}
				if _, _, err := s.Search(bg, "Taliban", actorgraph.AsOf{}, actorgraph.Page{}); err != nil {
					errs <- err
				}
				if as, err := s.Resolve(bg, "Taliban"); err != nil && actorgraph.ErrorCode(err) != actorgraph.ENotFound || len(as) > 1 {
					errs <- fmt.Errorf("Resolve(Taliban) = %d actors, %v", len(as), err)
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	rg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	a := one(t, s, "Taliban")
	if a.Documents != writers*each {
		t.Errorf("Taliban in %d documents, want %d", a.Documents, writers*each)
	}
	e := allEdges(t, s, actorgraph.EdgeFilter{})
	if len(e) != 1 || e[0].Count != writers*each || e[0].Documents != writers*each {
		t.Errorf("edges after concurrent writes: %+v", e)
	}
}

// testRandom stores generated documents, edits, reindexes and undoes at
// random, checking every aggregate against the evidence after each step.
func testRandom(t *testing.T, s actorgraph.Store) {
	rng := rand.New(rand.NewSource(7))
	cast := []E{taliban, alQaeda, kabul, syria, ethiopia, amisom, shabaab,
		{ID: "x1", Name: "Jund al-Aqsa", Type: actorgraph.ArmedGroup, Aliases: []string{"JAA"}},
		{ID: "x2", Name: "JAA", Type: actorgraph.ArmedGroup},
		{ID: "x3", Name: "Turkistan Islamic Party", Type: actorgraph.ArmedGroup, Aliases: []string{"TIP"}},
		{ID: "x4", Name: "TIP", Type: actorgraph.ArmedGroup},
		{ID: "x5", Name: "Tehreek-e-Islami Pakistan", Type: actorgraph.Org, Aliases: []string{"TIP"}},
		{ID: "x6", Name: "Nusra Front", Type: actorgraph.ArmedGroup},
		{ID: "x7", Name: "Jabhat al-Nusra", Type: actorgraph.ArmedGroup, Aliases: []string{"Nusra Front"}},
		{ID: "x8", Name: "Abu Muhammad al-Julani", Type: actorgraph.Person, Aliases: []string{"Julani"}},
		{ID: "x9", Name: "Julani", Type: actorgraph.Person},
	}
	types := []actorgraph.RelationType{actorgraph.Ally, actorgraph.Attacks, actorgraph.Supports, actorgraph.Rival, actorgraph.Leads}
	mods := []actorgraph.Modality{actorgraph.Asserted, actorgraph.Reported, actorgraph.Possible}
	gen := func(i int) F {
		perm := rng.Perm(len(cast))[:2+rng.Intn(4)]
		var ents []E
		var sents []string
		for k, p := range perm {
			e := cast[p]
			e.ID = fmt.Sprintf("e%d", k)
			ents = append(ents, e)
			sents = append(sents, fmt.Sprintf("Report %d names %s here.", i, strings.Join(append([]string{e.Name}, e.Aliases...), " and ")))
		}
		var rels []R
		for k := 0; k < rng.Intn(5); k++ {
			a, b := rng.Intn(len(ents)), rng.Intn(len(ents))
			if a == b {
				continue
			}
			rels = append(rels, R{Src: ents[a].ID, Type: types[rng.Intn(len(types))], Dst: ents[b].ID, Neg: rng.Intn(4) == 0,
				Mod: mods[rng.Intn(3)], Sent: rng.Intn(len(sents))})
		}
		pub := ""
		if rng.Intn(5) > 0 {
			pub = fmt.Sprintf("202%d-%02d-%02d", rng.Intn(4), 1+rng.Intn(12), 1+rng.Intn(28))
		}
		return F{Title: fmt.Sprintf("random %d", i), Published: pub, Sentences: sents, Ents: ents, Rels: rels}
	}
	var docs []actorgraph.DocID
	var fixtures []F
	for i := 0; i < 40; i++ {
		f := gen(i)
		fixtures = append(fixtures, f)
		docs = append(docs, put(t, s, f))
	}
	checkInvariants(t, s, actorgraph.AsOf{})
	checkInvariants(t, s, actorgraph.AsOf{Date: "2021-06-30"})
	var edits []actorgraph.Edit
	for step := 0; step < 30; step++ {
		as := allActors(t, s, actorgraph.ActorFilter{})
		switch op := rng.Intn(6); op {
		case 0, 1: // merge two random actors
			a, b := as[rng.Intn(len(as))], as[rng.Intn(len(as))]
			if a.ID == b.ID {
				continue
			}
			edits = append(edits, apply(t, s, actorgraph.Edit{Kind: actorgraph.EditMerge, Actor: a.ID, Other: b.ID}))
		case 2: // split by a random alias
			a := as[rng.Intn(len(as))]
			c := a.Aliases[rng.Intn(len(a.Aliases))]
			e, err := s.Apply(bg, actorgraph.Edit{Kind: actorgraph.EditSplit, Actor: a.ID, Value: c.Name})
			if err == nil {
				edits = append(edits, e)
			} else if code(t, err) != actorgraph.EConflict {
				t.Fatalf("split: %v", err)
			}
		case 3: // undo a random edit
			if len(edits) == 0 {
				continue
			}
			k := rng.Intn(len(edits))
			if err := s.Undo(bg, edits[k].ID); err != nil && code(t, err) != actorgraph.EConflict {
				t.Fatalf("undo: %v", err)
			}
		case 4: // reindex a random document with a fresh extraction
			k := rng.Intn(len(docs))
			f := gen(k)
			f.Sentences = fixtures[k].Sentences
			// keep only entities whose names the old text contains
			text := strings.Join(f.Sentences, " ")
			var ents []E
			keep := map[string]bool{}
			for _, e := range f.Ents {
				if strings.Contains(text, e.Name) {
					ents = append(ents, e)
					keep[e.ID] = true
				}
			}
			var rels []R
			for _, r := range f.Rels {
				if keep[r.Src] && keep[r.Dst] && r.Sent < len(f.Sentences) {
					rels = append(rels, r)
				}
			}
			f.Ents, f.Rels = ents, rels
			if err := s.ReplaceExtraction(bg, docs[k], f.X()); err != nil {
				t.Fatalf("reindex: %v", err)
			}
		case 5: // a new document
			f := gen(100 + step)
			fixtures = append(fixtures, f)
			docs = append(docs, put(t, s, f))
		}
		checkInvariants(t, s, actorgraph.AsOf{})
		if t.Failed() {
			t.Fatalf("invariants broken at step %d", step)
		}
	}
	checkInvariants(t, s, actorgraph.AsOf{Date: "2022-01-01"})
	// a full reindex with the stored extractions changes nothing
	before := orderSig(t, s)
	for _, id := range docs {
		_, x, err := s.Document(bg, id)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ReplaceExtraction(bg, id, x); err != nil {
			t.Fatal(err)
		}
	}
	if got := orderSig(t, s); got != before {
		t.Errorf("full reindex changed the graph:\n%s\nbefore:\n%s", got, before)
	}
}
