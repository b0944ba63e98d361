package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/actorgraph/actorgraph"
)

// runEdit applies one analyst decision: merge, unmerge, split, rename or
// set-type. Every decision is logged and can be undone; it survives reindex.
func runEdit(kind actorgraph.EditKind, name, argsHelp string, nargs int) func(a *app, args []string) error {
	return func(a *app, args []string) error {
		fs := a.newFlags(name)
		db := fs.String("db", defaultDB(), "the store")
		if err := parse(fs, args); err != nil {
			return err
		}
		if fs.NArg() != nargs {
			return usageError{fmt.Sprintf("%s: want %s", name, argsHelp)}
		}
		s, err := openExisting(*db)
		if err != nil {
			return err
		}
		defer s.Close()
		ctx := context.Background()
		q := newEngine(s)
		act, err := resolve(ctx, s, q, fs.Arg(0))
		if err != nil {
			return err
		}
		e := actorgraph.Edit{Kind: kind, Actor: act.ID}
		switch kind {
		case actorgraph.EditMerge, actorgraph.EditUnmerge:
			other, err := resolve(ctx, s, q, fs.Arg(1))
			if err != nil {
				return err
			}
			e.Other = other.ID
		case actorgraph.EditSetType:
			t, err := actorgraph.ParseEntityType(fs.Arg(1))
			if err != nil {
				return err
			}
			e.Value = string(t)
		default:
			e.Value = fs.Arg(1)
		}
		done, err := s.Apply(ctx, e)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "edit %d: %s %s\n", done.ID, done.Kind, describeEdit(ctx, s, done))
		fmt.Fprintf(a.stdout, "(undo with: actorgraph undo %d)\n", done.ID)
		return nil
	}
}

func describeEdit(ctx context.Context, s actorgraph.Store, e actorgraph.Edit) string {
	name := func(id actorgraph.ActorID) string {
		if a, err := s.Actor(ctx, id); err == nil {
			return fmt.Sprintf("%s (#%d)", a.Name, id)
		}
		return fmt.Sprintf("#%d", id)
	}
	switch e.Kind {
	case actorgraph.EditMerge:
		return fmt.Sprintf("%s into %s", name(e.Other), name(e.Actor))
	case actorgraph.EditUnmerge:
		return fmt.Sprintf("%s out of %s", name(e.Other), name(e.Actor))
	case actorgraph.EditSplit:
		return fmt.Sprintf("%q out of %s", e.Value, name(e.Actor))
	case actorgraph.EditRename:
		return fmt.Sprintf("%s to %q", name(e.Actor), e.Value)
	case actorgraph.EditSetType:
		return fmt.Sprintf("%s to %s", name(e.Actor), e.Value)
	}
	return ""
}

func runUndo(a *app, args []string) error {
	fs := a.newFlags("undo")
	db := fs.String("db", defaultDB(), "the store")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"undo: want one EDIT id (see 'actorgraph edits')"}
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil {
		return usageError{fmt.Sprintf("undo: %q is not an edit id", fs.Arg(0))}
	}
	s, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Undo(context.Background(), id); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "edit %d undone\n", id)
	return nil
}

func runEdits(a *app, args []string) error {
	fs := a.newFlags("edits")
	db := fs.String("db", defaultDB(), "the store")
	format := fs.String("format", "table", "output format: table, json or csv")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkFormat("edits", *format); err != nil {
		return err
	}
	s, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	es, err := s.Edits(ctx)
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(a.stdout, es)
	}
	t := &table{header: []string{"edit", "at", "kind", "what", "undone"}}
	for _, e := range es {
		t.add(e.ID, e.At.Format("2006-01-02 15:04"), e.Kind, describeEdit(ctx, s, e), e.Undone)
	}
	return t.write(a.stdout, *format)
}
