package watchers

import (
	"github.com/pactwatch/pactwatch/config"
)

// plan is a config prepared for polling: for each feed, the agreements that
// read it, with their status rules compiled, and an index of every match
// query.
type plan struct {
	cfg    *config.Config
	all    []*tracked
	byFeed map[string][]*tracked // each in config order
	index  *matchIndex
}

// tracked is one agreement with everything needed to judge an item.
type tracked struct {
	*config.Agreement
	rules []rule
	scope scope
	pos   int         // its position in plan.all: config order
	index *matchIndex // its plan's index
}

func newPlan(cfg *config.Config) *plan {
	p := &plan{cfg: cfg, byFeed: map[string][]*tracked{}}
	for i := range cfg.Agreements {
		a := &cfg.Agreements[i]
		t := &tracked{Agreement: a, rules: rulesFor(a), scope: newScope(a), pos: len(p.all)}
		p.all = append(p.all, t)
		feeds := a.Feeds
		if len(feeds) == 0 {
			for _, f := range cfg.Feeds {
				feeds = append(feeds, f.ID)
			}
		}
		for _, id := range feeds {
			list := p.byFeed[id]
			if n := len(list); n > 0 && list[n-1] == t {
				continue // the feed named twice
			}
			p.byFeed[id] = append(list, t)
		}
	}
	p.index = newMatchIndex(p.all)
	for _, t := range p.all {
		t.index = p.index
	}
	return p
}
