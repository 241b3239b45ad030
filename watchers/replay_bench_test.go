package watchers

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// BenchmarkReplayNewWatch is the replay of one new watch over 10,000
// stored items (with their text), one in twenty of them about it: what
// adding a watch to a config costs when it loads (the target:
// under 2 s). Each iteration clears what the previous one judged and
// judges everything again, as a changed watch would be.
func BenchmarkReplayNewWatch(b *testing.B) {
	const stored, every = 10000, 20
	p, agreements := benchPlan(b, 50)
	items := benchNews(b, stored, every, agreements[:1]) // all the news is about the first agreement
	ctx := context.Background()
	store, err := storage.Open(ctx, filepath.Join(b.TempDir(), "pw.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	rows := make([]storage.Item, len(items))
	for i := range items {
		it := &items[i]
		rows[i] = storage.Item{FeedID: p.cfg.Feeds[0].ID, Key: it.Key, GUID: it.GUID, Link: it.Link, Title: it.Title,
			Published: it.Published, FirstSeen: time.Now(),
			Body: storage.EncodeText(storage.ItemText{Summary: it.Summary, Content: it.Content, Categories: it.Categories})}
	}
	if err := store.InTx(ctx, func(tx *storage.Tx) error { _, err := tx.InsertSeen(rows); return err }); err != nil {
		b.Fatal(err)
	}
	w := New(p.cfg, store, Options{})
	t := p.all[0]
	var got []Replayed
	b.ResetTimer()
	cpu := processCPU()
	for b.Loop() {
		if got, err = w.replay(ctx, p, []*tracked{t}, map[string]bool{t.ID: true}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, processCPU()-cpu, stored)
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/replay")
	b.ReportMetric(float64(got[0].Items), "mentions")
	if got[0].Items < stored/every/2 {
		b.Fatalf("the watch mentions %d of the %d items about it: the benchmark measures little", got[0].Items, stored/every)
	}
}
