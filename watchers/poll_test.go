package watchers

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	"github.com/pactwatch/pactwatch/storage"
	"github.com/pactwatch/pactwatch/watchers/claims"
	"github.com/pactwatch/pactwatch/watchers/feed"
)

// poison makes SQLite refuse to record any item whose title holds word,
// as a full disk or a corrupt page would refuse one write, until the
// returned func lifts it.
func (r *rig) poison(word string) (lift func()) {
	r.t.Helper()
	db, err := sql.Open("sqlite3", r.w.plan.Load().cfg.Database)
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(func() { db.Close() })
	_, err = db.Exec(`CREATE TRIGGER poison BEFORE INSERT ON items WHEN instr(NEW.title, '` + word + `') > 0
		BEGIN SELECT RAISE(ABORT, 'poisoned item'); END`)
	if err != nil {
		r.t.Fatal(err)
	}
	return func() {
		if _, err := db.Exec(`DROP TRIGGER poison`); err != nil {
			r.t.Fatal(err)
		}
	}
}

const (
	marchDate = "Mon, 02 Mar 2015 10:00:00 +0000"
	aprilDate = "Thu, 02 Apr 2015 10:00:00 +0000"
	talksBody = "Russian and Chinese officials are negotiating a cyber agreement in Beijing."
)

// TestItemThatCannotBeRecordedStopsOnlyItsFeed checks that when one
// matched item cannot be written, the items recorded before it stay, its
// feed stops there and is fetched in full next time, the other feed goes
// on, and nothing is lost or alerted twice once the fault is gone.
func TestItemThatCannotBeRecordedStopsOnlyItsFeed(t *testing.T) {
	r := newRig(t, "all",
		item("a1", marchDate, "Russian and Chinese officials negotiate cyber pact", talksBody)+
			item("a2", aprilDate, "POISON Moscow and Beijing near cyber pact", talksBody)+
			item("a3", mayDate, "Russia and China sign cyber pact", signedItem),
		item("b1", aprilDate, "Beijing and Moscow discuss cyber pact talks", talksBody))
	lift := r.poison("POISON")
	rep := r.w.Poll(context.Background())
	if err := rep.Feeds[0].Err; err == nil || !strings.Contains(err.Error(), "poisoned item") {
		t.Fatalf("feed f1: err %v, want the poisoned item's", err)
	}
	if err := rep.Feeds[1].Err; err != nil {
		t.Fatalf("feed f2 failed with f1: %v", err)
	}
	if got := rep.Feeds[0].New; got != 1 {
		t.Errorf("f1 recorded %d items before the fault, want 1 (a1)", got)
	}
	if st, _ := r.store.FeedState(context.Background(), "f1"); st.ETag != "" || st.LastModified != "" {
		t.Errorf("f1's validators saved after a failed round: %+v", st)
	}
	lift()
	r.poll()
	r.poll()
	got := r.alerts()
	// a1, then b1 in the first round; a2 and a3 once the fault is gone.
	// a2 reports what b1 reported the same day: one event, a reply.
	want := []string{"status_change ru-cn negotiating (negotiating)", "mention ru-cn negotiating (negotiating)",
		"source_added ru-cn negotiating (negotiating)", "status_change ru-cn signed (signed)"}
	if !slices.Equal(got, want) {
		t.Errorf("alerts = %q\nwant %q", got, want)
	}
}

// TestUnmatchedItemsThatCannotBeRecordedFailTheirFeed checks the same for
// items that matched nothing, which are written as feeds arrive.
func TestUnmatchedItemsThatCannotBeRecordedFailTheirFeed(t *testing.T) {
	r := newRig(t, "all",
		item("a1", marchDate, "POISON weather report", "Sunny.")+
			item("a2", mayDate, "Russia and China sign cyber pact", signedItem),
		item("b1", aprilDate, "Markets close higher", "Shares rose."))
	lift := r.poison("POISON")
	rep := r.w.Poll(context.Background())
	if err := rep.Feeds[0].Err; err == nil || !strings.Contains(err.Error(), "poisoned item") {
		t.Fatalf("feed f1: err %v, want the poisoned item's", err)
	}
	if f := rep.Feeds[1]; f.Err != nil || f.New != 1 {
		t.Fatalf("feed f2: %+v, want its item recorded", f)
	}
	if n := len(r.alerts()); n != 0 {
		t.Errorf("%d alerts from a feed whose round failed", n)
	}
	lift()
	rep = r.poll()
	if f := rep.Feeds[0]; f.New != 2 {
		t.Errorf("after the fault f1 recorded %d new items, want 2", f.New)
	}
	if got := r.alerts(); !slices.Equal(got, []string{"status_change ru-cn signed (signed)"}) {
		t.Errorf("alerts = %q", got)
	}
}

// TestItemRecordedMeanwhileIsNotNew checks that an item another process
// records between its preparation and its recording is not recorded or
// alerted again, and is not an error.
func TestItemRecordedMeanwhileIsNotNew(t *testing.T) {
	r := newRig(t, "all", item("w1", marchDate, "Weather", "Sunny."))
	ctx := context.Background()
	p := r.w.plan.Load()
	fe := &fetched{feed: &p.cfg.Feeds[0]}
	it := feed.Item{Key: "guid:a1", GUID: "a1", Title: "Russia and China sign cyber pact", Summary: signedItem, Published: r.now}
	if err := r.w.prepare(ctx, p, fe, []feed.Item{it, it}); err != nil {
		t.Fatal(err)
	}
	if len(fe.fresh) != 1 || len(fe.fresh[0].matched) != 1 {
		t.Fatalf("prepared %+v, want the item once, matched", fe.fresh)
	}
	err := r.store.InTx(ctx, func(tx *storage.Tx) error {
		_, err := tx.InsertItem(&storage.Item{FeedID: "f1", Key: "guid:a1", GUID: "a1"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	r.w.recordMatched(ctx, p, []*fetched{fe})
	if fe.result.Err != nil || fe.result.New != 0 || fe.result.Alerts != 0 {
		t.Errorf("result %+v, want nothing new and no error", fe.result)
	}
	if got := r.alerts(); len(got) != 0 {
		t.Errorf("alerts = %q", got)
	}
	// Prepared again now, the item is known to be seen and skipped.
	fe = &fetched{feed: &p.cfg.Feeds[0]}
	if err := r.w.prepare(ctx, p, fe, []feed.Item{it}); err != nil || len(fe.fresh) != 0 {
		t.Errorf("prepared a seen item: %+v, %v", fe.fresh, err)
	}
}

// TestItemThatCannotBeReadIsStillAMention checks that a panic while
// reading one item's claims loses its claims only: the item is alerted as
// a mention, its feed's other items are read, nothing fails.
func TestItemThatCannotBeReadIsStillAMention(t *testing.T) {
	r := newRig(t, "all",
		item("a1", marchDate, "BOOM Russian and Chinese officials negotiate cyber pact", talksBody)+
			item("a2", aprilDate, "Russia and China sign cyber pact", signedItem))
	read := readItem
	t.Cleanup(func() { readItem = read })
	readItem = func(it claims.Item, targets []*claims.Compiled) [][]claims.Claim {
		if strings.Contains(it.Title, "BOOM") {
			panic("a sentence no rule foresaw")
		}
		return read(it, targets)
	}
	rep := r.poll()
	if err := rep.Feeds[0].Err; err != nil || rep.Feeds[0].New != 2 {
		t.Fatalf("feed: err %v, %d new, want no error and 2 new", err, rep.Feeds[0].New)
	}
	got := r.alerts()
	want := []string{"mention ru-cn rumored", "status_change ru-cn signed (signed)"}
	if !slices.Equal(got, want) {
		t.Errorf("alerts = %q, want %q", got, want)
	}
}
