package export

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph"
)

// fakeStore is an in-memory test double of the parts of actorgraph.Store
// that Collect uses: Documents, Actor, Actors, Edges and Evidence. Any
// other method panics (the embedded interface is nil). It serves at most
// maxPage items a page whatever the caller asks, as a store may, and
// filters by AsOf the way the store documents it: a document counts from
// its publication date or, when undated, its ingest date; an edge is
// known when one of its evidence rows is; an actor when a document that
// names it is.
type fakeStore struct {
	actorgraph.Store
	docs     []actorgraph.StoredDocument
	actors   []actorgraph.Actor
	edges    []actorgraph.Edge
	evidence map[actorgraph.EdgeID][]actorgraph.EvidenceRow
	maxPage  int
	calls    []string
}

func (s *fakeStore) logf(format string, args ...any) {
	s.calls = append(s.calls, fmt.Sprintf(format, args...))
}

func (s *fakeStore) visible(id actorgraph.DocID, asOf actorgraph.AsOf) bool {
	if asOf.Date == "" {
		return true
	}
	for _, d := range s.docs {
		if d.DocID == id {
			date := d.Published
			if date == "" {
				date = d.Ingested.UTC().Format(time.DateOnly)
			}
			return date <= asOf.Date
		}
	}
	return false
}

func page[T any](all []T, p actorgraph.Page, maxPage int) ([]T, int) {
	limit := p.Limit
	if limit <= 0 || limit > maxPage {
		limit = maxPage
	}
	if p.Offset >= len(all) {
		return nil, len(all)
	}
	end := min(p.Offset+limit, len(all))
	return slices.Clone(all[p.Offset:end]), len(all)
}

func (s *fakeStore) Documents(ctx context.Context, asOf actorgraph.AsOf, p actorgraph.Page) ([]actorgraph.StoredDocument, int, error) {
	s.logf("Documents asof=%s off=%d", asOf.Date, p.Offset)
	var out []actorgraph.StoredDocument
	for _, d := range s.docs {
		if s.visible(d.DocID, asOf) {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b actorgraph.StoredDocument) int { return cmp.Compare(a.DocID, b.DocID) })
	got, total := page(out, p, s.maxPage)
	return got, total, nil
}

func (s *fakeStore) Actor(ctx context.Context, id actorgraph.ActorID) (actorgraph.Actor, error) {
	s.logf("Actor %d", id)
	for _, a := range s.actors {
		if a.ID == id {
			return a, nil
		}
	}
	return actorgraph.Actor{}, actorgraph.Errorf(actorgraph.ENotFound, "no actor %d", id)
}

func (s *fakeStore) Actors(ctx context.Context, f actorgraph.ActorFilter) ([]actorgraph.Actor, int, error) {
	s.logf("Actors asof=%s off=%d", f.AsOf.Date, f.Page.Offset)
	var out []actorgraph.Actor
	for _, a := range s.actors {
		known := f.AsOf.Date == ""
		for _, c := range a.Aliases {
			if c.DocID != 0 && s.visible(c.DocID, f.AsOf) {
				known = true
			}
		}
		if known && (f.Type == "" || a.Type == f.Type) {
			out = append(out, a)
		}
	}
	// A store lists in its own order, not necessarily by id.
	slices.SortFunc(out, func(a, b actorgraph.Actor) int { return strings.Compare(a.Name, b.Name) })
	got, total := page(out, f.Page, s.maxPage)
	return got, total, nil
}

func (s *fakeStore) Edges(ctx context.Context, f actorgraph.EdgeFilter) ([]actorgraph.Edge, int, error) {
	s.logf("Edges actor=%d asof=%s off=%d", f.Actor, f.AsOf.Date, f.Page.Offset)
	var out []actorgraph.Edge
	for _, e := range s.edges {
		if f.Actor != 0 && e.Source != f.Actor && e.Target != f.Actor {
			continue
		}
		if f.Type != "" && e.Type != f.Type {
			continue
		}
		if f.AsOf.Date != "" {
			known := false
			for _, r := range s.evidence[e.ID] {
				if s.visible(r.DocID, f.AsOf) {
					known = true
				}
			}
			if !known {
				continue
			}
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b actorgraph.Edge) int { return cmp.Compare(b.Count, a.Count) })
	got, total := page(out, f.Page, s.maxPage)
	return got, total, nil
}

func (s *fakeStore) Edge(ctx context.Context, id actorgraph.EdgeID) (actorgraph.Edge, error) {
	for _, e := range s.edges {
		if e.ID == id {
			return e, nil
		}
	}
	return actorgraph.Edge{}, actorgraph.Errorf(actorgraph.ENotFound, "no edge %d", id)
}

func (s *fakeStore) Evidence(ctx context.Context, id actorgraph.EdgeID, asOf actorgraph.AsOf) ([]actorgraph.EvidenceRow, error) {
	s.logf("Evidence %d asof=%s", id, asOf.Date)
	var out []actorgraph.EvidenceRow
	for _, r := range s.evidence[id] {
		if s.visible(r.DocID, asOf) {
			out = append(out, r)
		}
	}
	// Newest first, as a store may list them.
	slices.Reverse(out)
	return out, nil
}

// Names with characters that XML, CSV and JSON must escape.
const (
	nameUN  = `UN "Monitoring" Team & <Sanctions> 'Committee'`
	nameHTS = "Hayʾat Taḥrīr al-Shām"
	titleD1 = `Taliban & al-Qaeda: the <Doha> "pledge"`
)

var (
	ingest1 = time.Date(2024, 3, 1, 10, 0, 0, 123456789, time.UTC)
	ingest2 = time.Date(2024, 3, 2, 8, 30, 0, 0, time.UTC)
	ingest3 = time.Date(2024, 3, 3, 0, 0, 0, 0, time.FixedZone("UTC+2", 2*3600))
	ingest4 = time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)
)

func hash(c byte) string { return strings.Repeat(string(c), 64) }

// fixture returns a store holding a small graph: ten actors of every type
// (with names that need escaping), nine relationships (negated,
// contested, undated, without evidence) and four documents, one of which
// supports nothing.
func fixture() *fakeStore {
	docs := []actorgraph.StoredDocument{
		{Document: actorgraph.Document{Title: titleD1, URL: "https://example.org/a?x=1&y=2", Publisher: "Example Review",
			Published: "2023-02-10", Text: "full text one"}, DocID: 1, Hash: hash('a'), Source: "feed:example", Ingested: ingest1, Actors: 5, Edges: 4},
		{Document: actorgraph.Document{Title: "Kabul strike", Text: "full text two"}, DocID: 2, Hash: hash('b'), Ingested: ingest2, Actors: 4, Edges: 4},
		{Document: actorgraph.Document{Title: "Iran denies", URL: "https://news.example.com/iran", Published: "2022-08-05",
			Text: "full text three"}, DocID: 3, Hash: hash('c'), Ingested: ingest3, Actors: 3, Edges: 2},
		{Document: actorgraph.Document{Title: "Unrelated", Published: "2021-01-01", Text: "four"}, DocID: 4, Hash: hash('d'), Ingested: ingest4},
	}
	actors := []actorgraph.Actor{
		{ID: 1, KBID: "taliban", Name: "Taliban", Type: actorgraph.ArmedGroup, Mentions: 7, Documents: 2, Evidence: 4,
			Aliases: []actorgraph.AliasClaim{{Name: "Taliban", DocID: 1, Count: 5}, {Name: "Islamic Emirate of Afghanistan", DocID: 1, Count: 2}}},
		{ID: 2, KBID: "al_qaeda", Name: "al-Qaeda", Type: actorgraph.ArmedGroup, Mentions: 9, Documents: 3, Evidence: 7,
			Aliases: []actorgraph.AliasClaim{{Name: "al-Qaeda", DocID: 1, Count: 3}, {Name: "AQ", Count: 0}}},
		{ID: 3, KBID: "afg", Name: "Afghanistan", Type: actorgraph.Country, Mentions: 4, Documents: 1, Evidence: 2,
			Aliases: []actorgraph.AliasClaim{{Name: "Afghanistan", DocID: 2, Count: 4}}},
		{ID: 4, KBID: "kabul", Name: "Kabul", Type: actorgraph.Location, Mentions: 2, Documents: 1, Evidence: 2,
			Aliases: []actorgraph.AliasClaim{{Name: "Kabul", DocID: 2, Count: 2}}},
		{ID: 5, KBID: "ayman_al_zawahiri", Name: "Ayman al-Zawahiri", Type: actorgraph.Person, Mentions: 6, Documents: 2, Evidence: 5,
			Aliases: []actorgraph.AliasClaim{{Name: "Ayman al-Zawahiri", DocID: 1, Count: 2}, {Name: "Zawahiri", DocID: 2, Count: 4}}},
		{ID: 6, Name: nameUN, Type: actorgraph.Org, Mentions: 1, Documents: 1, Evidence: 1,
			Aliases: []actorgraph.AliasClaim{{Name: nameUN, DocID: 1, Count: 1}}},
		{ID: 7, Name: nameHTS, Type: actorgraph.ArmedGroup, Mentions: 3, Documents: 1, Evidence: 1,
			Aliases: []actorgraph.AliasClaim{{Name: nameHTS, DocID: 3, Count: 2}, {Name: "HTS", DocID: 3, Count: 1}}},
		{ID: 8, KBID: "irn", Name: "Iran", Type: actorgraph.Country, Mentions: 2, Documents: 1, Evidence: 1,
			Aliases: []actorgraph.AliasClaim{{Name: "Iran", DocID: 3, Count: 2}}},
		{ID: 9, Name: "Atlantis", Type: actorgraph.Country},
		{ID: 10, Name: "Sherpur", Type: actorgraph.Location},
	}
	edges := []actorgraph.Edge{
		{ID: 1, Source: 1, SourceName: "Taliban", Type: actorgraph.Hosts, Target: 2, TargetName: "al-Qaeda", Count: 3, Documents: 2,
			FirstSeen: "2023-02-10", LastSeen: "2023-02-10", Modalities: []actorgraph.Modality{actorgraph.Asserted, actorgraph.Reported}, Contested: true},
		{ID: 2, Source: 8, SourceName: "Iran", Type: actorgraph.Hosts, Target: 2, TargetName: "al-Qaeda", Negated: true, Count: 1, Documents: 1,
			FirstSeen: "2022-08-05", LastSeen: "2022-08-05", Modalities: []actorgraph.Modality{actorgraph.Asserted}},
		{ID: 3, Source: 4, SourceName: "Kabul", Type: actorgraph.LocatedIn, Target: 3, TargetName: "Afghanistan", Count: 1, Documents: 1,
			Modalities: []actorgraph.Modality{actorgraph.Asserted}},
		{ID: 4, Source: 5, SourceName: "Ayman al-Zawahiri", Type: actorgraph.Leads, Target: 2, TargetName: "al-Qaeda", Count: 2, Documents: 2,
			FirstSeen: "2023-02-10", LastSeen: "2023-02-10", Modalities: []actorgraph.Modality{actorgraph.Asserted}},
		{ID: 5, Source: 5, SourceName: "Ayman al-Zawahiri", Type: actorgraph.LocatedIn, Target: 4, TargetName: "Kabul", Count: 1, Documents: 1,
			Modalities: []actorgraph.Modality{actorgraph.Reported}},
		{ID: 6, Source: 6, SourceName: nameUN, Type: actorgraph.Condemns, Target: 1, TargetName: "Taliban", Count: 1, Documents: 1,
			FirstSeen: "2023-02-10", LastSeen: "2023-02-10", Modalities: []actorgraph.Modality{actorgraph.Asserted}},
		{ID: 7, Source: 7, SourceName: nameHTS, Type: actorgraph.Rival, Target: 2, TargetName: "al-Qaeda", Count: 1, Documents: 1,
			FirstSeen: "2022-08-05", LastSeen: "2022-08-05", Modalities: []actorgraph.Modality{actorgraph.Possible}},
		{ID: 8, Source: 5, SourceName: "Ayman al-Zawahiri", Type: actorgraph.LocatedIn, Target: 3, TargetName: "Afghanistan", Count: 1, Documents: 1,
			Modalities: []actorgraph.Modality{actorgraph.Asserted}},
		{ID: 9, Source: 9, SourceName: "Atlantis", Type: actorgraph.Attacks, Target: 10, TargetName: "Sherpur"},
	}
	row := func(edge actorgraph.EdgeID, doc actorgraph.DocID, start int, sentence string, m actorgraph.Modality, neg bool) actorgraph.EvidenceRow {
		r := actorgraph.EvidenceRow{EdgeID: edge, DocID: doc, Sentence: sentence, Span: actorgraph.Span{Start: start, End: start + len(sentence)},
			Modality: m, Negated: neg}
		for _, d := range docs {
			if d.DocID == doc {
				r.DocTitle, r.DocURL, r.Publisher, r.Published = d.Title, d.URL, d.Publisher, d.Published
			}
		}
		return r
	}
	evidence := map[actorgraph.EdgeID][]actorgraph.EvidenceRow{
		1: {
			row(1, 1, 10, "The Taliban host al-Qaeda's leaders.", actorgraph.Asserted, false),
			row(1, 1, 200, "The Taliban reportedly sheltered \"AQ\" <cadres> & families.", actorgraph.Reported, false),
			row(1, 2, 5, "Kabul hosted\nal-Qaeda's chief.", actorgraph.Asserted, false),
		},
		2: {row(2, 3, 0, "Iran denied sheltering al-Qaeda.", actorgraph.Asserted, true)},
		3: {row(3, 2, 40, "Kabul, Afghanistan.", actorgraph.Asserted, false)},
		4: {
			row(4, 1, 90, "Al-Qaeda leader Ayman al-Zawahiri was killed.", actorgraph.Asserted, false),
			row(4, 2, 70, "Zawahiri led al-Qaeda.", actorgraph.Asserted, false),
		},
		5: {row(5, 2, 100, "Zawahiri was reportedly living in Kabul.", actorgraph.Reported, false)},
		6: {row(6, 1, 300, "The UN team condemned the Taliban.", actorgraph.Asserted, false)},
		7: {row(7, 3, 50, nameHTS+" may clash with al-Qaeda.", actorgraph.Possible, false)},
		8: {row(8, 2, 150, "Zawahiri had lived in Afghanistan.", actorgraph.Asserted, false)},
	}
	return &fakeStore{docs: docs, actors: actors, edges: edges, evidence: evidence, maxPage: 2}
}

// fixtureGraph collects the whole fixture graph.
func fixtureGraph() *Graph {
	g, err := Collect(context.Background(), fixture(), Options{})
	if err != nil {
		panic(err)
	}
	return g
}
