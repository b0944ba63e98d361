package sqlite

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph"
)

// editRec is one logged edit as the replay sees it. For a split, b is the
// actor the split created and norm the normalised alias; for a rename,
// norm is the normalised new name.
type editRec struct {
	id     int64
	kind   actorgraph.EditKind
	a, b   actorID
	value  string
	norm   string
	undone bool
}

// replay follows one document entity through the edit log. start is its
// group's automatic target, group its own group and prim its normalised
// own name. It returns the actor the entity ends in and the actors it
// passed through (the lineage, which unmerge walks back).
func replay(start, group actorID, prim string, edits []editRec) (actorID, []actorID) {
	cur := start
	lineage := []actorID{group}
	if start != group {
		lineage = append(lineage, start)
	}
	for i := range edits {
		e := &edits[i]
		if e.undone {
			continue
		}
		switch e.kind {
		case actorgraph.EditMerge:
			if cur == e.b {
				cur = e.a
				lineage = append(lineage, cur)
			}
		case actorgraph.EditUnmerge:
			if cur == e.a {
				for j := len(lineage) - 2; j >= 0; j-- {
					if lineage[j] == e.b {
						lineage = lineage[:j+1]
						cur = e.b
						break
					}
				}
			}
		case actorgraph.EditSplit:
			if cur == e.a && prim == e.norm {
				cur = e.b
				lineage = append(lineage, cur)
			}
		}
	}
	return cur, lineage
}

type overrides struct {
	name string
	typ  actorgraph.EntityType
}

// overridesOf returns the name and type analysts gave actor id, if any.
func overridesOf(edits []editRec, id actorID) overrides {
	var o overrides
	for i := range edits {
		e := &edits[i]
		if e.undone || e.a != id {
			continue
		}
		switch e.kind {
		case actorgraph.EditRename:
			o.name = e.value
		case actorgraph.EditSetType:
			o.typ = actorgraph.EntityType(e.value)
		}
	}
	return o
}

// actorMeta is what the name of an actor is derived from, besides its
// names.
type actorMeta struct {
	id                       actorID
	kind, norm, kbID, kbName string
}

type nameStat struct {
	norm, name string
	cnt, prim  int
	first      int64
}

func scanNames(rows *sql.Rows, err error) ([]nameStat, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []nameStat
	for rows.Next() {
		var n nameStat
		if err := rows.Scan(&n.norm, &n.name, &n.cnt, &n.prim, &n.first); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

type typeStat struct {
	typ actorgraph.EntityType
	n   int
}

// pickName derives an actor's display name: the analyst's, else the
// knowledge base's, else the name its own group is keyed by, else the
// name most entities call themselves.
func pickName(m actorMeta, override string, names []nameStat) string {
	if override != "" {
		return override
	}
	if m.kind == "kb" && m.kbName != "" {
		return m.kbName
	}
	if m.kind == "name" {
		for _, n := range names {
			if n.norm == m.norm {
				return n.name
			}
		}
	}
	var best *nameStat
	for i := range names {
		n := &names[i]
		if best == nil || n.prim > best.prim || n.prim == best.prim && (n.cnt > best.cnt ||
			n.cnt == best.cnt && (len(n.norm) > len(best.norm) || len(n.norm) == len(best.norm) && n.norm < best.norm)) {
			best = n
		}
	}
	if best != nil {
		return best.name
	}
	return m.kbName
}

// pickType derives an actor's type: the analyst's, else the type most of
// its entities have (ties in the order of actorgraph.EntityTypes).
func pickType(override actorgraph.EntityType, types []typeStat) actorgraph.EntityType {
	if override != "" {
		return override
	}
	best, bestN := actorgraph.EntityType(""), 0
	for _, t := range actorgraph.EntityTypes {
		for _, s := range types {
			if s.typ == t && s.n > bestN {
				best, bestN = t, s.n
			}
		}
	}
	return best
}

// Apply records and applies an analyst decision.
func (s *Store) Apply(ctx context.Context, e actorgraph.Edit) (actorgraph.Edit, error) {
	switch e.Kind {
	case actorgraph.EditMerge, actorgraph.EditUnmerge, actorgraph.EditSplit, actorgraph.EditRename, actorgraph.EditSetType:
	default:
		return actorgraph.Edit{}, invalid("unknown edit kind %q (want merge, unmerge, split, rename or set_type)", e.Kind)
	}
	if !utf8.ValidString(e.Value) {
		return actorgraph.Edit{}, invalid("%s: value is not valid UTF-8", e.Kind)
	}
	if e.Actor <= 0 {
		return actorgraph.Edit{}, notFound("actor %d not found", e.Actor)
	}
	rec := editRec{kind: e.Kind, a: e.Actor}
	switch e.Kind {
	case actorgraph.EditMerge, actorgraph.EditUnmerge:
		if e.Other <= 0 {
			return actorgraph.Edit{}, notFound("actor %d not found", e.Other)
		}
		if e.Other == e.Actor {
			return actorgraph.Edit{}, invalid("%s needs two different actors (both are %d)", e.Kind, e.Actor)
		}
		rec.b = e.Other
	case actorgraph.EditSplit:
		v := strings.Join(strings.Fields(e.Value), " ")
		if norm(v) == "" {
			return actorgraph.Edit{}, invalid("split needs the alias whose mentions to move (got %q)", e.Value)
		}
		rec.value, rec.norm = v, norm(v)
	case actorgraph.EditRename:
		v := strings.Join(strings.Fields(e.Value), " ")
		if !utf8.ValidString(v) || norm(v) == "" {
			return actorgraph.Edit{}, invalid("rename needs a name with letters or digits (got %q)", e.Value)
		}
		if utf8.RuneCountInString(v) > 300 {
			return actorgraph.Edit{}, invalid("rename: name is %d characters long, more than 300", utf8.RuneCountInString(v))
		}
		if strings.IndexFunc(v, unicode.IsControl) >= 0 {
			return actorgraph.Edit{}, invalid("rename: name contains control characters")
		}
		rec.value, rec.norm = v, norm(v)
	case actorgraph.EditSetType:
		t, err := actorgraph.ParseEntityType(e.Value)
		if err != nil {
			return actorgraph.Edit{}, err
		}
		rec.value = string(t)
	default:
		return actorgraph.Edit{}, invalid("unknown edit kind %q (want merge, unmerge, split, rename or set_type)", e.Kind)
	}
	var out actorgraph.Edit
	err := s.write(ctx, "apply "+string(e.Kind), func(w *wtx) error {
		if err := w.visible(rec.a); err != nil {
			return err
		}
		switch rec.kind {
		case actorgraph.EditMerge:
			if err := w.visible(rec.b); err != nil {
				return err
			}
		case actorgraph.EditUnmerge:
			if ok, err := w.exists(`SELECT 1 FROM actors WHERE id = ?`, rec.b); err != nil || !ok {
				if err == nil {
					err = notFound("actor %d not found", rec.b)
				}
				return err
			}
		}
		at := w.s.Now().UTC()
		if err := w.row(`INSERT INTO edits(at, kind, actor, other, value, norm) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			at.Format(timeFormat), string(rec.kind), rec.a, rec.b, rec.value, rec.norm).Scan(&rec.id); err != nil {
			return err
		}
		if rec.kind == actorgraph.EditSplit {
			var class string
			if err := w.row(`SELECT class FROM actors WHERE id = ?`, rec.a).Scan(&class); err != nil {
				return err
			}
			if err := w.row(`INSERT INTO actors(key, kind, class) VALUES (?, 'split', ?) RETURNING id`,
				"split:"+itoa(rec.id), class).Scan(&rec.b); err != nil {
				return err
			}
			if err := w.exec(`UPDATE edits SET other = ? WHERE id = ?`, rec.b, rec.id); err != nil {
				return err
			}
			g := &groupInfo{id: rec.b, kind: "split", class: class, key: "split:" + itoa(rec.id)}
			w.s.cache.groups[g.key], w.s.cache.byID[g.id] = g, g
		}
		w.edits = append(w.edits, rec)
		var from actorID
		switch rec.kind {
		case actorgraph.EditMerge:
			from = rec.b
		case actorgraph.EditUnmerge, actorgraph.EditSplit:
			from = rec.a
		default:
			w.touched[rec.a] = true
		}
		if from != 0 {
			ents, err := w.entities(`SELECT id, doc_id, group_id, actor_id, norm, type, n_mentions FROM doc_entities WHERE actor_id = ?`, from)
			if err != nil {
				return err
			}
			all, moves := map[int64]*entState{}, map[int64]actorID{}
			if err := w.retarget(ents, all, moves); err != nil {
				return err
			}
			switch {
			case rec.kind == actorgraph.EditUnmerge && len(moves) == 0:
				return conflict("actor %d is not merged into actor %d", rec.b, rec.a)
			case rec.kind == actorgraph.EditSplit && len(moves) == 0:
				return conflict("actor %d has no mentions under its own name %q to split off", rec.a, rec.value)
			case rec.kind == actorgraph.EditSplit && len(moves) == len(ents):
				return conflict("every mention of actor %d is named %q: nothing would be left; rename it instead", rec.a, rec.value)
			}
			if err := w.moveEntities(all, moves); err != nil {
				return err
			}
			w.touched[rec.a] = true
		}
		if err := w.finish(); err != nil {
			return err
		}
		out = actorgraph.Edit{ID: rec.id, At: at, Kind: rec.kind, Actor: rec.a, Other: rec.b, Value: rec.value}
		return nil
	})
	if err != nil {
		return actorgraph.Edit{}, err
	}
	return out, nil
}

func itoa(n int64) string {
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// visible fails with ENotFound unless actor id has entities.
func (w *wtx) visible(id actorID) error {
	ok, err := w.exists(`SELECT 1 FROM actors WHERE id = ? AND entities > 0`, id)
	if err != nil {
		return err
	}
	if !ok {
		return notFound("actor %d not found", id)
	}
	return nil
}

// Undo reverts one edit: it is kept in the log, marked undone, and every
// entity it could have moved is replayed without it.
func (s *Store) Undo(ctx context.Context, id int64) error {
	if id <= 0 {
		return notFound("edit %d not found", id)
	}
	return s.write(ctx, "undo edit", func(w *wtx) error {
		k := -1
		for i := range w.edits {
			if w.edits[i].id == id {
				k = i
			}
		}
		if k < 0 {
			return notFound("edit %d not found", id)
		}
		if w.edits[k].undone {
			return conflict("edit %d is already undone", id)
		}
		if err := w.exec(`UPDATE edits SET undone = 1 WHERE id = ?`, id); err != nil {
			return err
		}
		w.edits[k].undone = true
		// An entity the edit moved has since moved only through later
		// edits, so it now sits with an actor one of them names.
		ids := map[actorID]bool{}
		for _, e := range w.edits[k:] {
			ids[e.a] = true
			if e.b != 0 {
				ids[e.b] = true
			}
		}
		list := make([]actorID, 0, len(ids))
		for a := range ids {
			list = append(list, a)
		}
		sort.Slice(list, func(i, j int) bool { return list[i] < list[j] })
		all, moves := map[int64]*entState{}, map[int64]actorID{}
		for _, a := range list {
			w.touched[a] = true
			ents, err := w.entities(`SELECT id, doc_id, group_id, actor_id, norm, type, n_mentions FROM doc_entities WHERE actor_id = ?`, a)
			if err != nil {
				return err
			}
			if err := w.retarget(ents, all, moves); err != nil {
				return err
			}
		}
		if err := w.moveEntities(all, moves); err != nil {
			return err
		}
		return w.finish()
	})
}

// Edits lists the edit log, oldest first.
func (s *Store) Edits(ctx context.Context) ([]actorgraph.Edit, error) {
	out := []actorgraph.Edit{}
	err := s.read(ctx, "list edits", func(r *rtx) error {
		rows, err := r.query(`SELECT id, at, kind, actor, other, value, undone FROM edits ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e actorgraph.Edit
			var at string
			if err := rows.Scan(&e.ID, &at, &e.Kind, &e.Actor, &e.Other, &e.Value, &e.Undone); err != nil {
				return err
			}
			e.At, _ = time.Parse(timeFormat, at)
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
