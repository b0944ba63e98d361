package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

const pledgeReport = `A Pledge in 2020

Published: 2020-03-10

The Taliban pledged not to host al-Qaeda. If the Taliban keep their pledge, al-Qaeda will likely lose its base.
`

const breachReport = `A Breach in 2022

Published: 2022-09-20

In 2022 the Taliban hosted al-Qaeda leader Ayman al-Zawahiri in Kabul.
`

func TestBriefAndCommitments(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	p1 := writeFile(t, "pledge.txt", []byte(pledgeReport))
	p2 := writeFile(t, "breach.txt", []byte(breachReport))

	// a file, analysed without storing
	code, out, errOut := run(t, "", "brief", p1)
	if code != 0 {
		t.Fatalf("brief FILE: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Key takeaways", "likely", "Taliban pledged: Taliban NOT HOSTS al-Qaeda",
		`if "the Taliban keep their pledge"`} {
		if !strings.Contains(out, want) {
			t.Errorf("brief FILE lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = run(t, pledgeReport, "brief", "--format", "json", "-")
	var rep struct {
		Takeaways   []struct{ Sentence string }
		Judgments   []struct{ Likelihood string }
		Commitments []struct {
			ActorName string `json:"actor_name"`
			Negated   bool
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || len(rep.Takeaways) == 0 ||
		len(rep.Judgments) != 1 || len(rep.Commitments) != 1 || rep.Commitments[0].ActorName != "Taliban" {
		t.Fatalf("brief json: exit %d: %s", code, out)
	}

	if code, _, errOut := run(t, "", "ingest", "--quiet", "--db", db, p1, p2); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	code, out, errOut = run(t, "", "brief", "--db", db, "#1")
	if code != 0 || !strings.Contains(out, "document #1") || !strings.Contains(out, "NOT HOSTS al-Qaeda") {
		t.Fatalf("brief #1: exit %d %s\n%s", code, errOut, out)
	}
	code, out, errOut = run(t, "", "commitments", "--db", db, "--broken", "--actor", "Taliban")
	if code != 0 {
		t.Fatalf("commitments: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"BROKEN", "The Taliban pledged not to host al-Qaeda.", "A Pledge in 2020",
		"In 2022 the Taliban hosted al-Qaeda leader Ayman al-Zawahiri in Kabul.", "A Breach in 2022", "2022-09-20"} {
		if !strings.Contains(out, want) {
			t.Errorf("commitments lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = run(t, "", "commitments", "--db", db, "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "status,actor,") || !strings.Contains(out, "broken,Taliban") {
		t.Errorf("csv: %s", out)
	}
	for _, limit := range []string{"0", "1", "20000"} {
		if code, out, errOut := run(t, "", "commitments", "--db", db, "--limit", limit); code != 0 || !strings.Contains(out, "BROKEN") {
			t.Errorf("--limit %s: exit %d %s\n%s", limit, code, errOut, out)
		}
	}
	code, out, _ = run(t, "", "commitments", "--db", db, "--broken", "--as-of", "2021-01-01")
	if code != 0 || !strings.Contains(out, "No broken or contested commitments.") {
		t.Errorf("as of 2021: %s", out)
	}

	// errors: one line, the right exit status
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"brief", "--db", db, "#99"}, 3, "not found"},
		{[]string{"brief", filepath.Join(dir, "missing.txt")}, 3, "no such file"},
		{[]string{"brief", "--db", filepath.Join(dir, "none.db"), "#1"}, 3, ""},
		{[]string{"commitments", "--db", db, "--actor", "Nobody At All"}, 3, "no actor"},
	} {
		code, _, errOut := run(t, "", c.args...)
		if code != c.code {
			t.Errorf("%q: exit %d, want %d (%s)", c.args, code, c.code, errOut)
		}
		oneLineErr(t, errOut, c.want)
	}
	if code, _, _ := run(t, "", "brief"); code != 2 {
		t.Errorf("brief without DOC: exit %d", code)
	}
	if code, _, _ := run(t, "", "commitments", "--db", db, "--format", "xml"); code != 2 {
		t.Errorf("bad format: exit %d", code)
	}
}
