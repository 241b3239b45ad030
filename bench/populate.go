package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/pactwatch/pactwatch/bench/gen"
	"github.com/pactwatch/pactwatch/storage"
	"github.com/pactwatch/pactwatch/watchers"
	"github.com/pactwatch/pactwatch/watchers/query"
)

// History shapes the large database: what share of stored items mention an
// agreement, how often a mention moved a status, and how many items a
// transaction writes.
const (
	mentionEvery = 10  // one stored item in ten mentions an agreement
	statusEvery  = 200 // one mention in two hundred changed a status
	populateTx   = 5000
	historySpan  = 3 * 365 * 24 * time.Hour
)

// populated is what populate wrote.
type populated struct {
	items, mentions, changes, alerts int
	took                             time.Duration
	size                             int64 // the database file and its WAL, after a checkpoint
}

// populate writes n items of history into the database at path, as years
// of polls would have: each item with its story, one in mentionEvery
// mentioning an agreement (popular agreements far more often than others,
// Zipf-like) with a delivered alert, some moving a status; and the farm's
// validators for every feed, so that the daemon's first round finds them
// unchanged. It goes straight through storage, in large transactions.
func populate(ctx context.Context, path string, n, feeds int, agreements []gen.Agreement, w *world, seed uint64) (populated, error) {
	start := time.Now()
	now := time.Now().UTC()
	store, err := storage.Open(ctx, path, storage.WithClock(func() time.Time { return now }))
	if err != nil {
		return populated{}, err
	}
	defer store.Close()
	var p populated
	err = store.InTx(ctx, func(tx *storage.Tx) error {
		for _, a := range agreements {
			if err := tx.EnsureAgreement(a.ID, initialStatus(a.Kind.Name), time.Time{}); err != nil {
				return err
			}
		}
		for i := range feeds {
			st := storage.FeedState{ID: feedID(i), ETag: w.farm.ETag(i), LastModified: w.farm.LastModified(),
				FirstPolledAt: now.Add(-historySpan), LastPolledAt: now.Add(-time.Hour), LastSuccessAt: now.Add(-time.Hour),
				ItemsSeen: n / feeds}
			if err := tx.SaveFeedState(st); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return p, err
	}
	r := rand.New(rand.NewPCG(seed, 99))
	zipf := rand.NewZipf(r, 1.2, 8, uint64(len(agreements)-1))
	news := gen.NewNews(seed + 7)
	var delivered []int64
	for lo := 0; lo < n; lo += populateTx {
		if ctx.Err() != nil {
			return p, ctx.Err()
		}
		err := store.InTx(ctx, func(tx *storage.Tx) error {
			for i := lo; i < min(lo+populateTx, n); i++ {
				seq, err := historyItem(tx, &p, i, n, feeds, now, agreements, news, zipf)
				if err != nil {
					return err
				}
				if seq > 0 {
					delivered = append(delivered, seq)
				}
			}
			return nil
		})
		if err != nil {
			return p, err
		}
		if (lo/populateTx)%40 == 39 {
			fmt.Printf("  %d items stored (%s)\n", lo+populateTx, secs(time.Since(start)))
		}
	}
	for _, seq := range delivered {
		if err := store.MarkDelivered(ctx, seq, "C0POLICY", fmt.Sprintf("%d.000100", seq)); err != nil {
			return p, err
		}
	}
	p.took = time.Since(start)
	if err := store.Close(); err != nil {
		return p, err
	}
	p.size = fileSize(path) + fileSize(path+"-wal")
	return p, nil
}

// historyItem stores item i of n and what it caused, and returns the seq of
// its alert, if any.
func historyItem(tx *storage.Tx, p *populated, i, n, feeds int, now time.Time, agreements []gen.Agreement,
	news *gen.News, zipf *rand.Zipf) (int64, error) {
	var about *gen.Agreement
	if i%mentionEvery == 0 {
		about = &agreements[zipf.Uint64()]
	}
	f := i % feeds
	published := now.Add(-historySpan + time.Duration(i)*(historySpan/time.Duration(n)))
	title := news.Headline(about)
	it := &storage.Item{FeedID: feedID(f), Key: fmt.Sprintf("guid:feed%04d-hist%07d", f, i), GUID: fmt.Sprintf("feed%04d-hist%07d", f, i),
		Link:  fmt.Sprintf("https://news%04d.example/archive/%s/%s-%d", f, published.Format("2006/01"), headlineSlug(title), i),
		Title: title, Published: published, FirstSeen: published.Add(7 * time.Minute)}
	if _, err := tx.InsertItem(it); err != nil {
		return 0, err
	}
	p.items++
	story, _, err := tx.Story(it.Link, watchers.TitleKey(title), published)
	if err != nil {
		return 0, err
	}
	if err := tx.SetItemStory(it.ID, story); err != nil {
		return 0, err
	}
	if about == nil {
		return 0, nil
	}
	p.mentions++
	if err := tx.AddMention(about.ID, it.ID, published, ""); err != nil {
		return 0, err
	}
	if p.mentions%statusEvery == 0 {
		c := &storage.Change{AgreementID: about.ID, EffectiveAt: published, Status: laterStatus(about.Kind.Name, p.changes),
			Source: storage.SourceDetected, ItemGUID: it.GUID, FeedID: it.FeedID, Link: it.Link, Title: title,
			Sentence: title + ".", Rule: "signed OR inked"}
		if err := tx.SetStatus(c); err != nil {
			return 0, err
		}
		p.changes++
	}
	a := &storage.Alert{Kind: storage.KindMention, Agreement: about.ID, AgreementName: about.Name, Channel: "C0POLICY",
		DedupeKey: fmt.Sprintf("story:%d:%s", story, about.ID), Status: initialStatus(about.Kind.Name),
		Item:    &storage.ItemRef{GUID: it.GUID, Link: it.Link, Title: title, Feed: it.FeedID, Published: published},
		Summary: title + ". " + strings.Repeat("Officials said talks would continue. ", 4)}
	if _, err := tx.Enqueue(a); err != nil {
		return 0, err
	}
	p.alerts++
	return a.Seq, nil
}

// initialStatus is the first status of a kind's lifecycle.
func initialStatus(kind string) string {
	if kind == "working_group" {
		return "proposed"
	}
	return "rumored"
}

// laterStatus is a status an agreement of kind may move to, the k-th time.
func laterStatus(kind string, k int) string {
	list := []string{"negotiating", "announced", "signed", "stalled"}
	if kind == "working_group" {
		list = []string{"active", "stalled", "active", "suspended"}
	}
	return list[k%len(list)]
}

func headlineSlug(title string) string {
	toks := query.Tokenize(title)
	words := make([]string, 0, 6)
	for _, t := range toks[:min(6, len(toks))] {
		words = append(words, t.Text)
	}
	return strings.Join(words, "-")
}

func fileSize(path string) int64 {
	info, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return info.Size()
}
