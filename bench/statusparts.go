package main

import (
	"context"
	"fmt"
	"time"

	"github.com/pactwatch/pactwatch/bench/gen"
	"github.com/pactwatch/pactwatch/bot"
	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// statusParts times, in this process and one at a time, the two halves of
// a /pact status answer: finding the agreement (bot.Lookup over the
// config) and reading its report from storage (bot.BuildReport), on the
// same config and database the daemon serves.
func (h *harness) statusParts(ctx context.Context, cfgPath string, agreements []gen.Agreement) error {
	cfg, err := config.Load(cfgPath, func(k string) (string, bool) {
		if k == "SLACK_SIGNING_SECRET" {
			return signingSecret, true
		}
		return "", false
	})
	if err != nil {
		return err
	}
	store, err := storage.Open(ctx, cfg.Database)
	if err != nil {
		return err
	}
	defer store.Close()
	byKind := map[int][]time.Duration{}
	var reports []time.Duration
	n := min(600, 3*len(cfg.Agreements))
	for i := range n {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		text := statusText(agreements, i)[len("status "):]
		start := time.Now()
		bot.Lookup(cfg, text)
		byKind[i%3] = append(byKind[i%3], time.Since(start))
		a := &cfg.Agreements[(i*7919)%len(cfg.Agreements)]
		start = time.Now()
		if _, err := bot.BuildReport(ctx, store, a, time.Now(), 5); err != nil {
			return fmt.Errorf("report of %s: %w", a.ID, err)
		}
		reports = append(reports, time.Since(start))
	}
	pq := func(xs []time.Duration) string {
		return fmt.Sprintf("p50 %s, p99 %s", ms(percentile(xs, 50)), ms(percentile(xs, 99)))
	}
	h.rep.add("w4", "in process, one at a time: bot.Lookup by id / by name / by parties", fmt.Sprintf("%s; %s; %s", pq(byKind[0]), pq(byKind[1]), pq(byKind[2])))
	h.rep.add("w4", "in process, one at a time: bot.BuildReport (storage reads, 5 mentions)", pq(reports))
	return nil
}
