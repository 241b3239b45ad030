package watchers

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
	"github.com/pactwatch/pactwatch/watchers/claims"
	"github.com/pactwatch/pactwatch/watchers/feed"
	"github.com/pactwatch/pactwatch/watchers/query"
)

// Replayed is what judging the stored items again did to one agreement.
type Replayed struct {
	Agreement string
	New       bool // a watch the database had never judged (else its reading changed)
	Returned  bool // a watch back in the config after it was taken out: items stored meanwhile were not judged for it
	Items     int  // stored items that mention it
	Untexted  int  // of those, items stored before texts were kept: read by their title only
	Changes   int  // status history entries the items set (their agreement's or a party's)
	Status    string
	Since     time.Time // when Status began to hold (zero: from the start)
	Before    string    // the status before the replay; "" for a new watch
}

// String is the one line that tells admins what a replay found.
func (r Replayed) String() string {
	var b strings.Builder
	switch {
	case r.New:
		fmt.Fprintf(&b, "new watch %s: ", r.Agreement)
	case r.Returned:
		fmt.Fprintf(&b, "watch %s is back: ", r.Agreement)
	default:
		fmt.Fprintf(&b, "changed watch %s: ", r.Agreement)
	}
	switch r.Items {
	case 0:
		b.WriteString("no stored items")
	case 1:
		b.WriteString("1 stored item")
	default:
		fmt.Fprintf(&b, "%d stored items", r.Items)
	}
	if r.Untexted > 0 {
		fmt.Fprintf(&b, " (%d read by title only)", r.Untexted)
	}
	fmt.Fprintf(&b, ", status %s", r.Status)
	if !r.Since.IsZero() {
		fmt.Fprintf(&b, " since %s", r.Since.Format("2 Jan 2006"))
	}
	if r.Before != "" && r.Before != r.Status {
		fmt.Fprintf(&b, " (was %s)", r.Before)
	}
	return b.String()
}

// watchDigest is what judging an agreement's items depends on in the
// config: when it changes, the stored items are judged again.
func watchDigest(a *config.Agreement) string {
	h := sha256.New()
	field := func(s string) { // length-prefixed: no two lists write the same bytes
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	list := func(xs []string) {
		field(strconv.Itoa(len(xs)))
		for _, x := range xs {
			field(x)
		}
	}
	field("v1")
	field(a.Name)
	field(a.Kind)
	field(a.Match)
	list(a.Aliases)
	list(a.Parties)
	list(a.Feeds)
	field(strconv.Itoa(a.Corroborate))
	for _, r := range a.StatusRules {
		field(r.Status)
		field(r.Source)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// replayBatch is how many mentioning items one transaction of a replay
// records: the database stays writable for polls in between.
const replayBatch = 500

// Replay judges the stored items again for the agreements ids (every
// agreement of the config when none is named), as if each had been read
// by the current config from the start: their mentions, claims, party
// statuses and status history are rebuilt, silently (no alert), with the
// admins' decisions kept (a /pact set still holds from its time on, a
// reverted or dismissed item still claims nothing). A replay cut short
// leaves its agreements half judged, and runs again at the next load.
func (w *Watcher) Replay(ctx context.Context, ids ...string) ([]Replayed, error) {
	p := w.plan.Load()
	var targets []*tracked
	if len(ids) == 0 {
		targets = p.all
	}
	for _, id := range ids {
		t := p.find(id)
		if t == nil {
			return nil, fmt.Errorf("replay: no agreement %q in the config", id)
		}
		targets = append(targets, t)
	}
	w.judging.Lock()
	defer w.judging.Unlock()
	return w.replay(ctx, p, targets, nil)
}

// find returns the agreement of the plan with the id, or nil.
func (p *plan) find(id string) *tracked {
	for _, t := range p.all {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// replaying is one agreement's state during a replay.
type replaying struct {
	t      *tracked
	judged storage.Judged
	next   int // its first admin entry not yet applied
	out    Replayed
}

// replay does Replay's work for targets; isNew says which are new watches.
// The caller holds w.judging.
func (w *Watcher) replay(ctx context.Context, p *plan, targets []*tracked, isNew map[string]bool) ([]Replayed, error) {
	if len(targets) == 0 {
		return nil, nil
	}
	byID := make(map[string]*replaying, len(targets))
	all := make([]*replaying, len(targets))
	err := w.store.InTx(ctx, func(tx *storage.Tx) error {
		for i, t := range targets {
			r := &replaying{t: t, out: Replayed{Agreement: t.ID, New: isNew[t.ID]}}
			if err := tx.EnsureAgreement(t.ID, t.Status, t.Since); err != nil {
				return err
			}
			st, err := tx.AgreementState(t.ID)
			if err != nil {
				return err
			}
			if !r.out.New {
				r.out.Before = st.Status
			}
			if r.judged, err = tx.ClearJudged(t.ID); err != nil {
				return err
			}
			all[i], byID[t.ID] = r, r
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("replay: %w", err)
	}
	// Only these agreements are judged, but an item is read against every
	// agreement it matches, as a poll reads it: a sentence about another
	// tracked agreement does not lend it its status.
	var pending []replayItem
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		err := w.store.InTx(ctx, func(tx *storage.Tx) error {
			for _, ri := range pending {
				if err := w.recordReplayed(tx, p, ri); err != nil {
					return err
				}
			}
			return nil
		})
		pending = pending[:0]
		return err
	}
	b := builders.Get().(*query.Builder)
	defer builders.Put(b)
	err = w.store.ScanItems(ctx, func(si *storage.StoredItem) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		it := feed.Item{Key: si.Key, GUID: si.GUID, Link: si.Link, Title: si.Title, Summary: si.Text.Summary,
			Content: si.Text.Content, Categories: si.Text.Categories, Published: si.Published}
		readers := p.byFeed[si.FeedID]
		if readers == nil {
			readers = p.every // a feed no longer in the config: read by those that read every feed
		}
		doc := buildDocument(b, &it)
		var mine []*replaying
		matched := matchAll(readers, doc)
		for _, t := range matched {
			if r := byID[t.ID]; r != nil {
				mine = append(mine, r)
			}
		}
		if len(mine) == 0 {
			return nil
		}
		found, err := readClaims(&it, doc, matched)
		if err != nil {
			w.opts.Log.Error("claims not read in replay; the item counts as a mention", "err", err)
		}
		ri := replayItem{row: si.Item, it: it, hasText: si.HasText, found: found, agreements: mine}
		ri.row.Body = nil
		pending = append(pending, ri)
		if len(pending) >= replayBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return nil, fmt.Errorf("replay: %w", err)
	}
	err = w.store.InTx(ctx, func(tx *storage.Tx) error {
		digests := make(map[string]string, len(all))
		for _, r := range all {
			if err := applyAdmin(tx, r, time.Time{}); err != nil {
				return err
			}
			history, err := tx.History(r.t.ID)
			if err != nil {
				return err
			}
			st, err := tx.AgreementState(r.t.ID)
			if err != nil {
				return err
			}
			r.out.Status = st.Status
			for _, c := range history {
				if c.Source == storage.SourceDetected && !c.Retracted {
					r.out.Changes++
				}
			}
			if c, ok := storage.HeldSince(history, st.Status); ok {
				r.out.Since = c.EffectiveAt
			}
			digests[r.t.ID] = watchDigest(r.t.Agreement)
		}
		return tx.SetWatchDigests(digests)
	})
	if err != nil {
		return nil, fmt.Errorf("replay: %w", err)
	}
	out := make([]Replayed, len(all))
	for i, r := range all {
		out[i] = r.out
	}
	return out, nil
}

// replayItem is a stored item that mentions agreements being replayed,
// read and waiting to be recorded.
type replayItem struct {
	row        storage.Item
	it         feed.Item
	hasText    bool
	found      map[string]claims.Finding
	agreements []*replaying
}

// recordReplayed records what one stored item says of the agreements being
// replayed, as a poll records a new item published before its backfill
// window: mention, claims and status, no alert. The admins' entries dated
// before it are made current first.
func (w *Watcher) recordReplayed(tx *storage.Tx, p *plan, ri replayItem) error {
	at := evidenceTime(&ri.it, ri.row.FirstSeen)
	f, ok := p.cfg.Feed(ri.row.FeedID)
	if !ok {
		f = &config.Feed{ID: ri.row.FeedID}
	}
	for _, r := range ri.agreements {
		if err := applyAdmin(tx, r, at); err != nil {
			return err
		}
		fd := ri.found[r.t.ID]
		if r.judged.Rejected[storage.ItemKey(ri.row.FeedID, ri.row.GUID, ri.row.Link)] {
			fd = claims.Finding{} // an admin rejected its word: a mention only
		}
		row := ri.row
		if _, err := w.recordMention(tx, p, r.t, f, &ri.it, &row, row.StoryID, false, fd, true); err != nil {
			return fmt.Errorf("agreement %s: %w", r.t.ID, err)
		}
		r.out.Items++
		if !ri.hasText {
			r.out.Untexted++
		}
	}
	return nil
}

// applyAdmin makes current again the admin entries of r dated before at
// (all of them for the zero time), in order.
func applyAdmin(tx *storage.Tx, r *replaying, at time.Time) error {
	for ; r.next < len(r.judged.Admin); r.next++ {
		c := r.judged.Admin[r.next]
		if !at.IsZero() && !c.EffectiveAt.Before(at) {
			return nil
		}
		if err := tx.MakeCurrent(c); err != nil {
			return err
		}
	}
	return nil
}
