package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// CSVEdgeHeader is the header row of WriteCSVEdges.
var CSVEdgeHeader = []string{
	"edge_id", "source_id", "source_name", "source_type", "source_kb_id",
	"relation_type", "target_id", "target_name", "target_type", "target_kb_id",
	"negated", "count", "documents", "first_seen", "last_seen", "modalities", "contested",
}

// CSVActorHeader is the header row of WriteCSVActors.
var CSVActorHeader = []string{
	"actor_id", "name", "type", "kb_id", "aliases", "mentions", "documents", "evidence",
}

// WriteCSVEdges writes one row per relationship, sorted by edge id, under
// CSVEdgeHeader: both ends with their names, types and knowledge-base ids,
// the relation type, negated and contested as true/false, the evidence
// and document counts, the first and last dates seen (YYYY-MM-DD, empty
// when undated) and the modalities, ";"-separated, strongest first.
// Pair it with WriteCSVActors for the actors' own columns.
func WriteCSVEdges(w io.Writer, g *Graph) error {
	v, err := newView(g)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVEdgeHeader); err != nil {
		return err
	}
	for _, e := range v.edges {
		src, tgt := v.actor[e.Source], v.actor[e.Target]
		row := []string{
			strconv.FormatInt(int64(e.ID), 10),
			strconv.FormatInt(int64(e.Source), 10), firstNonEmpty(e.SourceName, src.Name), string(src.Type), src.KBID,
			string(e.Type),
			strconv.FormatInt(int64(e.Target), 10), firstNonEmpty(e.TargetName, tgt.Name), string(tgt.Type), tgt.KBID,
			boolString(e.Negated),
			strconv.Itoa(e.Count),
			strconv.Itoa(e.Documents),
			e.FirstSeen,
			e.LastSeen,
			modalityList(e.Modalities, ";"),
			boolString(e.Contested),
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteCSVActors writes one row per actor, sorted by actor id, under
// CSVActorHeader; aliases are the actor's other names, ";"-separated.
// Ends of relationships missing from g.Actors get a row with the name the
// relationship gives them.
func WriteCSVActors(w io.Writer, g *Graph) error {
	v, err := newView(g)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVActorHeader); err != nil {
		return err
	}
	for i := range v.actors {
		a := &v.actors[i]
		row := []string{
			strconv.FormatInt(int64(a.ID), 10),
			a.Name,
			string(a.Type),
			a.KBID,
			strings.Join(aliasNames(a), ";"),
			strconv.Itoa(a.Mentions),
			strconv.Itoa(a.Documents),
			strconv.Itoa(a.Evidence),
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
