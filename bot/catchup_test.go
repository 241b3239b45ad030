package bot

import (
	"path/filepath"
	"testing"

	"github.com/pactwatch/pactwatch/storage"
)

// After the database is restored from a copy older than what Slack got,
// the alerts posted since are found in Slack instead of posted again: the
// one the copy holds as pending by its id, the one the copy lacks (made
// again by the news, from its other feed first) by what it is about, a
// thread reply likewise in its thread. New alerts are posted.
func TestRestoredDatabaseFindsWhatWasPosted(t *testing.T) {
	e := newEnv(t)
	item := func(guid string) *storage.ItemRef {
		return &storage.ItemRef{GUID: guid, Link: "https://wire.example/" + guid, Title: "News " + guid, Feed: "wire"}
	}
	e.enqueue(storage.Alert{Item: item("a")})
	e.deliver()
	b := e.enqueue(storage.Alert{Item: item("b")})
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := e.store.Backup(e.ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	c := e.enqueue(storage.Alert{Item: item("c")})
	also := item("c")
	also.Feed = "wire2"
	e.enqueue(storage.Alert{Kind: storage.KindSourceAdded, ParentSeq: c.Seq, Item: also})
	if n := e.deliver(); n != 3 || len(e.slack.Messages()) != 4 {
		t.Fatalf("before the loss: delivered %d, %d messages; want 3 more, 4 in all", n, len(e.slack.Messages()))
	}
	e.d.Close()

	// The machine is lost; the copy is restored and the news read again.
	restored, err := storage.Open(e.ctx, copyPath, storage.WithClock(e.clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	e.store = restored
	// The same news, new alert ids; this time the other feed came first.
	c = e.enqueue(storage.Alert{Item: also})
	e.enqueue(storage.Alert{Kind: storage.KindSourceAdded, ParentSeq: c.Seq, Item: item("c")})
	e.enqueue(storage.Alert{Item: item("d")}) // news never alerted
	e.d = e.deliverer()
	if n := e.deliver(); n != 4 {
		t.Fatalf("after the restore: delivered %d, want 4 (b, c and its reply found, d posted)", n)
	}
	if got := len(e.slack.Messages()); got != 5 {
		t.Errorf("%d messages in Slack, want 5: a, b, c and its reply once each, and d", got)
	}
	if got := e.alert(b.Seq); got.State != storage.StateDelivered || got.TS == "" {
		t.Errorf("b in the restored database: %s %q, want delivered with its ts", got.State, got.TS)
	}
}
