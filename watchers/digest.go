package watchers

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/robfig/cron/v3"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// Bounds of one digest part, so that Slack takes it whole: at most
// digestStories stories, and about digestChars characters of titles and
// links (a message holds ~12,000 characters of text).
const (
	digestStories = 40
	digestChars   = 9000
	// digestTitle is the longest title a digest line shows.
	digestTitle  = 150
	maxLinkShown = 1500 // longer links are not made links
)

// GatherDigests gathers each channel's held mentions into its digest, in
// the transaction that marks them gathered: the digest is enqueued like
// any alert (delivered once), and a mention is in exactly one digest. A
// long digest is several parts, the first posted in the channel and the
// others in its thread. It returns how many messages were enqueued.
func (w *Watcher) GatherDigests(ctx context.Context) (int, error) {
	return w.gatherDigests(ctx, false)
}

// GatherDueDigests gathers digests when a time of digest.schedule passed
// since they were last gathered: a run missed while pactwatch was down, or
// every run for `pactwatch poll` started by the system's cron. The first
// call only starts the clock. Without a digest section it does nothing.
func (w *Watcher) GatherDueDigests(ctx context.Context) (int, error) {
	return w.gatherDigests(ctx, true)
}

func (w *Watcher) gatherDigests(ctx context.Context, onlyIfDue bool) (int, error) {
	now := w.opts.Now()
	var sched cron.Schedule
	if onlyIfDue {
		d := w.Config().Digest
		if d == nil {
			return 0, nil
		}
		var err error
		if sched, err = config.ParseSchedule(d.Schedule); err != nil {
			return 0, err
		}
	}
	enqueued := 0
	err := w.store.InTx(ctx, func(tx *storage.Tx) error {
		enqueued = 0
		last, ok, err := tx.LastDigest()
		if err != nil {
			return err
		}
		if onlyIfDue && (!ok || sched.Next(last.In(w.Config().Timezone)).After(now)) {
			if !ok {
				return tx.SetLastDigest(now)
			}
			return nil
		}
		if err := tx.SetLastDigest(now); err != nil {
			return err
		}
		held, err := tx.Held()
		if err != nil {
			return err
		}
		channels := make([]string, 0, len(held))
		for ch := range held {
			channels = append(channels, ch)
		}
		slices.Sort(channels)
		for _, ch := range channels {
			list := held[ch]
			parts := digestParts(list, now)
			var first int64
			for i, d := range parts {
				a := &storage.Alert{Kind: storage.KindDigest, Channel: ch, Digest: d, ParentSeq: first,
					DedupeKey: fmt.Sprintf("digest:%s:%d:%d", ch, now.UnixMilli(), i+1)}
				ok, err := tx.Enqueue(a)
				if err != nil {
					return err
				}
				if !ok {
					return fmt.Errorf("digest for %q at %v enqueued twice", ch, now)
				}
				if i == 0 {
					first = a.Seq
				}
				enqueued++
			}
			// first is 0 when nothing held was worth a line: they are
			// marked gathered into no digest, and not held forever.
			seqs := make([]int64, len(list))
			for i, a := range list {
				seqs[i] = a.Seq
			}
			if err := tx.MarkDigested(seqs, first); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("gather digests: %w", err)
	}
	if enqueued > 0 {
		w.wake()
	}
	return enqueued, nil
}

// titleSize is how long a headline is in a digest line: escaped (& < >
// grow), cut to digestTitle and an ellipsis.
func titleSize(title string) int {
	n := utf8.RuneCountInString(title) + 4*strings.Count(title, "&") + 3*strings.Count(title, "<") + 3*strings.Count(title, ">")
	return min(n, digestTitle+1)
}

// linkSize is how long a link is in a Slack message: & becomes &amp; and
// | < > space are percent-encoded; a link longer than maxLinkShown is left
// out (the headline stays).
func linkSize(link string) int {
	n := len(link) + 4*strings.Count(link, "&") + 2*strings.Count(link, "|") + 2*strings.Count(link, "<") +
		2*strings.Count(link, ">") + 2*strings.Count(link, " ")
	if n > maxLinkShown {
		return 0
	}
	return n
}

// digestParts groups a channel's held alerts (oldest first) into digest
// parts: by agreement, the busiest first; in each, events (stories several
// outlets carried) first, most outlets first, then the rest, newest first.
// Held alerts with no story to show give no part.
func digestParts(held []storage.Alert, now time.Time) []*storage.DigestRef {
	type story struct {
		storage.DigestStory
		at time.Time
	}
	type group struct {
		storage.DigestGroup
		stories []*story
	}
	bySeq := map[int64]*story{}
	byAgreement := map[string]*group{}
	var groups []*group
	from := now
	for _, a := range held {
		if a.CreatedAt.Before(from) {
			from = a.CreatedAt
		}
		if s, ok := bySeq[a.ParentSeq]; ok && a.ParentSeq != 0 {
			s.Outlets++ // another outlet of a held story
			continue
		}
		if a.Item == nil {
			continue
		}
		g := byAgreement[a.Agreement]
		if g == nil {
			g = &group{DigestGroup: storage.DigestGroup{Agreement: a.Agreement, AgreementName: a.AgreementName}}
			byAgreement[a.Agreement] = g
			groups = append(groups, g)
		}
		g.Status = a.Status // the latest known
		at := a.Item.Published
		if at.IsZero() {
			at = a.CreatedAt
		}
		s := &story{DigestStory: storage.DigestStory{Item: *a.Item, Outlets: 1}, at: at}
		if a.DetectedStatus != a.Status {
			s.Possible = a.DetectedStatus
		}
		bySeq[a.Seq] = s
		g.stories = append(g.stories, s)
	}
	total := 0
	for _, g := range groups {
		slices.SortStableFunc(g.stories, func(x, y *story) int {
			return cmp.Or(cmp.Compare(y.Outlets, x.Outlets), y.at.Compare(x.at))
		})
		total += len(g.stories)
	}
	slices.SortStableFunc(groups, func(x, y *group) int {
		return cmp.Or(cmp.Compare(len(y.stories), len(x.stories)), cmp.Compare(x.AgreementName, y.AgreementName))
	})
	var parts []*storage.DigestRef
	cur := &storage.DigestRef{}
	stories, chars := 0, 0
	for _, g := range groups {
		var open *storage.DigestGroup
		for _, s := range g.stories {
			// What its line takes in Slack at most: the title (cut to
			// digestTitle once escaped), the link as escaped, the
			// publication's name, a date token and the markers.
			size := titleSize(s.Item.Title) + 250 + linkSize(s.Item.Link)
			if stories > 0 && (stories+1 > digestStories || chars+size > digestChars) {
				parts = append(parts, cur)
				cur, stories, chars, open = &storage.DigestRef{}, 0, 0, nil
			}
			if open == nil {
				cur.Groups = append(cur.Groups, storage.DigestGroup{Agreement: g.Agreement, AgreementName: g.AgreementName,
					Status: g.Status, Total: len(g.stories)})
				open = &cur.Groups[len(cur.Groups)-1]
				chars += 250
			}
			open.Stories = append(open.Stories, s.DigestStory)
			stories++
			chars += size
		}
	}
	if stories > 0 {
		parts = append(parts, cur)
	}
	for i, p := range parts {
		p.From, p.To, p.Part, p.Parts, p.Total = from, now, i+1, len(parts), total
	}
	return parts
}
