package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph"
	"github.com/actorgraph/actorgraph/brief"
	"github.com/actorgraph/actorgraph/query"
	"github.com/actorgraph/actorgraph/source"
)

func runBrief(a *app, args []string) error {
	fs := a.newFlags("brief")
	db := fs.String("db", defaultDB(), "the store, for a stored document's id (also $ACTORGRAPH_DB)")
	format := fs.String("format", "text", "output format: text or json")
	overlay := fs.String("kb", "", "an extra knowledge-base file, for a FILE analysed without storing")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"brief: want one DOC: a stored document's id (#12 or 12), a FILE or - for standard input"}
	}
	if *format != "text" && *format != "json" {
		return usageError{fmt.Sprintf("brief: unknown --format %q (want text or json)", *format)}
	}
	arg := fs.Arg(0)
	var rep brief.Report
	var err error
	if id, ok := docIDArg(arg); ok {
		rep, err = storedBrief(*db, id)
	} else {
		rep, err = fileBrief(a, arg, *overlay)
	}
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(a.stdout, rep)
	}
	writeBrief(a.stdout, &rep)
	return nil
}

// docIDArg reads "#12" or "12" as a document id, unless a file of that
// name exists.
func docIDArg(s string) (actorgraph.DocID, bool) {
	n, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || n <= 0 {
		return 0, false
	}
	if !strings.HasPrefix(s, "#") {
		if _, err := os.Stat(s); err == nil {
			return 0, false
		}
	}
	return actorgraph.DocID(n), true
}

func fileBrief(a *app, path, overlay string) (brief.Report, error) {
	x, err := newExtractor(overlay)
	if err != nil {
		return brief.Report{}, err
	}
	doc, err := source.ReadFile(path, a.stdin)
	if err != nil {
		return brief.Report{}, err
	}
	res := x.Extract(doc.Text)
	return brief.Of(doc, &res), nil
}

func storedBrief(db string, id actorgraph.DocID) (brief.Report, error) {
	s, err := openExisting(db)
	if err != nil {
		return brief.Report{}, err
	}
	defer s.Close()
	ctx := context.Background()
	doc, x, err := s.Document(ctx, id)
	if err != nil {
		return brief.Report{}, err
	}
	q := newEngine(s)
	js, err := q.Judgments(ctx, id)
	if err != nil {
		return brief.Report{}, err
	}
	cs, _, err := q.Commitments(ctx, actorgraph.CommitmentFilter{Doc: id, Page: actorgraph.Page{Limit: 10000}})
	if err != nil {
		return brief.Report{}, err
	}
	return brief.OfStored(doc, x, js, cs), nil
}

func writeBrief(w io.Writer, r *brief.Report) {
	title := r.Document.Title
	if title == "" {
		title = "(untitled)"
	}
	fmt.Fprintf(w, "%s", title)
	if r.Document.Published != "" {
		fmt.Fprintf(w, "  (%s)", r.Document.Published)
	}
	if r.DocID != 0 {
		fmt.Fprintf(w, "  document #%d", r.DocID)
	}
	fmt.Fprintf(w, "\n\nKey takeaways (%d)\n", len(r.Takeaways))
	for i, t := range r.Takeaways {
		fmt.Fprintf(w, "  %d. %q  [bytes %d-%d]\n", i+1, excerpt(t.Sentence, 400), t.Span.Start, t.Span.End)
		fmt.Fprintf(w, "     why: %s\n", strings.Join(t.Reasons, "; "))
	}
	fmt.Fprintf(w, "\nJudgments (%d)\n", len(r.Judgments))
	for _, j := range r.Judgments {
		lvl := string(j.Likelihood)
		if lvl == "" {
			lvl = "conditional"
		}
		if j.Confidence != "" {
			lvl += ", " + j.Confidence + " confidence"
		}
		fmt.Fprintf(w, "  %-20s cue %q  %q\n", lvl, j.Cue, excerpt(j.Sentence, 200))
		if j.Condition != nil && j.Consequence != nil {
			fmt.Fprintf(w, "  %-20s if %q%s\n  %-20s then %q%s\n", "", j.Condition.Text, actorList(r, j.Condition.Actors),
				"", j.Consequence.Text, actorList(r, j.Consequence.Actors))
		}
	}
	fmt.Fprintf(w, "\nCommitments (%d)\n", len(r.Commitments))
	for _, c := range r.Commitments {
		fmt.Fprintf(w, "  %s\n      %q\n", describeCommitment(c.ActorName, c.ToName, c.Cue, c.SourceName, c.Type, c.Negated,
			c.TargetName, c.When), excerpt(c.Sentence, 300))
	}
}

func actorList(r *brief.Report, ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	ns := make([]string, len(ids))
	for i, id := range ids {
		ns[i] = r.Names[id]
	}
	return "  [" + strings.Join(ns, ", ") + "]"
}

func describeCommitment(actor, to, cue, src string, typ actorgraph.RelationType, neg bool, dst, when string) string {
	s := actor + " " + cue
	if to != "" {
		s += " (to " + to + ")"
	}
	not := ""
	if neg {
		not = "NOT "
	}
	s += ": " + src + " " + not + string(typ) + " " + dst
	if when != "" {
		s += "  [" + when + "]"
	}
	return s
}

func runCommitments(a *app, args []string) error {
	fs := a.newFlags("commitments")
	g := addGraphFlags(fs)
	actor := fs.String("actor", "", "only commitments by, to or about this actor (name or #ID)")
	broken := fs.Bool("broken", false, "only commitments that evidence contradicts (broken or contested)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageError{"commitments: takes no arguments; use --actor A"}
	}
	s, q, asOf, err := g.open("commitments")
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	f := actorgraph.CommitmentFilter{AsOf: asOf}
	if *actor != "" {
		act, err := resolve(ctx, s, q, *actor)
		if err != nil {
			return err
		}
		f.Actor = act.ID
	}
	f.Page = g.page()
	list, total, err := q.CheckedPage(ctx, f, *broken)
	if err != nil {
		return err
	}
	switch *g.format {
	case "json":
		return writeJSON(a.stdout, map[string]any{"items": list, "total": total})
	case "csv":
		return commitmentTable(list).write(a.stdout, "csv")
	}
	writeCommitments(a.stdout, list)
	if total > len(list) {
		fmt.Fprintf(a.stdout, "(%d of %d; --limit 0 for all)\n", len(list), total)
	}
	if total == 0 {
		if *broken {
			fmt.Fprintln(a.stdout, "No broken or contested commitments.")
		} else {
			fmt.Fprintln(a.stdout, "No commitments.")
		}
	}
	return nil
}

// commitmentTable has one row per commitment and contrary sentence.
func commitmentTable(list []query.CommitmentStatus) *table {
	t := &table{header: []string{"status", "actor", "cue", "to", "promise", "when", "published", "doc_id", "doc_title",
		"sentence", "evidence_published", "evidence_doc_id", "evidence_doc_title", "evidence_modality", "evidence_sentence"}}
	for _, b := range list {
		c := b.Commitment
		not := ""
		if c.Negated {
			not = "NOT "
		}
		promise := c.SourceName + " " + not + string(c.Type) + " " + c.TargetName
		row := []any{b.Status, c.ActorName, c.Cue, c.ToName, promise, c.When, c.Published, c.DocID, c.DocTitle, c.Sentence}
		if len(b.Evidence) == 0 {
			t.add(append(row, "", "", "", "", "")...)
		}
		for _, r := range b.Evidence {
			t.add(append(row, r.Published, r.DocID, r.DocTitle, r.Modality, r.Sentence)...)
		}
	}
	return t
}

// writeCommitments prints each commitment with the conduct against it,
// side by side with their sources.
func writeCommitments(w io.Writer, list []query.CommitmentStatus) {
	for i, b := range list {
		c := b.Commitment
		if i > 0 {
			fmt.Fprintln(w)
		}
		status := strings.ToUpper(b.Status)
		if status == "" {
			status = "OPEN"
		}
		fmt.Fprintf(w, "%-9s %s\n", status, describeCommitment(c.ActorName, c.ToName, c.Cue, c.SourceName, c.Type,
			c.Negated, c.TargetName, c.When))
		fmt.Fprintf(w, "  promise  %s  %s: %q\n", dateOr(c.Published), docRef(c.DocID, c.DocTitle), excerpt(c.Sentence, 300))
		for _, r := range b.Evidence {
			fmt.Fprintf(w, "  conduct  %s  %s [%s]: %q\n", dateOr(r.Published), docRef(r.DocID, r.DocTitle), r.Modality, excerpt(r.Sentence, 300))
		}
		if b.EvidenceTotal > len(b.Evidence) {
			fmt.Fprintf(w, "  (%d more sentences of conduct not shown)\n", b.EvidenceTotal-len(b.Evidence))
		}
		for _, r := range b.Keeping {
			fmt.Fprintf(w, "  kept?    %s  %s [%s]: %q\n", dateOr(r.Published), docRef(r.DocID, r.DocTitle), r.Modality, excerpt(r.Sentence, 300))
		}
	}
}

func dateOr(d string) string {
	if d == "" {
		return "(undated) "
	}
	return d
}

func docRef(id actorgraph.DocID, title string) string {
	return fmt.Sprintf("#%d %q", id, excerpt(title, 60))
}
