package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pactwatch/pactwatch/storage"
	"github.com/pactwatch/pactwatch/watchers"
)

func cmdReplay(ctx context.Context, e *env, args []string) int {
	fs, c := newFlags(e, "replay", "", "Dry run: what judging the stored items again under the current config would change,\n"+
		"agreement by agreement (status, history, mentions). It judges a copy of the database:\n"+
		"stores and posts nothing, and holds no lock on the database a running pactwatch uses.\n"+
		"The daemon does this for real, silently, when a watch is added or its reading changes.")
	id := fs.String("agreement", "", "replay only the agreement with this `id` (default: every agreement)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(e.stderr, "pactwatch replay: unexpected arguments:", strings.Join(fs.Args(), " "))
		fs.Usage()
		return exitUsage
	}
	cfg, store, log, ok := c.open(ctx, e)
	if !ok {
		return exitFailed
	}
	defer store.Close()
	var ids []string
	if *id != "" {
		if _, ok := cfg.Agreement(*id); !ok {
			fmt.Fprintf(e.stderr, "pactwatch replay: no agreement %q in %s\n", *id, cfg.Path)
			return exitFailed
		}
		ids = []string{*id}
	} else {
		for _, a := range cfg.Agreements {
			ids = append(ids, a.ID)
		}
	}
	before, err := snapshots(ctx, store, ids)
	if err != nil {
		fmt.Fprintln(e.stderr, "pactwatch replay:", err)
		return exitFailed
	}
	dir, err := os.MkdirTemp("", "pactwatch-replay-")
	if err != nil {
		fmt.Fprintln(e.stderr, "pactwatch replay:", err)
		return exitFailed
	}
	defer os.RemoveAll(dir)
	copyPath := filepath.Join(dir, "replay.db")
	if err := store.Backup(ctx, copyPath); err != nil {
		fmt.Fprintln(e.stderr, "pactwatch replay:", err)
		return exitFailed
	}
	scratch, err := storage.Open(ctx, copyPath, storage.WithClock(e.now))
	if err != nil {
		fmt.Fprintln(e.stderr, "pactwatch replay:", err)
		return exitFailed
	}
	defer scratch.Close()
	start := time.Now()
	w := watchers.New(cfg, scratch, watchers.Options{Now: e.now, Log: log})
	replayed, err := w.Replay(ctx, ids...)
	if err != nil {
		fmt.Fprintln(e.stderr, "pactwatch replay:", err)
		return exitFailed
	}
	after, err := snapshots(ctx, scratch, ids)
	if err != nil {
		fmt.Fprintln(e.stderr, "pactwatch replay:", err)
		return exitFailed
	}
	stats, err := store.ItemStats(ctx)
	if err != nil {
		fmt.Fprintln(e.stderr, "pactwatch replay:", err)
		return exitFailed
	}
	changed := 0
	for i, r := range replayed {
		if printReplayed(e.stdout, r, before[i], after[i]) {
			changed++
		}
	}
	fmt.Fprintf(e.stdout, "%d of %d agreements would change; %d stored items read (%d with their text) in %s. Nothing was stored.\n",
		changed, len(replayed), stats.Items, stats.WithText, time.Since(start).Round(time.Millisecond))
	return exitOK
}

// snapshot is what a replay may change of one agreement.
type snapshot struct {
	known    bool
	status   string
	since    time.Time
	mentions int
	entries  map[string]storage.Change // history entries items set, by entryKey
}

func snapshots(ctx context.Context, s *storage.Store, ids []string) ([]snapshot, error) {
	out := make([]snapshot, len(ids))
	for i, id := range ids {
		st, err := s.AgreementState(ctx, id)
		if err != nil {
			if errors.Is(err, storage.ErrNotFound) {
				continue
			}
			return nil, err
		}
		h, err := s.History(ctx, id)
		if err != nil {
			return nil, err
		}
		n, err := s.MentionCount(ctx, id)
		if err != nil {
			return nil, err
		}
		sn := snapshot{known: true, status: st.Status, mentions: n, entries: map[string]storage.Change{}}
		if c, ok := storage.HeldSince(h, st.Status); ok {
			sn.since = c.EffectiveAt
		}
		for _, c := range h {
			if c.Source == storage.SourceDetected && !c.Retracted {
				sn.entries[entryKey(c)] = c
			}
		}
		out[i] = sn
	}
	return out, nil
}

func entryKey(c storage.Change) string {
	return fmt.Sprint(c.EffectiveAt.UnixMilli(), "\x00", c.Status, "\x00", c.Party, "\x00", c.FeedID, "\x00", c.ItemGUID)
}

// printReplayed writes what the replay of one agreement would change, and
// reports whether it would change anything.
func printReplayed(w io.Writer, r watchers.Replayed, before, after snapshot) bool {
	var added, removed []storage.Change
	for k, c := range after.entries {
		if _, ok := before.entries[k]; !ok {
			added = append(added, c)
		}
	}
	for k, c := range before.entries {
		if _, ok := after.entries[k]; !ok {
			removed = append(removed, c)
		}
	}
	statusMoves := before.status != after.status || !before.since.Equal(after.since)
	if before.known && !statusMoves && len(added) == 0 && len(removed) == 0 && before.mentions == after.mentions {
		fmt.Fprintf(w, "%s: unchanged (%s)\n", r.Agreement, held(after))
		return false
	}
	name := r.Agreement
	if !before.known {
		name += " (not yet in the database)"
	}
	fmt.Fprintf(w, "%s: status %s → %s; mentions %d → %d", name, held(before), held(after), before.mentions, after.mentions)
	if r.Untexted > 0 {
		fmt.Fprintf(w, " (%d stored before texts were kept: read by title only)", r.Untexted)
	}
	fmt.Fprintln(w)
	byTime := func(a, b storage.Change) int { return a.EffectiveAt.Compare(b.EffectiveAt) }
	slices.SortFunc(removed, byTime)
	slices.SortFunc(added, byTime)
	for _, c := range removed {
		fmt.Fprintf(w, "  - %s\n", entryLine(c))
	}
	for _, c := range added {
		fmt.Fprintf(w, "  + %s\n", entryLine(c))
	}
	return true
}

func held(s snapshot) string {
	if !s.known {
		return "(none)"
	}
	if s.since.IsZero() {
		return s.status + " from the start"
	}
	return s.status + " since " + s.since.Format("2 Jan 2006")
}

func entryLine(c storage.Change) string {
	s := c.EffectiveAt.Format("2006-01-02") + " " + c.Status
	if c.Party != "" {
		s += " (" + c.Party + ")"
	}
	if c.Title != "" {
		s += fmt.Sprintf(" %q", c.Title)
	}
	if c.FeedID != "" {
		s += " [" + c.FeedID + "]"
	}
	return s
}
