package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/pactwatch/pactwatch/bench/gen"
)

// processLimit bounds any one measured process.
const processLimit = 10 * time.Minute

// pollWorkloads runs w1, the cold poll against the floor, and w2, the warm
// poll of the same unchanged feeds.
func (h *harness) pollWorkloads(ctx context.Context) error {
	o := h.o
	fmt.Printf("\nw1: generating %d feeds × %d items with %d agreements…\n", o.feeds, o.items, o.agreements)
	w, err := newWorld(h.dir, o.feeds, o.items, o.seed, gen.Agreements(o.seed, o.agreements))
	if err != nil {
		return err
	}
	defer w.farm.Close()
	raw, gz := w.farm.Bytes()
	h.rep.add("w1", "feed farm", fmt.Sprintf("%d feeds, %d items, %s of RSS (%s gzipped)", o.feeds, w.items, mb(raw), mb(gz)))

	var floors, cold []usage
	var ratios []float64
	var coldCfg, summary string
	for r := range o.repeat {
		// Alternate which goes first, so that drift in the machine's load
		// weighs on both alike.
		var f, p usage
		var err error
		if r%2 == 0 {
			f, err = h.runFloor(ctx, w)
			if err == nil {
				p, coldCfg, summary, err = h.coldPoll(ctx, w, r)
			}
		} else {
			p, coldCfg, summary, err = h.coldPoll(ctx, w, r)
			if err == nil {
				f, err = h.runFloor(ctx, w)
			}
		}
		if err != nil {
			return err
		}
		floors, cold = append(floors, f), append(cold, p)
		ratios = append(ratios, float64(p.Wall)/float64(f.Wall))
		fmt.Printf("  round %d: floor %s, pactwatch %s (%.2f×)\n", r+1, ms(f.Wall), ms(p.Wall), ratios[r])
	}
	h.rep.add("w1", "poll summary (pactwatch's stderr)", summary)
	h.rep.add("w1", "floor: wall / CPU / peak RSS (median)", usageLine(floors))
	h.rep.add("w1", "pactwatch cold poll: wall / CPU / peak RSS (median)", usageLine(cold))
	h.rep.add("w1", "wall of each round", "floor "+list(floors, wallOf)+"; pactwatch "+list(cold, wallOf))
	ratio := median(ratios)
	h.rep.judge("w1", "cold poll cycle ÷ floor (median of rounds)", fmt.Sprintf("%.2f× (rounds: %s)", ratio, list(ratios, times)), "≤ 1.3×", ratio <= 1.3)
	cpuRatio := float64(median(cpuTimes(cold))) / float64(median(cpuTimes(floors)))
	h.rep.add("w1", "cold poll CPU ÷ floor CPU", fmt.Sprintf("%.2f×", cpuRatio))
	rss := median(rssOf(cold))
	h.rep.judge("w1", "cold poll peak RSS (median)", mb(rss), "≤ 150 MB", rss <= 150<<20)
	if size, err := dbSize(filepath.Join(filepath.Dir(coldCfg), "pactwatch.db")); err == nil && w.items > 0 {
		h.rep.add("w1", "database after the cold poll (with each item's text)",
			fmt.Sprintf("%s, %d bytes an item", mb(size), size/int64(w.items)))
	}

	if !o.workloads["w2"] {
		return nil
	}
	fmt.Println("\nw2: polling the same feeds again (all unchanged)…")
	var warm []usage
	var full, notMod int64
	for range o.repeat {
		w.farm.Reset()
		u, _, err := measure(ctx, processLimit, benchEnv(), h.pactwatch, "poll", "--config", coldCfg)
		if err != nil {
			return err
		}
		warm = append(warm, u)
		f, n := w.farm.Counts()
		full, notMod = full+f, notMod+n
	}
	wall := median(wallTimes(warm))
	h.rep.add("w2", "warm poll: wall / CPU / peak RSS (median)", usageLine(warm))
	h.rep.judge("w2", "warm poll cycle (median)", fmt.Sprintf("%s (rounds: %s)", secs(wall), list(warm, wallOf)), "≤ 2 s", wall <= 2*time.Second)
	h.rep.judge("w2", "feeds served in full (parsed) over all warm polls",
		fmt.Sprintf("%d full, %d not modified (of %d requests)", full, notMod, int64(o.repeat*o.feeds)), "0 full", full == 0)
	return nil
}

// runFloor measures the floor over every feed of the farm.
func (h *harness) runFloor(ctx context.Context, w *world) (usage, error) {
	w.farm.Reset()
	u, _, err := measure(ctx, processLimit, benchEnv(), h.floor, "-concurrency", "8", w.urlsFile)
	if err != nil {
		return u, err
	}
	if full, _ := w.farm.Counts(); full != int64(h.o.feeds) {
		return u, fmt.Errorf("the floor fetched %d feeds in full, want %d", full, h.o.feeds)
	}
	return u, nil
}

// summaryLine is pactwatch poll's last words: feeds, items and alerts.
var summaryLine = regexp.MustCompile(`polled \d+ feeds.*`)

// coldPoll measures pactwatch's first poll of every feed, on a new
// database, and returns its config for the warm polls.
func (h *harness) coldPoll(ctx context.Context, w *world, round int) (usage, string, string, error) {
	cfg, err := w.writeConfig(filepath.Join(h.dir, fmt.Sprintf("cold%d", round)), "", w.agreements)
	if err != nil {
		return usage{}, "", "", err
	}
	w.farm.Reset()
	u, stderr, err := measure(ctx, processLimit, benchEnv(), h.pactwatch, "poll", "--config", cfg)
	if err != nil {
		return u, "", "", err
	}
	if full, _ := w.farm.Counts(); full != int64(h.o.feeds) {
		return u, "", "", fmt.Errorf("pactwatch fetched %d feeds in full, want %d:\n%s", full, h.o.feeds, tail(stderr, 2000))
	}
	return u, cfg, summaryLine.FindString(stderr), nil
}

// dbSize is the size of a SQLite database on disk: its file and its
// write-ahead log.
func dbSize(path string) (int64, error) {
	var total int64
	for _, p := range []string{path, path + "-wal"} {
		info, err := os.Stat(p)
		if err != nil {
			if p == path {
				return 0, err
			}
			continue
		}
		total += info.Size()
	}
	return total, nil
}

func usageLine(us []usage) string {
	return fmt.Sprintf("%s / %s / %s", ms(median(wallTimes(us))), ms(median(cpuTimes(us))), mb(median(rssOf(us))))
}

func wallOf(u usage) string { return ms(u.Wall) }

func times(r float64) string { return fmt.Sprintf("%.2f", r) }

func wallTimes(us []usage) []time.Duration {
	out := make([]time.Duration, len(us))
	for i, u := range us {
		out[i] = u.Wall
	}
	return out
}

func cpuTimes(us []usage) []time.Duration {
	out := make([]time.Duration, len(us))
	for i, u := range us {
		out[i] = u.CPU()
	}
	return out
}

func rssOf(us []usage) []int64 {
	out := make([]int64, len(us))
	for i, u := range us {
		out[i] = u.MaxRSS
	}
	return out
}
