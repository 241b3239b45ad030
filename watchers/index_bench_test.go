package watchers

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/bench/gen"
	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
	"github.com/pactwatch/pactwatch/watchers/feed"
	"github.com/pactwatch/pactwatch/watchers/query"
)

// The matching benchmarks run on the benchmark harness's world (bench/gen):
// agreements between two of sixty countries on one of fourteen topics,
// written as the corpus writes its queries, and news items of which one in
// twenty is about one of them. `go run ./bench --workload w3` runs them and
// reports the figures of BENCHMARKS.md.

// benchPlan loads a generated config of k agreements, as pactwatch would.
func benchPlan(b *testing.B, k int) (*plan, []gen.Agreement) {
	b.Helper()
	agreements := gen.Agreements(1, k)
	path := filepath.Join(b.TempDir(), "pactwatch.yaml")
	if err := os.WriteFile(path, gen.Config("pactwatch.db", "", []string{"http://127.0.0.1:1/feed.xml"}, agreements), 0o600); err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Load(path, nil)
	if err != nil {
		b.Fatal(err)
	}
	return newPlan(cfg), agreements
}

// benchItems parses n generated items, one in twenty about one of
// agreements, as a poll would see them.
func benchItems(b *testing.B, n int, agreements []gen.Agreement) []feed.Item {
	return benchNews(b, n, 20, agreements)
}

// benchNews parses n generated items, one in every about one of
// agreements (taken in turn).
func benchNews(b *testing.B, n, every int, agreements []gen.Agreement) []feed.Item {
	b.Helper()
	news := gen.NewNews(2)
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	items := make([]gen.Item, n)
	for i := range items {
		var about *gen.Agreement
		if i%every == 0 {
			about = &agreements[(i/every)%len(agreements)]
		}
		items[i] = news.Item(0, i, about, now.Add(-time.Duration(i)*time.Minute))
	}
	parsed, err := feed.Parse(gen.RSS(0, items, now))
	if err != nil {
		b.Fatal(err)
	}
	return parsed.Items
}

var agreementCounts = []int{10, 100, 1000, 10000}

// reportCPU reports the process's CPU time per item over the benchmark
// loop (garbage collection included), steadier than ns/item on a machine
// other processes share.
func reportCPU(b *testing.B, cpu time.Duration, items int) {
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*items), "cpu-ns/item")
	}
}

// BenchmarkMatchItem is the whole cost of judging one item against every
// agreement: tokenizing it (newDocument) and matching (matchAll). Its
// ns/item should not grow with the number of agreements.
func BenchmarkMatchItem(b *testing.B) {
	for _, k := range agreementCounts {
		b.Run(fmt.Sprintf("agreements=%d", k), func(b *testing.B) {
			p, agreements := benchPlan(b, k)
			items := benchItems(b, 500, agreements)
			readers := p.byFeed[p.cfg.Feeds[0].ID]
			matched := 0
			b.ResetTimer()
			cpu := processCPU()
			for b.Loop() {
				for i := range items {
					matched += len(matchAll(readers, newDocument(&items[i])))
				}
			}
			reportCPU(b, processCPU()-cpu, len(items))
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(items)), "ns/item")
			b.ReportMetric(float64(matched)/float64(b.N*len(items)), "matches/item")
		})
	}
}

// BenchmarkMatchAll is matchAll alone, on documents made beforehand.
func BenchmarkMatchAll(b *testing.B) {
	for _, k := range agreementCounts {
		b.Run(fmt.Sprintf("agreements=%d", k), func(b *testing.B) {
			p, agreements := benchPlan(b, k)
			items := benchItems(b, 500, agreements)
			docs := make([]*query.Document, len(items))
			for i := range items {
				docs[i] = newDocument(&items[i])
			}
			readers := p.byFeed[p.cfg.Feeds[0].ID]
			candidates := 0
			for _, d := range docs {
				candidates += len(p.index.candidates(d, nil))
			}
			b.ResetTimer()
			cpu := processCPU()
			for b.Loop() {
				for _, d := range docs {
					matchAll(readers, d)
				}
			}
			reportCPU(b, processCPU()-cpu, len(docs))
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/item")
			b.ReportMetric(float64(candidates)/float64(len(docs)), "candidates/item")
		})
	}
}

// BenchmarkMatchEvery is what matchAll did before the index: every query
// evaluated on every item.
func BenchmarkMatchEvery(b *testing.B) {
	for _, k := range agreementCounts[:3] {
		b.Run(fmt.Sprintf("agreements=%d", k), func(b *testing.B) {
			p, agreements := benchPlan(b, k)
			items := benchItems(b, 500, agreements)
			b.ResetTimer()
			for b.Loop() {
				for i := range items {
					d := newDocument(&items[i])
					for _, t := range p.all {
						t.Query.Match(d)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(items)), "ns/item")
		})
	}
}

// BenchmarkRegexpBaseline is the naive matcher the index is compared with:
// one compiled regexp per agreement, of every term of its query (a word on
// word boundaries, a prefix, a phrase), run over the item's text. It
// answers only "does any term occur", less than the query asks, so it is a
// lower bound on what a regexp-per-agreement matcher costs.
func BenchmarkRegexpBaseline(b *testing.B) {
	for _, k := range agreementCounts[:3] {
		b.Run(fmt.Sprintf("agreements=%d", k), func(b *testing.B) {
			agreements := gen.Agreements(1, k)
			items := benchItems(b, 50, agreements) // ~60 ms an item at 1,000: fewer items keep the run short
			res := make([]*regexp.Regexp, len(agreements))
			for i, a := range agreements {
				res[i] = regexp.MustCompile(termsRegexp(a))
			}
			b.ResetTimer()
			for b.Loop() {
				for i := range items {
					it := &items[i]
					text := it.Title + "\n" + it.Summary + "\n" + it.Content + "\n" + strings.Join(it.Categories, " · ")
					for _, re := range res {
						re.MatchString(text)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(items)), "ns/item")
		})
	}
}

// termsRegexp is one case-insensitive regexp of every term of a's query.
func termsRegexp(a gen.Agreement) string {
	var alts []string
	for _, group := range []string{"(" + strings.Join([]string{a.A.Name, a.A.Adj, a.A.Capital}, " OR ") + ")",
		"(" + strings.Join([]string{a.B.Name, a.B.Adj, a.B.Capital}, " OR ") + ")",
		"(" + strings.Join(a.Topic.Terms, " OR ") + ")", a.Kind.Terms} {
		for _, t := range strings.Split(strings.Trim(group, "()"), " OR ") {
			t = strings.Trim(t, `"`)
			prefix := strings.HasSuffix(t, "*")
			t = regexp.QuoteMeta(strings.TrimSuffix(t, "*"))
			t = strings.ReplaceAll(t, " ", `\s+`)
			if prefix {
				t += `\w*`
			}
			alts = append(alts, t)
		}
	}
	return `(?i)\b(?:` + strings.Join(alts, "|") + `)\b`
}

// BenchmarkNewDocument tokenizes and indexes one generated item.
func BenchmarkNewDocument(b *testing.B) {
	items := benchItems(b, 500, gen.Agreements(1, 10))
	size := 0
	for _, it := range items {
		size += len(it.Title) + len(it.Summary) + len(it.Content)
	}
	b.SetBytes(int64(size / len(items)))
	b.ResetTimer()
	i := 0
	for b.Loop() {
		newDocument(&items[i%len(items)])
		i++
	}
}

// benchWatcher is a watcher of p over a new database in a temporary
// folder, prepared as at start-up.
func benchWatcher(b *testing.B, p *plan) *Watcher {
	b.Helper()
	ctx := context.Background()
	store, err := storage.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	w := New(p.cfg, store, Options{})
	if _, err := w.Prepare(ctx); err != nil {
		b.Fatal(err)
	}
	return w
}

// BenchmarkIngest takes one new item through a poll's steps after the
// fetch, with 50 agreements: the seen check, matching and analysis, then
// recording it (insert, story, mentions, alerts) in its own transaction.
func BenchmarkIngest(b *testing.B) {
	p, agreements := benchPlan(b, 50)
	items := benchItems(b, 500, agreements)
	ctx := context.Background()
	w := benchWatcher(b, p)
	f := &p.cfg.Feeds[0]
	b.ResetTimer()
	n := 0
	for b.Loop() {
		it := items[n%len(items)]
		it.Key = fmt.Sprintf("guid:bench-%d", n)
		it.Link = fmt.Sprintf("%s?n=%d", it.Link, n)
		n++
		fe := &fetched{feed: f}
		if err := w.prepare(ctx, p, fe, []feed.Item{it}); err != nil {
			b.Fatal(err)
		}
		if err := w.insertUnmatched(ctx, []*fetched{fe}); err != nil {
			b.Fatal(err)
		}
		w.recordMatched(ctx, p, []*fetched{fe})
		if fe.result.Err != nil || fe.result.New != 1 {
			b.Fatalf("recorded %+v", fe.result)
		}
	}
}

// BenchmarkRecordMatched records items that matched, 64 a transaction as
// the end of a poll does (story, item, mentions, status, alerts), with 50
// agreements. It reports the cost per item.
func BenchmarkRecordMatched(b *testing.B) {
	p, agreements := benchPlan(b, 50)
	matching := benchNews(b, 256, 1, agreements) // every item about an agreement
	ctx := context.Background()
	w := benchWatcher(b, p)
	const batch = 64
	n := 0
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		items := make([]feed.Item, batch)
		for i := range items {
			items[i] = matching[n%len(matching)]
			items[i].Key = fmt.Sprintf("guid:bench-%d", n)
			items[i].Link = fmt.Sprintf("%s?n=%d", items[i].Link, n)
			n++
		}
		fe := &fetched{feed: &p.cfg.Feeds[0]}
		if err := w.prepare(ctx, p, fe, items); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		w.recordMatched(ctx, p, []*fetched{fe})
		if fe.result.Err != nil {
			b.Fatal(fe.result.Err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/item")
}

// BenchmarkReadClaims reads the claims of items that matched (every item
// about an agreement), with 50 agreements: the analysis a poll does for
// each matched item before recording it.
func BenchmarkReadClaims(b *testing.B) {
	p, agreements := benchPlan(b, 50)
	matching := benchNews(b, 256, 1, agreements)
	var todo []struct {
		it      *feed.Item
		matched []*tracked
	}
	for i := range matching {
		it := &matching[i]
		if m := matchAll(p.all, newDocument(it)); len(m) > 0 {
			todo = append(todo, struct {
				it      *feed.Item
				matched []*tracked
			}{it, m})
		}
	}
	if len(todo) == 0 {
		b.Fatal("no item matched")
	}
	n := 0
	for b.Loop() {
		x := todo[n%len(todo)]
		readClaims(x.it, nil, x.matched)
		n++
	}
}
