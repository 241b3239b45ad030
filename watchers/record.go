package watchers

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
	"github.com/pactwatch/pactwatch/watchers/claims"
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
		Published: it.Published, Body: f.body}
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
		n, err := w.recordMention(tx, p, t, f.fe.feed, it, row, storyID, newStory, f.found[t.ID], quiet)
		if err != nil {
			return 0, fmt.Errorf("agreement %s: %w", t.ID, err)
		}
		alerts += n
	}
	return alerts, nil
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

// recordMention handles one agreement that the item matched: its mention,
// what it does to the status (decide), and the one alert it gives: a
// status_change when it moved the status (always top-level), else a
// mention, or a thread reply when its story or event already has an alert.
func (w *Watcher) recordMention(tx *storage.Tx, p *plan, t *tracked, f *config.Feed, it *feed.Item, row *storage.Item,
	storyID int64, newStory bool, fd claims.Finding, quiet bool) (int, error) {
	at := evidenceTime(it, tx.Now())
	state, err := tx.AgreementState(t.ID)
	if err != nil {
		if err := tx.EnsureAgreement(t.ID, t.Status, t.Since); err != nil {
			return 0, err
		}
		if state, err = tx.AgreementState(t.ID); err != nil {
			return 0, err
		}
	}
	d, err := decide(tx, t, it, f, row.ID, fd, state, at)
	if err != nil {
		return 0, err
	}
	if err := tx.AddMention(t.ID, row.ID, at, d.status()); err != nil {
		return 0, err
	}
	if quiet {
		return 0, nil
	}
	proposed, err := w.proposeForecasts(tx, p, t, f, it, fd, at)
	if err != nil {
		return 0, err
	}
	n, err := w.alertMention(tx, p, t, f, it, row, storyID, newStory, state, d, at)
	return n + proposed, err
}

// alertMention enqueues the one alert an item gives for an agreement.
func (w *Watcher) alertMention(tx *storage.Tx, p *plan, t *tracked, f *config.Feed, it *feed.Item, row *storage.Item,
	storyID int64, newStory bool, state storage.AgreementState, d decision, at time.Time) (int, error) {
	detected := d.status()
	ref := &storage.ItemRef{GUID: it.GUID, Link: it.Link, Title: it.Title, Feed: f.ID, Published: it.Published}
	a := &storage.Alert{Agreement: t.ID, AgreementName: t.Name, Channel: channelFor(p.cfg, t.Agreement),
		Status: state.Status, Item: ref, Summary: summary(it), Confidence: d.confidence, Sources: d.sources, Note: d.note}
	if c := d.claim; c != nil {
		a.DetectedStatus, a.Party, a.Sentence, a.Rule = c.Status, c.Party, c.Sentence, c.Rule
	}
	sk := sketch(a.Summary)
	if !d.news && !d.moved {
		a.DetectedStatus = detected // only confirms the status held
	}
	storyKey := fmt.Sprintf("story:%d:%s", storyID, t.ID)
	var event storage.Event
	inEvent := false
	if !newStory { // a new story has no alert yet; an alerted one is the event
		parent, err := tx.AlertRefByDedupeKey(storyKey)
		switch {
		case err == nil:
			event, inEvent = storage.Event{Alert: parent}, true
		case !errors.Is(err, storage.ErrNotFound):
			return 0, err
		}
	}
	words := t.reader.EventWords(it.Title + " " + a.Summary)
	if !inEvent {
		var err error
		if event, inEvent, err = findEvent(tx, t.ID, a, d, at, sk, words); err != nil {
			return 0, err
		}
	}
	if d.moved {
		// A status change is never only a thread reply: a change to an event
		// already alerted goes in its thread and to the channel too.
		a.Kind, a.PreviousStatus = storage.KindStatusChange, d.previous
		if a.Party == "" {
			a.Status = a.DetectedStatus
			if d.note != "" {
				a.Status = state.Last.Previous
			}
		}
		if inEvent {
			a.ParentSeq, a.Channel, a.Broadcast = event.Alert.Seq, event.Alert.Channel, true
		}
		a.DedupeKey = fmt.Sprintf("item:%d:%s", row.ID, t.ID)
		ok, err := tx.Enqueue(a)
		if err != nil || !ok || inEvent {
			return b2i(ok), err
		}
		return 1, w.openEvent(tx, t, a, at, d.strong, sk, words)
	}
	if inEvent {
		return w.reply(tx, a, event.Alert)
	}
	until, err := tx.MutedUntil(t.ID, tx.Now())
	if err != nil {
		return 0, err
	}
	if !until.IsZero() || t.Mentions == config.MentionsOff {
		return 0, nil
	}
	a.Kind, a.DedupeKey = storage.KindMention, storyKey
	a.Hold = t.Mentions == config.MentionsDigest // for the channel's digest
	ok, err := tx.Enqueue(a)
	if err != nil || !ok {
		return b2i(ok), err
	}
	return 1, w.openEvent(tx, t, a, at, d.strong, sk, words)
}

// reply enqueues a as a later source of an event or story already alerted:
// a reply in the thread of parent, "also reported by".
func (w *Watcher) reply(tx *storage.Tx, a *storage.Alert, parent storage.AlertRef) (int, error) {
	a.Kind, a.ParentSeq, a.Channel = storage.KindSourceAdded, parent.Seq, parent.Channel
	ok, err := tx.Enqueue(a)
	return b2i(ok), err
}

// openEvent records the top-level alert a just enqueued as the one that
// tells its event, so that later reports of the same claim (when a strong
// claim says it) or copies of the same text reply to it.
func (w *Watcher) openEvent(tx *storage.Tx, t *tracked, a *storage.Alert, at time.Time, strong bool, sk uint64, words []string) error {
	status := a.DetectedStatus
	if !strong || a.Note != "" {
		status = ""
	}
	return tx.AddEvent(&storage.Event{AgreementID: t.ID, Status: status, Party: a.Party, At: at,
		Alert: storage.AlertRef{Seq: a.Seq, Channel: a.Channel}, Sketch: sk, Words: words})
}

// proposeForecasts records the forecasts an item states about an agreement
// ("expected to be signed in the first half of 2015"), each once, and
// enqueues a forecast_proposed alert for each new one: admins accept or
// dismiss it. A postponement ("postponed until …") moves an accepted
// forecast instead, with a forecast_slipped alert.
func (w *Watcher) proposeForecasts(tx *storage.Tx, p *plan, t *tracked, f *config.Feed, it *feed.Item,
	fd claims.Finding, at time.Time) (int, error) {
	n := 0
	for _, c := range fd.Forecasts {
		dueAt, err := config.ParseDue(c.Due, p.cfg.Timezone)
		if err != nil {
			continue // not a period config can read: nothing to judge it on
		}
		if c.Slip {
			ok, err := w.slipForecast(tx, p, t, f, it, c, dueAt, at)
			if err != nil {
				return n, err
			}
			if ok {
				n++
				continue
			}
			// Nothing accepted to move: a forecast of the new period.
		}
		fc := &storage.Forecast{AgreementID: t.ID, DoneWhen: c.Status, Due: c.Due, DueAt: dueAt,
			Source: sourceHost(it.Link, f.ID), Made: at, ItemGUID: it.GUID, FeedID: f.ID, Link: it.Link, Title: it.Title,
			Sentence: c.Sentence}
		ok, err := tx.ProposeForecast(fc)
		if err != nil || !ok {
			if err != nil {
				return n, err
			}
			continue
		}
		a := &storage.Alert{Kind: storage.KindForecastProposed, DedupeKey: fmt.Sprintf("forecast:%d", fc.ID),
			Agreement: t.ID, AgreementName: t.Name, Channel: channelFor(p.cfg, t.Agreement),
			Sentence: c.Sentence, Summary: c.DueWords,
			Item:     &storage.ItemRef{GUID: it.GUID, Link: it.Link, Title: it.Title, Feed: f.ID, Published: it.Published},
			Forecast: &storage.ForecastRef{What: c.Status, Due: c.Due, DueAt: dueAt, Source: fc.Source, Made: at, ID: fc.ID}}
		if st, err := tx.AgreementState(t.ID); err == nil {
			a.Status = st.Status
		}
		ok, err = tx.Enqueue(a)
		if err != nil {
			return n, err
		}
		n += b2i(ok)
	}
	return n, nil
}

// slipForecast moves an accepted forecast of the claim's status to the
// later period a postponement gives, and enqueues its forecast_slipped
// alert; false when no accepted forecast is due before it.
func (w *Watcher) slipForecast(tx *storage.Tx, p *plan, t *tracked, f *config.Feed, it *feed.Item, c claims.Claim,
	dueAt, at time.Time) (bool, error) {
	fc, from, ok, err := tx.SlipForecast(t.ID, c.Status, c.Due, dueAt, at)
	if err != nil || !ok {
		return false, err
	}
	a := &storage.Alert{Kind: storage.KindForecastSlipped, DedupeKey: fmt.Sprintf("forecast_slipped:%d:%s", fc.ID, fc.Due),
		Agreement: t.ID, AgreementName: t.Name, Channel: channelFor(p.cfg, t.Agreement),
		Sentence: c.Sentence, Summary: c.DueWords,
		Item: &storage.ItemRef{GUID: it.GUID, Link: it.Link, Title: it.Title, Feed: f.ID, Published: it.Published},
		Forecast: &storage.ForecastRef{What: fc.DoneWhen, Due: fc.Due, DueAt: fc.DueAt, Source: fc.Source, Made: fc.Made,
			ID: fc.ID, From: from}}
	if st, err := tx.AgreementState(t.ID); err == nil {
		a.Status = st.Status
	}
	w.opts.Log.Info("forecast slipped", "agreement", t.ID, "forecast", fc.ID, "from", from, "to", fc.Due)
	_, err = tx.Enqueue(a)
	return true, err
}
