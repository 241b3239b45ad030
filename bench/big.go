package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/pactwatch/pactwatch/bench/gen"
)

// signingSecret signs the harness's slash commands; the daemon reads it
// from SLACK_SIGNING_SECRET.
const signingSecret = "bench-signing-secret"

// bigWorkloads runs w4 and w5 on a database of o.stored items and a config
// of o.bigAgreements agreements, over the same farm of feeds.
func (h *harness) bigWorkloads(ctx context.Context) error {
	o := h.o
	fmt.Printf("\nw4/w5: generating %d feeds × %d items and %d agreements…\n", o.feeds, o.items, o.bigAgreements)
	agreements := gen.Agreements(o.seed, o.bigAgreements)
	w, err := newWorld(h.dir, o.feeds, o.items, o.seed, agreements[:min(len(agreements), o.agreements)])
	if err != nil {
		return err
	}
	defer w.farm.Close()
	dir := filepath.Join(h.dir, "big")
	cfg, err := w.writeConfig(dir, "127.0.0.1:0", agreements)
	if err != nil {
		return err
	}
	db := filepath.Join(dir, "pactwatch.db")
	fmt.Printf("  storing %d items of history…\n", o.stored)
	p, err := populate(ctx, db, o.stored, o.feeds, agreements, w, o.seed)
	if err != nil {
		return fmt.Errorf("populate: %w", err)
	}
	h.rep.add("w4", "history stored", fmt.Sprintf("%d items (%d stories), %d mentions, %d delivered alerts, %d status changes",
		p.items, p.items, p.mentions, p.alerts, p.changes))
	h.rep.add("w4", "time to store it through storage.Tx, 5,000 items a transaction", secs(p.took))
	perItem := float64(p.size) / float64(p.items)
	h.rep.judge("w5", "database size per stored item (items, stories, mentions, alerts, indexes)",
		fmt.Sprintf("%.0f bytes (%s in all)", perItem, mb(p.size)), "≤ 1 KB (aim)", perItem <= 1024)
	env := benchEnv("SLACK_SIGNING_SECRET=" + signingSecret)
	if o.workloads["w4"] {
		if err := h.statusLoad(ctx, cfg, env, agreements); err != nil {
			return err
		}
	}
	if o.workloads["w5"] {
		if err := h.startup(ctx, cfg, env, "w5", fmt.Sprintf("%d agreements", len(agreements))); err != nil {
			return err
		}
		small, err := w.writeConfig(filepath.Join(h.dir, "big-small"), "127.0.0.1:0", agreements[:min(len(agreements), o.agreements)])
		if err != nil {
			return err
		}
		// The same database under a config of few agreements: what the
		// history costs apart from the agreements.
		if err := os.Rename(db, filepath.Join(h.dir, "big-small", "pactwatch.db")); err != nil {
			return err
		}
		if err := h.startup(ctx, small, env, "w5", fmt.Sprintf("%d agreements", o.agreements)); err != nil {
			return err
		}
	}
	return nil
}

// startup runs w5: the time from starting the daemon on the large database
// to its "pactwatch running" log line and to its first healthy /healthz.
func (h *harness) startup(ctx context.Context, cfg string, env []string, workload, label string) error {
	fmt.Printf("\n%s: starting pactwatch run on the large database, %s…\n", workload, label)
	var toLog, toHealthy []time.Duration
	for range h.o.repeat {
		d, err := startDaemon(ctx, h.pactwatch, cfg, env)
		if err != nil {
			return err
		}
		logged, err := d.waitLog(ctx, "pactwatch running", 2*time.Minute)
		var healthy time.Duration
		if err == nil {
			healthy, err = d.waitHealthy(ctx, 2*time.Minute)
		}
		if err == nil {
			// Let the first round (every feed 304) finish before stopping.
			_, err = d.waitLog(ctx, "first round done", 5*time.Minute)
		}
		if serr := d.stop(); err == nil && serr != nil {
			err = serr
		}
		if err != nil {
			return err
		}
		toLog, toHealthy = append(toLog, logged), append(toHealthy, healthy)
		fmt.Printf("  \"pactwatch running\" after %s, /healthz 200 after %s\n", ms(logged), ms(healthy))
	}
	ready := median(toHealthy)
	h.rep.add(workload, "start to \"pactwatch running\" ("+label+"), median", fmt.Sprintf("%s (runs: %s)", ms(median(toLog)), list(toLog, ms)))
	h.rep.judge(workload, "start to /healthz 200 ("+label+"), median", fmt.Sprintf("%s (runs: %s)", ms(ready), list(toHealthy, ms)),
		"≤ 1 s", ready <= time.Second)
	return nil
}
