package watchers

import (
	"github.com/pactwatch/pactwatch/config"
)

// plan is a config prepared for polling: for each feed, the agreements that
// read it, with their status rules compiled.
type plan struct {
	cfg    *config.Config
	all    []*tracked
	byFeed map[string][]*tracked
}

// tracked is one agreement with everything needed to judge an item.
type tracked struct {
	*config.Agreement
	rules []rule
	scope scope
}

func newPlan(cfg *config.Config) *plan {
	p := &plan{cfg: cfg, byFeed: map[string][]*tracked{}}
	for i := range cfg.Agreements {
		a := &cfg.Agreements[i]
		t := &tracked{Agreement: a, rules: rulesFor(a), scope: newScope(a)}
		p.all = append(p.all, t)
		feeds := a.Feeds
		if len(feeds) == 0 {
			for _, f := range cfg.Feeds {
				feeds = append(feeds, f.ID)
			}
		}
		for _, id := range feeds {
			p.byFeed[id] = append(p.byFeed[id], t)
		}
	}
	return p
}
