package network

import (
	"context"
	"slices"

	"github.com/actorgraph/actorgraph"
)

// Filter selects the relationships the network is made of.
type Filter struct {
	Types []actorgraph.RelationType // none: every type but LOCATED_IN (unless Places)
	Since string                    // evidence dated on or after
	Until string                    // evidence dated on or before
	AsOf  actorgraph.AsOf
	// Places keeps LOCATED_IN relationships when Types is empty; they are
	// left out by default because a place is not a broker.
	Places bool
	// PageSize is the page asked of the store (0: 1000); a store that
	// allows large pages is read much faster with a larger one. A store
	// that refuses it (EInvalid on the first page) is read with 1000.
	PageSize int
}

// Broker is a ranked actor with the sentence behind its first tie.
type Broker struct {
	Score
	Evidence actorgraph.EvidenceRow `json:"evidence"`
}

// Report is Analyze's result as read from a store, each broker citing a
// sentence.
type Report struct {
	Actors      int         `json:"actors"`
	Links       int         `json:"links"`
	Exact       bool        `json:"exact"`
	Brokers     []Broker    `json:"brokers"`
	Communities []Community `json:"communities"`
}

// defaultPageSize is the window used to read a store's relationships.
const defaultPageSize = 1000

// Load reads the relationships f selects from s, analyses them and cites,
// for each broker, the newest sentence behind its first tie.
func Load(ctx context.Context, s actorgraph.Store, f Filter, o Options) (Report, error) {
	pageSize := f.PageSize
	if pageSize <= 0 {
		pageSize = defaultPageSize
	}
	var edges []actorgraph.Edge
	read := func(t actorgraph.RelationType) error {
		ef := actorgraph.EdgeFilter{Type: t, Since: f.Since, Until: f.Until, AsOf: f.AsOf}
		for off := 0; ; {
			ef.Page = actorgraph.Page{Offset: off, Limit: pageSize}
			es, total, err := s.Edges(ctx, ef)
			if err != nil && off == 0 && pageSize > defaultPageSize && actorgraph.ErrorCode(err) == actorgraph.EInvalid {
				pageSize = defaultPageSize
				continue
			}
			if err != nil {
				return err
			}
			for _, e := range es {
				if e.Type != actorgraph.LocatedIn || f.Places || len(f.Types) > 0 {
					edges = append(edges, e)
				}
			}
			off += len(es)
			if len(es) == 0 || off >= total {
				return nil
			}
		}
	}
	types := slices.Clone(f.Types)
	slices.Sort(types)
	types = slices.Compact(types)
	if len(types) == 0 {
		types = []actorgraph.RelationType{""}
	}
	for _, t := range types {
		if err := read(t); err != nil {
			return Report{}, err
		}
	}
	res := Analyze(edges, o)
	rep := Report{Actors: res.Actors, Links: res.Links, Exact: res.Exact, Communities: res.Communities,
		Brokers: make([]Broker, len(res.Brokers))}
	if rep.Communities == nil {
		rep.Communities = []Community{}
	}
	for i, b := range res.Brokers {
		rep.Brokers[i].Score = b
		if len(b.Ties) == 0 {
			continue
		}
		ev, err := s.Evidence(ctx, b.Ties[0].ID, f.AsOf)
		if err != nil {
			return Report{}, err
		}
		if len(ev) > 0 {
			rep.Brokers[i].Evidence = ev[len(ev)-1]
		}
	}
	return rep, nil
}
