package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// run drives the command as main does, with stdin and captured output.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}
	code = a.main(args)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// oneLineErr checks that stderr is a single "actorgraph: ..." line that
// contains want.
func oneLineErr(t *testing.T, stderr, want string) {
	t.Helper()
	if !strings.HasPrefix(stderr, "actorgraph: ") || !strings.HasSuffix(stderr, "\n") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr is not one 'actorgraph: ' line: %q", stderr)
	}
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr %q does not contain %q", stderr, want)
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{nil, {"help"}, {"-h"}, {"--help"}} {
		code, out, errOut := run(t, "", args...)
		if code != 0 || errOut != "" {
			t.Errorf("%q: exit %d, stderr %q", args, code, errOut)
		}
		for _, want := range []string{"Usage:", "extract", "version", "Exit status"} {
			if !strings.Contains(out, want) {
				t.Errorf("%q: help lacks %q:\n%s", args, want, out)
			}
		}
	}
}

func TestHelpExtract(t *testing.T) {
	for _, args := range [][]string{{"help", "extract"}, {"extract", "-h"}, {"extract", "--help"}} {
		code, out, errOut := run(t, "", args...)
		if code != 0 || errOut != "" {
			t.Errorf("%q: exit %d, stderr %q", args, code, errOut)
		}
		for _, want := range []string{"Usage: actorgraph extract", "-format", "-kb"} {
			if !strings.Contains(out, want) {
				t.Errorf("%q: help lacks %q:\n%s", args, want, out)
			}
		}
		if n := strings.Count(out, "Usage: actorgraph extract"); n != 1 {
			t.Errorf("%q prints the usage %d times", args, n)
		}
	}
}

func TestHelpUnknown(t *testing.T) {
	code, out, errOut := run(t, "", "help", "frobnicate")
	if code != 2 || out != "" {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	oneLineErr(t, errOut, "frobnicate")
}

func TestVersion(t *testing.T) {
	code, out, errOut := run(t, "", "version")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.HasPrefix(out, "actorgraph ") || strings.Count(out, "\n") != 1 || len(strings.TrimSpace(out)) <= len("actorgraph") {
		t.Errorf("version output %q", out)
	}
	if code, _, _ := run(t, "", "version", "--bogus"); code != 2 {
		t.Errorf("version --bogus: exit %d, want 2", code)
	}
}

func TestUnknownCommand(t *testing.T) {
	code, out, errOut := run(t, "", "frobnicate", "x")
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if out != "" {
		t.Errorf("stdout %q", out)
	}
	if !strings.HasPrefix(errOut, "actorgraph: unknown command \"frobnicate\"\n") || !strings.Contains(errOut, "Usage:") {
		t.Errorf("stderr %q", errOut)
	}
}

func TestExtractUsageErrors(t *testing.T) {
	good := writeFile(t, "r.txt", []byte("Russia attacked Ukraine.\n"))
	for _, args := range [][]string{
		{"extract"},
		{"extract", good, good},
		{"extract", "--format", "yaml", good},
		{"extract", "--no-such-flag", good},
	} {
		code, out, errOut := run(t, "", args...)
		if code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
		if out != "" {
			t.Errorf("%q: stdout %q", args, out)
		}
		oneLineErr(t, errOut, "extract")
	}
}

func TestExtractBadInput(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no-such-report.txt")
	tests := []struct {
		name string
		path string
		code int
	}{
		{"missing", missing, 3},
		{"empty", writeFile(t, "empty.txt", nil), 4},
		{"blank", writeFile(t, "blank.txt", []byte("\n  \n\t\n")), 4},
		{"binary", writeFile(t, "pic.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")), 4},
		{"invalid UTF-8", writeFile(t, "latin1.txt", []byte("Le pr\xe9sident a parl\xe9.")), 4},
		{"directory", dir, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := run(t, "", "extract", tc.path)
			if code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, errOut)
			}
			if out != "" {
				t.Errorf("stdout %q", out)
			}
			oneLineErr(t, errOut, tc.path)
		})
	}
	t.Run("empty stdin", func(t *testing.T) {
		code, _, errOut := run(t, "", "extract", "-")
		if code != 4 {
			t.Errorf("exit %d, want 4", code)
		}
		oneLineErr(t, errOut, "standard input")
	})
	t.Run("missing --kb overlay", func(t *testing.T) {
		good := writeFile(t, "r.txt", []byte("Russia attacked Ukraine.\n"))
		code, _, errOut := run(t, "", "extract", "--kb", missing, good)
		if code != 3 {
			t.Errorf("exit %d, want 3", code)
		}
		oneLineErr(t, errOut, missing)
	})
}

const report = `Weekly security brief

The Taliban hosted al-Qaeda fighters in Kunar province, according to a United Nations report.
China condemned the attack by the Islamic State on its embassy. Russia attacked Ukraine again on Tuesday.
Gen. Ahmad Massoud leads the National Resistance Front, which has fought the Taliban since 2021.

- Tajikistan refused to recognise the Taliban government.
- Uzbekistan’s officials met the group’s envoys in Termez.
`

type span struct{ Start, End int }

type jsonOut struct {
	Entities []struct {
		ID       string
		Name     string
		Type     string
		Aliases  []string
		Mentions []span
	}
	Relations []struct {
		Source       string
		Type         string
		Target       string
		Negated      bool
		Modality     string
		Evidence     string
		EvidenceSpan span `json:"evidence_span"`
		Trigger      string
	}
}

// checkJSON checks the JSON output of extract against its input text.
func checkJSON(t *testing.T, text, out string) jsonOut {
	t.Helper()
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"entities", "relations"} {
		if v := strings.TrimSpace(string(raw[k])); !strings.HasPrefix(v, "[") {
			t.Errorf("%q is not an array: %.40s", k, v)
		}
	}
	var x jsonOut
	if err := json.Unmarshal([]byte(out), &x); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, e := range x.Entities {
		if e.ID == "" || ids[e.ID] {
			t.Errorf("entity id %q empty or repeated", e.ID)
		}
		ids[e.ID] = true
		if e.Name == "" || e.Type == "" {
			t.Errorf("entity %+v has no name or type", e)
		}
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Errorf("entity %s mention [%d,%d) outside the %d-byte input", e.ID, m.Start, m.End, len(text))
				continue
			}
			if !utf8.ValidString(text[m.Start:m.End]) {
				t.Errorf("entity %s mention [%d,%d) splits a character", e.ID, m.Start, m.End)
			}
		}
	}
	for _, r := range x.Relations {
		if !ids[r.Source] || !ids[r.Target] {
			t.Errorf("relation %s -%s-> %s names an entity that is not emitted", r.Source, r.Type, r.Target)
		}
		if r.Evidence == "" || !strings.Contains(text, r.Evidence) {
			t.Errorf("evidence %q is not a substring of the input", r.Evidence)
		}
		s := r.EvidenceSpan
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			t.Errorf("evidence span [%d,%d) outside the input", s.Start, s.End)
		} else if text[s.Start:s.End] != r.Evidence {
			t.Errorf("evidence span [%d,%d) slices %q, not the evidence %q", s.Start, s.End, text[s.Start:s.End], r.Evidence)
		}
		if r.Modality == "" || r.Type == "" {
			t.Errorf("relation %+v lacks a type or modality", r)
		}
	}
	return x
}

func TestExtractJSON(t *testing.T) {
	p := writeFile(t, "brief.txt", []byte(report))
	for _, args := range [][]string{
		{"extract", "--format", "json", p},
		{"extract", "--format=json", p},
		{"extract", p, "--format", "json"}, // flags after the file
	} {
		code, out, errOut := run(t, "", args...)
		if code != 0 || errOut != "" {
			t.Fatalf("%q: exit %d, stderr %q", args, code, errOut)
		}
		x := checkJSON(t, report, out)
		if len(x.Entities) < 3 {
			t.Errorf("%q: only %d entities", args, len(x.Entities))
		}
		if len(x.Relations) == 0 {
			t.Errorf("%q: no relations", args)
		}
	}
}

func TestExtractJSONNothingFound(t *testing.T) {
	p := writeFile(t, "plain.txt", []byte("nothing of note happened here today.\n"))
	code, out, errOut := run(t, "", "extract", "--format", "json", p)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	checkJSON(t, "nothing of note happened here today.\n", out)
}

func TestExtractTextAndExplain(t *testing.T) {
	p := writeFile(t, "brief.txt", []byte(report))
	code, out, errOut := run(t, "", "extract", p)
	if code != 0 || errOut != "" {
		t.Fatalf("text: exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "Actors (") || !strings.Contains(out, "Relationships (") || !strings.Contains(out, "Taliban") {
		t.Errorf("text output:\n%s", out)
	}
	code2, out2, _ := run(t, "", "extract", "--format", "text", p)
	if code2 != 0 || out2 != out {
		t.Errorf("--format text differs from the default")
	}
	code, out, errOut = run(t, "", "extract", "--format", "explain", p)
	if code != 0 || errOut != "" {
		t.Fatalf("explain: exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "[0] ") || !strings.Contains(out, "mentions:") {
		t.Errorf("explain output:\n%s", out)
	}
}

func TestExtractStdin(t *testing.T) {
	code, out, errOut := run(t, "\ufeff"+report, "extract", "--format", "json", "-")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	// the byte-order mark is dropped before offsets are counted
	x := checkJSON(t, report, out)
	p := writeFile(t, "brief.txt", []byte(report))
	_, fromFile, _ := run(t, "", "extract", "--format", "json", p)
	if fromFile != out {
		t.Errorf("standard input and file give different JSON")
	}
	if len(x.Entities) == 0 {
		t.Errorf("no entities from standard input")
	}
}

// hostile builds inputs that are valid UTF-8 text but adversarial.
func hostile() map[string]string {
	m := map[string]string{}
	m["html and script"] = strings.Repeat(`<html><body><script>alert("Taliban")</script><div class="x">The Taliban attacked <b>ISIS</b> in Kabul.</div>`+"\n", 2000)
	var cc strings.Builder
	for i := 0; i < 20000; i++ {
		cc.WriteByte(byte(1 + i%31)) // every C0 control character but NUL
		cc.WriteString("Russia\u202e\u200d attacked\u0085 Ukraine\x7f. ")
	}
	m["control characters"] = cc.String()
	// 1 MB in one line, no sentence end: words that make many mentions
	words := strings.Fields("the army attacked Taliban fighters near Kabul and al-Qaeda supports ISIS while China condemned Russia in Mali , ( ) <b> </b>")
	var line strings.Builder
	for i := uint32(1); line.Len() < 1<<20; i = i*1664525 + 1013904223 {
		line.WriteString(words[(i>>16)%uint32(len(words))])
		line.WriteByte(' ')
	}
	m["1 MB single line"] = line.String()
	m["10k nested parentheses"] = strings.Repeat("(", 10000) + "the Taliban attacked ISIS" + strings.Repeat(")", 10000) + "."
	m["10k nested quotes"] = strings.Repeat("“", 10000) + "Hezbollah" + strings.Repeat("”", 10000)
	m["one long word"] = strings.Repeat("a", 1<<20)
	m["many abbreviations"] = strings.Repeat("U.S. Gen. Dr. J. a.k.a. ", 40000)
	m["non-ASCII digits"] = strings.Repeat("قتل ٢٠٢٤ شخصا ۹ and １２ men in 2024. ", 20000)
	m["many bullets"] = strings.Repeat("- Taliban\n* ISIS\n1. al-Qaeda\n# Kabul\n", 20000)
	return m
}

func TestExtractHostile(t *testing.T) {
	limit := 30 * time.Second
	if testing.Short() {
		limit = 60 * time.Second // -short is used with -race, which is slower
	}
	for name, text := range hostile() {
		t.Run(name, func(t *testing.T) {
			p := writeFile(t, "hostile.txt", []byte(text))
			done := make(chan struct{})
			var code int
			var out, errOut string
			start := time.Now()
			go func() {
				defer close(done)
				code, out, errOut = run(t, "", "extract", "--format", "json", p)
			}()
			select {
			case <-done:
			case <-time.After(limit):
				t.Fatalf("extract did not return within %v", limit)
			}
			t.Logf("%d bytes in %v, %d bytes of JSON", len(text), time.Since(start).Round(time.Millisecond), len(out))
			if code != 0 {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			checkJSON(t, text, out)
			if len(out) > 64*len(text)+4096 {
				t.Errorf("%d bytes of JSON for %d bytes of input", len(out), len(text))
			}
		})
	}
}

func TestExtractHostileExplain(t *testing.T) {
	text := hostile()["1 MB single line"]
	var out bytes.Buffer
	a := &app{stdin: strings.NewReader(text), stdout: &out, stderr: io.Discard}
	if code := a.main([]string{"extract", "--format", "explain", "-"}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	a = &app{stdin: strings.NewReader(text), stdout: io.Discard, stderr: io.Discard}
	if code := a.main([]string{"extract", "-"}); code != 0 {
		t.Fatalf("text: exit %d", code)
	}
	if out.Len() == 0 {
		t.Error("explain printed nothing")
	}
}

func TestPerSecond(t *testing.T) {
	for _, tc := range []struct {
		r    float64
		want string
	}{{0, "0"}, {0.0912, "0.091"}, {2.5, "2.5"}, {9.96, "10"}, {10.4, "10"}, {828.4, "828"}} {
		if got := perSecond(tc.r); got != tc.want {
			t.Errorf("perSecond(%v) = %q, want %q", tc.r, got, tc.want)
		}
	}
}
