// Command loadtest measures a running actorgraph server: N concurrent
// clients request a list of URLs round-robin for a while, and it reports
// the 50th, 95th and 99th percentile latency per endpoint (the path with
// ids replaced by {id}, plus the query's parameter names).
//
//	go run ./scripts/loadtest -base http://127.0.0.1:8080 -c 8 -d 20s
//	go run ./scripts/loadtest -c 4 -n 2000 URL...
//	go run ./scripts/loadtest -urls list.txt
//
// Without URLs it discovers a realistic mix from the server itself: the
// app's pages, the most connected actors' profiles, graphs and timelines,
// their relationships and evidence, documents, searches and paths.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/actorgraph/actorgraph/scripts/machine"
)

func main() {
	base := flag.String("base", "http://127.0.0.1:8080", "the server, for discovered URLs and relative ones")
	conc := flag.Int("c", 4, "concurrent clients")
	dur := flag.Duration("d", 15*time.Second, "how long to run (ignored with -n)")
	total := flag.Int("n", 0, "stop after this many requests")
	list := flag.String("urls", "", "a file of URLs, one a line")
	actors := flag.Int("actors", 20, "discovery: how many actors to take")
	warm := flag.Bool("warm", true, "request every URL once before measuring")
	flag.Parse()

	urls := flag.Args()
	if *list != "" {
		b, err := os.ReadFile(*list)
		if err != nil {
			fail(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				urls = append(urls, l)
			}
		}
	}
	b := strings.TrimSuffix(*base, "/")
	if len(urls) == 0 {
		var err error
		urls, err = discover(b, *actors)
		if err != nil {
			fail(err)
		}
	}
	for i, u := range urls {
		if strings.HasPrefix(u, "/") {
			urls[i] = b + u
		}
	}
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *conc * 2}}
	if *warm {
		for _, u := range urls {
			get(client, u)
		}
	}
	res := run(client, urls, *conc, *dur, *total)
	report(os.Stdout, res, *conc, len(urls))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "loadtest:", err)
	os.Exit(1)
}

type sample struct {
	endpoint string
	d        time.Duration
	ok       bool
}

func get(c *http.Client, u string) (time.Duration, bool) {
	t0 := time.Now()
	resp, err := c.Get(u)
	if err != nil {
		return time.Since(t0), false
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return time.Since(t0), resp.StatusCode < 400
}

func run(c *http.Client, urls []string, conc int, dur time.Duration, total int) []sample {
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	if total > 0 {
		ctx, cancel = context.WithCancel(context.Background())
	}
	defer cancel()
	var mu sync.Mutex
	var out []sample
	next := 0
	var wg sync.WaitGroup
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				mu.Lock()
				if total > 0 && next >= total {
					mu.Unlock()
					return
				}
				u := urls[next%len(urls)]
				next++
				mu.Unlock()
				d, ok := get(c, u)
				mu.Lock()
				out = append(out, sample{endpoint(u), d, ok})
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return out
}

var idRE = regexp.MustCompile(`/\d+(/|$)`)

// endpoint names a URL by its path, ids as {id}, and its parameter names.
func endpoint(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	path := idRE.ReplaceAllString(p.Path, "/{id}$1")
	path = idRE.ReplaceAllString(path, "/{id}$1")
	if strings.HasPrefix(path, "/js/") || strings.HasPrefix(path, "/css/") {
		path = "/static asset"
	}
	var keys []string
	for k := range p.Query() {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 0 {
		path += "?" + strings.Join(keys, "&")
	}
	return path
}

func pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	i := int(p*float64(len(ds))+0.5) - 1
	i = max(0, min(len(ds)-1, i))
	return ds[i]
}

func report(w io.Writer, res []sample, conc, nurls int) {
	by := map[string][]time.Duration{}
	errs := map[string]int{}
	var all []time.Duration
	for _, s := range res {
		by[s.endpoint] = append(by[s.endpoint], s.d)
		all = append(all, s.d)
		if !s.ok {
			errs[s.endpoint]++
		}
	}
	names := make([]string, 0, len(by))
	for k := range by {
		names = append(names, k)
	}
	sort.Strings(names)
	load := ""
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = strings.Join(strings.Fields(string(b))[:3], " ")
	}
	fmt.Fprintf(w, "%d requests over %d URLs, %d clients; %d CPUs (%s), load average %s\n\n",
		len(res), nurls, conc, runtime.NumCPU(), machine.CPUModel(), load)
	fmt.Fprintf(w, "| endpoint | requests | errors | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|\n")
	row := func(name string, ds []time.Duration, nerr int) {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		fmt.Fprintf(w, "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f |\n", name, len(ds), nerr,
			ms(pct(ds, .50)), ms(pct(ds, .95)), ms(pct(ds, .99)), ms(ds[len(ds)-1]))
	}
	totalErr := 0
	for _, n := range names {
		row("`"+n+"`", by[n], errs[n])
		totalErr += errs[n]
	}
	if len(all) > 0 {
		row("all", all, totalErr)
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// discover builds a URL mix from what the server holds.
func discover(base string, n int) ([]string, error) {
	var actors struct {
		Items []struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		} `json:"items"`
	}
	if err := fetch(base+"/api/actors?limit="+fmt.Sprint(n), &actors); err != nil {
		return nil, err
	}
	if len(actors.Items) == 0 {
		return nil, fmt.Errorf("%s holds no actors", base)
	}
	var docs struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
		Total int `json:"total"`
	}
	if err := fetch(base+"/api/documents?limit=1", &docs); err != nil {
		return nil, err
	}
	urls := []string{"/", "/actor/1", "/api/openapi.json"}
	if b, err := fetchBytes(base + "/"); err == nil {
		for _, m := range regexp.MustCompile(`(?:src|href)="(/[^"]+\.(?:js|css))"`).FindAllStringSubmatch(string(b), -1) {
			urls = append(urls, m[1])
		}
	}
	for i, a := range actors.Items {
		id := fmt.Sprint(a.ID)
		q := url.QueryEscape(a.Name)
		urls = append(urls,
			"/api/actors/"+id,
			"/api/actors/"+id+"/graph?hops=1",
			"/api/actors/"+id+"/timeline?limit=100",
			"/api/relations?actor="+id+"&limit=50",
			"/api/resolve?name="+q,
			"/api/actors?q="+url.QueryEscape(firstWord(a.Name)),
			"/api/search?q="+url.QueryEscape(firstWord(a.Name))+"&limit=20",
		)
		if i%4 == 0 {
			urls = append(urls, "/api/actors/"+id+"/graph?hops=2&limit=100")
		}
		if i+1 < len(actors.Items) && i%2 == 0 {
			urls = append(urls, "/api/path?from="+id+"&to="+fmt.Sprint(actors.Items[i+1].ID)+"&max_hops=3")
		}
		var rel struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
		}
		if err := fetch(base+"/api/relations?actor="+id+"&limit=2", &rel); err == nil {
			for _, e := range rel.Items {
				urls = append(urls, "/api/edges/"+fmt.Sprint(e.ID)+"/evidence")
			}
		}
		if docs.Total > 0 {
			d := 1 + (i*7919)%docs.Total
			urls = append(urls, "/api/documents/"+fmt.Sprint(d))
		}
	}
	urls = append(urls, "/api/actors?limit=50", "/api/documents?limit=50", "/api/relations?limit=50")
	return urls, nil
}

func firstWord(s string) string {
	for _, w := range strings.Fields(s) {
		if len(w) > 3 {
			return w
		}
	}
	return s
}

func fetchBytes(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return io.ReadAll(resp.Body)
}

func fetch(u string, v any) error {
	b, err := fetchBytes(u)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
