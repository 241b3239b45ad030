package watchers

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/watchers/claims"
	"github.com/pactwatch/pactwatch/watchers/query"
)

// plan is a config prepared for polling: for each feed, the agreements that
// read it, with their status rules compiled, and an index of every match
// query.
type plan struct {
	cfg    *config.Config
	all    []*tracked
	byFeed map[string][]*tracked // each in config order; shared, never appended to
	every  []*tracked            // those that read every feed, in config order
	index  *matchIndex
}

// tracked is one agreement with everything needed to judge an item.
type tracked struct {
	*config.Agreement
	reader *claims.Compiled // reads what a sentence says of its status
	pos    int              // its position in plan.all: config order
	index  *matchIndex      // its plan's index
}

// newTracked prepares an agreement for reading: its own status rules first,
// then its kind's built-in ones.
func newTracked(a *config.Agreement, pos int) *tracked {
	own := make([]claims.Rule, len(a.StatusRules))
	for i, r := range a.StatusRules {
		own[i] = claims.Rule{Status: r.Status, Source: r.Source, Query: r.Query}
	}
	t := claims.Target{ID: a.ID, Name: a.Name, Kind: a.Kind, Aliases: a.Aliases, Parties: a.Parties, Match: a.Query,
		Rules: claims.Rules(a.Kind, own)}
	return &tracked{Agreement: a, reader: claims.Compile(t), pos: pos}
}

func newPlan(cfg *config.Config) *plan {
	p := &plan{cfg: cfg, byFeed: map[string][]*tracked{}, all: prepareAll(cfg.Agreements)}
	var everyFeed, some []*tracked
	var every []string // a list of every feed's id already compared
	for _, t := range p.all {
		if readsEveryFeed(t.Agreement, cfg.Feeds, &every) {
			everyFeed = append(everyFeed, t)
		} else {
			some = append(some, t)
		}
	}
	// Most agreements read every feed: those feeds share one list rather
	// than each holding a copy (10,000 agreements × 1,000 feeds would be
	// ten million entries).
	everyFeed = everyFeed[:len(everyFeed):len(everyFeed)]
	p.every = everyFeed
	extra := map[string][]*tracked{}
	for _, t := range some {
		for _, id := range t.Feeds {
			list := extra[id]
			if n := len(list); n > 0 && list[n-1] == t {
				continue // the feed named twice
			}
			extra[id] = append(list, t)
		}
	}
	for _, f := range cfg.Feeds {
		p.byFeed[f.ID] = everyFeed
	}
	for id, list := range extra {
		p.byFeed[id] = mergeByPos(p.byFeed[id], list)
	}
	p.index = newMatchIndex(p.all)
	for _, t := range p.all {
		t.index = p.index
	}
	return p
}

// prepareAll compiles each agreement's status rules, the work of
// a start that grows with the number of agreements, on every CPU.
func prepareAll(agreements []config.Agreement) []*tracked {
	all := make([]*tracked, len(agreements))
	onEveryCPU(len(agreements), func(i int) {
		a := &agreements[i]
		all[i] = newTracked(a, i)
	})
	return all
}

// requiredClauses returns the clauses each agreement's match query
// requires (query.Query.Required), on every CPU: with 10,000 agreements,
// deriving them is most of building the match index.
func requiredClauses(all []*tracked) [][][]query.Anchor {
	out := make([][][]query.Anchor, len(all))
	onEveryCPU(len(all), func(i int) { out[i] = all[i].Query.Required() })
	return out
}

// onEveryCPU calls fn(i) for each i in [0, n), spread over the CPUs when n
// is large enough to be worth a goroutine (64 calls each), and returns
// when every call has.
func onEveryCPU(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(n/64, 1))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// readsEveryFeed reports whether a reads every feed of the config: it
// names none, or names each in the config's order (as config.Load fills in
// an agreement without `feeds`). every is a list of all the ids seen
// before: config.Load gives the agreements that name no feeds one shared
// list, which is then recognised by its address rather than compared again
// id by id (10,000 agreements × 1,000 feeds).
func readsEveryFeed(a *config.Agreement, feeds []config.Feed, every *[]string) bool {
	if len(a.Feeds) == 0 {
		return true
	}
	if len(a.Feeds) != len(feeds) {
		return false
	}
	if e := *every; len(e) == len(a.Feeds) && &e[0] == &a.Feeds[0] {
		return true
	}
	for i := range feeds {
		if a.Feeds[i] != feeds[i].ID {
			return false
		}
	}
	*every = a.Feeds
	return true
}

// mergeByPos merges two lists in config order into a new one.
func mergeByPos(a, b []*tracked) []*tracked {
	out := make([]*tracked, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0].pos < b[0].pos {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	out = append(out, a...)
	return append(out, b...)
}
