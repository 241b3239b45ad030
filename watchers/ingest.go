package watchers

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
	"github.com/pactwatch/pactwatch/watchers/feed"
	"github.com/pactwatch/pactwatch/watchers/query"
)

// errSeen says an item was already recorded, by another process since it
// was prepared.
var errSeen = errors.New("item already seen")

// record records one new item that matched agreements, inside tx: first
// seen, its story, its mentions, the status changes it proves and the
// alerts they cause. It returns the number of alerts enqueued, or errSeen,
// having written nothing, when the item turns out not to be new.
// Items published before cutoff are remembered (and may move a status) but
// raise no alert.
func (w *Watcher) record(tx *storage.Tx, p *plan, f *fresh, cutoff time.Time) (int, error) {
	it := f.it
	row := &storage.Item{FeedID: f.fe.feed.ID, Key: it.Key, GUID: it.GUID, Link: it.Link, Title: it.Title,
		Published: it.Published}
	ok, err := tx.InsertItem(row)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, errSeen
	}
	storyID, newStory, err := tx.Story(it.Link, TitleKey(it.Title), it.Published)
	if err != nil {
		return 0, err
	}
	if err := tx.SetItemStory(row.ID, storyID); err != nil {
		return 0, err
	}
	quiet := !cutoff.IsZero() && (it.Published.IsZero() || it.Published.Before(cutoff))
	alerts := 0
	for _, t := range f.matched {
		n, err := w.recordMention(tx, p, t, f.fe.feed, it, row, storyID, newStory, f.dets[t.ID], quiet)
		if err != nil {
			return 0, fmt.Errorf("agreement %s: %w", t.ID, err)
		}
		alerts += n
	}
	return alerts, nil
}

// matchAll returns the agreements of readers whose match query the
// document satisfies, in config order. readers are agreements of one plan,
// in config order, as plan.byFeed and plan.all hold them: only the
// candidates of the plan's index are evaluated.
func matchAll(readers []*tracked, doc *query.Document) []*tracked {
	if len(readers) == 0 {
		return nil
	}
	ix := readers[0].index
	var out []*tracked
	if ix == nil { // not made by newPlan: evaluate every query
		for _, t := range readers {
			if t.Query.Match(doc) {
				out = append(out, t)
			}
		}
		return out
	}
	var buf [64]int32
	for _, i := range ix.candidates(doc, buf[:0]) {
		t := ix.all[i]
		if len(readers) < len(ix.all) && !amongReaders(readers, t) {
			continue
		}
		if t.Query.Match(doc) {
			out = append(out, t)
		}
	}
	return out
}

// amongReaders reports whether t is one of readers, which are in config order.
func amongReaders(readers []*tracked, t *tracked) bool {
	_, ok := slices.BinarySearchFunc(readers, t.pos, func(r *tracked, pos int) int { return r.pos - pos })
	return ok
}

// newDocument prepares an item's text for matching: the title, then summary,
// content and categories as separate fields, so that no phrase or NEAR
// spans two of them.
func newDocument(it *feed.Item) *query.Document {
	return buildDocument(new(query.Builder), it)
}

// buildDocument is newDocument with b's memory: the document is good until
// b builds the next one.
func buildDocument(b *query.Builder, it *feed.Item) *query.Document {
	return b.Build(it.Title, it.Summary, it.Content, strings.Join(it.Categories, " · "))
}

// builders keeps query.Builders for matching items one after another.
var builders = sync.Pool{New: func() any { return new(query.Builder) }}

// recordMention handles one agreement that the item matched.
func (w *Watcher) recordMention(tx *storage.Tx, p *plan, t *tracked, f *config.Feed, it *feed.Item, row *storage.Item,
	storyID int64, newStory bool, det *detection, quiet bool) (int, error) {
	if err := tx.AddMention(t.ID, row.ID, evidenceTime(it, tx.Now()), det.Status); err != nil {
		return 0, err
	}
	state, err := tx.AgreementState(t.ID)
	if err != nil {
		if err := tx.EnsureAgreement(t.ID, t.Status); err != nil {
			return 0, err
		}
		if state, err = tx.AgreementState(t.ID); err != nil {
			return 0, err
		}
	}
	ref := &storage.ItemRef{GUID: it.GUID, Link: it.Link, Title: it.Title, Feed: f.ID, Published: it.Published}
	moved := false
	if det.Status != "" && det.Status != state.Status {
		c := &storage.Change{AgreementID: t.ID, EffectiveAt: evidenceTime(it, tx.Now()), Status: det.Status,
			Source: storage.SourceDetected, ItemGUID: it.GUID, FeedID: f.ID, Link: it.Link, Title: it.Title,
			Sentence: det.Sentence, Rule: det.Rule}
		if c.EffectiveAt.Before(state.EvidenceAt) {
			// Older news than what set the current status: keep it in the
			// history (forecasts are judged on it) but do not move back.
			err = tx.RecordEvidence(c)
		} else {
			err = tx.SetStatus(c)
			moved = true
		}
		if err != nil {
			return 0, err
		}
	}
	if quiet {
		return 0, nil
	}
	a := &storage.Alert{Agreement: t.ID, AgreementName: t.Name, Channel: channelFor(p.cfg, t.Agreement),
		Status: state.Status, DetectedStatus: det.Status, Item: ref, Summary: summary(it),
		Sentence: det.Sentence, Rule: det.Rule}
	if moved {
		a.Status, a.PreviousStatus = det.Status, state.Status
	}
	storyKey := fmt.Sprintf("story:%d:%s", storyID, t.ID)
	if !newStory { // a new story has no alert yet
		parent, err := tx.AlertRefByDedupeKey(storyKey)
		if err == nil {
			// A later source of a story already alerted: a reply in its thread.
			a.Kind, a.ParentSeq, a.Channel = storage.KindSourceAdded, parent.Seq, parent.Channel
			ok, err := tx.Enqueue(a)
			return b2i(ok), err
		}
		if !errors.Is(err, storage.ErrNotFound) {
			return 0, err
		}
	}
	a.DedupeKey = storyKey
	switch {
	case moved:
		a.Kind = storage.KindStatusChange
	default:
		until, err := tx.MutedUntil(t.ID, tx.Now())
		if err != nil {
			return 0, err
		}
		if !until.IsZero() || t.Mentions == config.MentionsOff {
			return 0, nil
		}
		a.Kind = storage.KindMention
		a.Hold = t.Mentions == config.MentionsDigest // for the channel's digest
	}
	ok, err := tx.Enqueue(a)
	return b2i(ok), err
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// evidenceTime is when an item's news happened: its publication time, or
// when pactwatch first saw it.
func evidenceTime(it *feed.Item, seen time.Time) time.Time {
	if it.Published.IsZero() {
		return seen
	}
	return it.Published
}

// channelFor is where an agreement's alerts go.
func channelFor(cfg *config.Config, a *config.Agreement) string {
	if a.Channel != "" {
		return a.Channel
	}
	return cfg.Slack.Channel
}

// TitleKey normalises a title for recognising the same story under another
// link. Titles of fewer than four words ("Morning brief") are too generic to
// identify a story.
func TitleKey(title string) string {
	toks := query.Tokenize(title)
	if len(toks) < 4 {
		return ""
	}
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Text
	}
	return strings.Join(words, " ")
}

// cut shortens s to at most max bytes, at a space where there is one in
// the second half, never inside a character, marking the cut with "…".
func cut(s string, max int) string {
	if len(s) <= max {
		return s
	}
	i := strings.LastIndexByte(s[:max], ' ')
	if i < max/2 {
		for i = max; i > 0 && !utf8.RuneStart(s[i]); i-- {
		}
	}
	return strings.TrimRight(s[:i], " ,;:") + "…"
}

// summary is a short extract of the item for the alert.
func summary(it *feed.Item) string {
	s := it.Summary
	if s == "" {
		s = it.Content
	}
	return cut(s, 600)
}
