// Command actorgraph reads conflict and security reports and keeps the
// actors and relationships they describe as a sourced graph. This package
// is wiring only: subcommands, flags and output; the work is done in the
// packages it imports.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"github.com/actorgraph/actorgraph"
)

// version is set at build time with -ldflags "-X main.version=..."; it
// falls back to the module's build information.
var version = ""

type command struct {
	name    string
	args    string
	summary string
	run     func(app *app, args []string) error
}

type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{
		{"demo", "[--addr HOST:PORT] [--db FILE]", "store the embedded sample reports and open the web app over them", runDemo},
		{"serve", "[--db FILE] [--addr HOST:PORT] [--token T]", "serve the web app and the HTTP API over a store", runServe},
		{"extract", "[--format text|json] [--kb FILE] FILE|-", "extract actors and relationships from one report", runExtract},
		{"ingest", "[--db FILE] [--workers N] PATH|URL...", "read reports (text, Markdown, HTML, PDF, JSON Lines, RSS/Atom; files, directories, URLs) into the store", runIngest},
		{"reindex", "[--db FILE]", "re-run the current extractor over every stored document, keeping analyst edits", runReindex},
		{"actors", "[--type T] [--search S] [--format table|json|csv]", "list actors, most evidence first", runActors},
		{"actor", "NAME|#ID", "an actor's profile: aliases, relationships by type, top sources", runActor},
		{"relations", "[--actor A] [--type T] [--since D] [--until D] [--contested]", "list relationships", runRelations},
		{"evidence", "A TYPE B | #EDGE", "every sentence and source behind one relationship", runEvidence},
		{"path", "A B [--max-hops N]", "shortest chains of relationships between two actors, with evidence", runPath},
		{"timeline", "A", "an actor's dated relationships in order", runTimeline},
		{"search", "WORDS...", "full-text search over stored documents", runSearch},
		{"brief", "[--format text|json] DOC|FILE|-", "a document's key takeaways, judgments (ICD 203 likelihood) and commitments, each with its sentence", runBrief},
		{"commitments", "[--actor A] [--broken] [--format table|json|csv]", "pledges and promises, with the conduct that breaks or contests them side by side", runCommitments},
		{"merge", "A B", "fold actor B into actor A (logged, reversible)", runEdit(actorgraph.EditMerge, "merge", "A B", 2)},
		{"unmerge", "A B", "take actor B back out of actor A", runEdit(actorgraph.EditUnmerge, "unmerge", "A B", 2)},
		{"split", "A ALIAS", "move the mentions of A named ALIAS to a new actor", runEdit(actorgraph.EditSplit, "split", "A ALIAS", 2)},
		{"rename", "A NAME", "set an actor's display name", runEdit(actorgraph.EditRename, "rename", "A NAME", 2)},
		{"set-type", "A TYPE", "set an actor's type", runEdit(actorgraph.EditSetType, "set-type", "A TYPE", 2)},
		{"edits", "", "list the analyst decisions", runEdits},
		{"undo", "EDIT", "undo an analyst decision", runUndo},
		{"export", "--format stix|graphml|gexf|csv|jsonl [--actor A --hops N]", "export the graph for OpenCTI, MISP, Gephi, yEd or spreadsheets", runExport},
		{"changes", "--since DATE [--limit N] [--quiet-days N]", "relationships new, newly contested, strengthened or gone quiet since a date, and actors first seen", runChanges},
		{"network", "[--top N] [--type T,T] [--since D] [--until D]", "centrality and communities: which actors broker between clusters", runNetwork},
		{"watch", "add ACTOR [--type T] | remove ID | list", "watch an actor: new or changed relationships raise alerts after each ingest", runWatch},
		{"alerts", "[--since D] [--atom [-o FILE]] [--check]", "list the alerts raised for watched actors, or write them as an Atom feed", runAlerts},
		{"webhook", "add URL | remove ID | list | flush", "POST alerts as JSON to a URL (retried with back-off; failures stay queued)", runWebhook},
		{"source-reliability", "[PUBLISHER GRADE]", "grade a publisher's reliability A–F (Admiralty), or list the grades", runSourceReliability},
		{"assess", "#EDGE [--confidence low|moderate|high] [--credibility 1-6] [--clear] | --log", "record the analyst's confidence and credibility for a relationship", runAssess},
		{"eval", "[--show] DIR", "score the extractor against gold annotations (NAME.txt + NAME.gold.json)", runEval},
		{"version", "", "print the version", runVersion},
		{"help", "[COMMAND]", "show help for a command", nil},
	}
}

func main() {
	if os.Getenv("GOGC") == "" {
		// The extractor's live heap is small (tens of MiB) and short-lived
		// garbage is most of what it allocates: collecting at 4× the live
		// heap instead of 2× saves about a fifth of the CPU time for some 40
		// MiB more memory, flat in the input size. GOGC in the environment wins.
		debug.SetGCPercent(400)
	}
	a := &app{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	stop := a.profile(os.Getenv("ACTORGRAPH_CPUPROFILE"))
	code := a.main(os.Args[1:])
	stop()
	os.Exit(code)
}

// profile writes a CPU profile of the command to path (for speed work:
// go tool pprof); "" does nothing.
func (a *app) profile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "actorgraph: ACTORGRAPH_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

func (a *app) main(args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			return a.helpFor(args[1])
		}
		a.usage(a.stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] && c.run != nil {
			err := c.run(a, args[1:])
			return a.exit(err)
		}
	}
	fmt.Fprintf(a.stderr, "actorgraph: unknown command %q\n\n", args[0])
	a.usage(a.stderr)
	return 2
}

// exit maps an error to a message and an exit status, once, at the edge.
func (a *app) exit(err error) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(a.stderr, "actorgraph: %s\n", ue.msg)
		return 2
	}
	fmt.Fprintf(a.stderr, "actorgraph: %s\n", oneLine(err.Error()))
	switch actorgraph.ErrorCode(err) {
	case actorgraph.ENotFound:
		return 3
	case actorgraph.EInvalid, actorgraph.ETooLarge:
		return 4
	case actorgraph.EConflict:
		return 5
	}
	return 1
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func (a *app) usage(w io.Writer) {
	fmt.Fprint(w, `actorgraph reads conflict and security reports and extracts who is allied with,
hosts, supports, pressures, condemns or attacks whom — each relationship with the
sentence it came from.

Usage:
  actorgraph COMMAND [flags] [arguments]

Commands:
`)
	cs := commands()
	width := 0
	for _, c := range cs {
		width = max(width, len(c.name))
	}
	for _, c := range cs {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprint(w, `
Run "actorgraph help COMMAND" for a command's flags.

Exit status: 0 success, 1 internal error, 2 bad usage, 3 not found, 4 bad input,
5 conflict (an ambiguous name, an edit that cannot apply).
`)
}

func (a *app) helpFor(name string) int {
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return a.exit(c.run(a, []string{"-h"}))
		}
	}
	fmt.Fprintf(a.stderr, "actorgraph: no help for %q\n", name)
	return 2
}

// newFlags returns a flag set whose -h prints the command's usage to stdout.
func (a *app) newFlags(name string) *flag.FlagSet {
	var c command
	for _, x := range commands() {
		if x.name == name {
			c = x
		}
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	// the flag package calls Usage on -h and on every parse error; parse
	// prints the help itself, once, and only for -h
	fs.Usage = func() {}
	helpFuncs[fs] = func() {
		fmt.Fprintf(a.stdout, "Usage: actorgraph %s %s\n\n%s.\n", c.name, c.args, capitalize(c.summary))
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintf(a.stdout, "\nFlags:\n")
			fs.SetOutput(a.stdout)
			fs.PrintDefaults()
			fs.SetOutput(io.Discard)
		}
	}
	return fs
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// helpFuncs holds each flag set's help printer (see newFlags).
var helpFuncs = map[*flag.FlagSet]func(){}

// parse parses flags, allowing flags after positional arguments.
func parse(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				if h := helpFuncs[fs]; h != nil {
					h()
				}
				return flag.ErrHelp
			}
			return usageError{fmt.Sprintf("%s: %v (see 'actorgraph help %s')", fs.Name(), err, fs.Name())}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
		if len(args) == 0 {
			break
		}
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

func runVersion(a *app, args []string) error {
	fs := a.newFlags("version")
	if err := parse(fs, args); err != nil {
		return err
	}
	v := version
	if v == "" {
		v = "devel"
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
	}
	fmt.Fprintf(a.stdout, "actorgraph %s\n", v)
	return nil
}
