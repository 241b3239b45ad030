package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// clock is a settable test clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func openTest(t *testing.T) (*Store, *clock, string) {
	t.Helper()
	c := &clock{t: time.Date(2015, 5, 8, 12, 0, 0, 0, time.UTC)}
	path := filepath.Join(t.TempDir(), "pw.db")
	s, err := Open(context.Background(), path, WithClock(c.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, c, path
}

func inTx(t *testing.T, s *Store, fn func(*Tx) error) {
	t.Helper()
	if err := s.InTx(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

func TestOpenCreatesPrivateFileAndMigratesOnce(t *testing.T) {
	s, _, path := openTest(t)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("database mode %o, want 600", perm)
	}
	s.Close()
	// Opening again applies nothing twice and keeps the data.
	s2, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	var n int
	if err := s2.db.QueryRow("SELECT COUNT(*) FROM schema_migrations").Scan(&n); err != nil {
		t.Fatal(err)
	}
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	if n != len(files) {
		t.Errorf("%d migrations recorded, want %d", n, len(files))
	}
}

func TestInsertItemIsFirstSeenOnce(t *testing.T) {
	s, _, _ := openTest(t)
	var first, second bool
	inTx(t, s, func(tx *Tx) (err error) {
		first, err = tx.InsertItem(&Item{FeedID: "f", Key: "guid:1", Title: "a"})
		return err
	})
	inTx(t, s, func(tx *Tx) (err error) {
		second, err = tx.InsertItem(&Item{FeedID: "f", Key: "guid:1", Title: "changed"})
		return err
	})
	if !first || second {
		t.Errorf("first insert %v, second %v; want true, false", first, second)
	}
	// The same key in another feed is another item.
	inTx(t, s, func(tx *Tx) error {
		ok, err := tx.InsertItem(&Item{FeedID: "g", Key: "guid:1"})
		if !ok {
			t.Error("same key in another feed was not inserted")
		}
		return err
	})
}

func TestStoryByLinkOrTitleWithinWindow(t *testing.T) {
	s, _, _ := openTest(t)
	day := time.Date(2015, 2, 4, 0, 0, 0, 0, time.UTC)
	inTx(t, s, func(tx *Tx) error {
		a, isNew, err := tx.Story("https://x.example/a", "us suspends cyber group", day)
		if err != nil || !isNew {
			t.Fatalf("first story: new=%v err=%v", isNew, err)
		}
		// Same link, other title: the same story.
		if b, _, _ := tx.Story("https://x.example/a", "another title here", day); b != a {
			t.Errorf("same link gave story %d, want %d", b, a)
		}
		// Same title, other link, a day later: the same story.
		if c, _, _ := tx.Story("https://y.example/b", "us suspends cyber group", day.Add(24*time.Hour)); c != a {
			t.Errorf("same title gave story %d, want %d", c, a)
		}
		// Same title a month later: another story.
		if d, isNew, _ := tx.Story("https://z.example/c", "us suspends cyber group", day.Add(30*24*time.Hour)); d == a || !isNew {
			t.Errorf("same title a month later joined story %d", d)
		}
		return nil
	})
}

func TestEnqueueDedupesAndDueKeepsChannelOrder(t *testing.T) {
	s, c, _ := openTest(t)
	ctx := context.Background()
	var seqs []int64
	inTx(t, s, func(tx *Tx) error {
		for i, ch := range []string{"C1", "C1", "C2"} {
			a := &Alert{Kind: KindMention, Agreement: "x", Channel: ch, DedupeKey: []string{"k1", "k2", "k3"}[i], Status: "active"}
			if _, err := tx.Enqueue(a); err != nil {
				return err
			}
			seqs = append(seqs, a.Seq)
		}
		ok, err := tx.Enqueue(&Alert{Kind: KindMention, Channel: "C1", DedupeKey: "k1"})
		if ok {
			t.Error("second alert with the same dedupe key was enqueued")
		}
		return err
	})
	due, err := s.Due(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := []int64{}
	for _, a := range due {
		got = append(got, a.Seq)
	}
	// Each channel's queue, in order.
	if diff := cmp.Diff([]int64{seqs[0], seqs[1], seqs[2]}, got); diff != "" {
		t.Errorf("due (-want +got):\n%s", diff)
	}
	if due[0].Status != "active" || due[0].ID == "" {
		t.Errorf("payload not round-tripped: %+v", due[0])
	}
	// A head waiting for a retry holds its channel back.
	if err := s.MarkRetry(ctx, seqs[0], "HTTP 500", c.t.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	due, _ = s.Due(ctx)
	if len(due) != 1 || due[0].Seq != seqs[2] {
		t.Errorf("while C1 backs off, due = %v; want only C2's head", due)
	}
	if err := s.MarkFailed(ctx, seqs[0], "channel_not_found"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkDelivered(ctx, seqs[2], "C2", "1.0001"); err != nil {
		t.Fatal(err)
	}
	due, _ = s.Due(ctx)
	if len(due) != 1 || due[0].Seq != seqs[1] {
		t.Errorf("after C1's head failed, due = %v; want C1's second", due)
	}
	if err := s.MarkDelivered(ctx, 9999, "C", "1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("marking a missing alert: %v, want ErrNotFound", err)
	}
}

func TestStatusHistoryAndHeldAt(t *testing.T) {
	s, _, _ := openTest(t)
	ctx := context.Background()
	may := time.Date(2015, 5, 8, 0, 0, 0, 0, time.UTC)
	inTx(t, s, func(tx *Tx) error {
		if err := tx.EnsureAgreement("ru-cn", "rumored", time.Time{}); err != nil {
			return err
		}
		if err := tx.EnsureAgreement("ru-cn", "signed", time.Time{}); err != nil { // second call changes nothing
			return err
		}
		return tx.SetStatus(&Change{AgreementID: "ru-cn", Status: "signed", Source: SourceDetected, EffectiveAt: may, Sentence: "Russia and China signed."})
	})
	st, err := s.AgreementState(ctx, "ru-cn")
	if err != nil {
		t.Fatal(err)
	}
	if st.Status != "signed" || !st.EvidenceAt.Equal(may) || st.Last.Previous != "rumored" {
		t.Errorf("state = %+v", st)
	}
	inTx(t, s, func(tx *Tx) error {
		_, ok, err := tx.HeldAt("ru-cn", []string{"signed"}, time.Date(2015, 7, 1, 0, 0, 0, 0, time.UTC))
		if !ok {
			t.Error("signed in May not seen as reached before July")
		}
		_, ok, _ = tx.HeldAt("ru-cn", []string{"signed"}, time.Date(2015, 4, 1, 0, 0, 0, 0, time.UTC))
		if ok {
			t.Error("signed in May seen as reached before April")
		}
		return err
	})
	h, err := s.History(ctx, "ru-cn")
	if err != nil || len(h) != 2 {
		t.Fatalf("history = %v, %v; want 2 entries", h, err)
	}
	if _, err := s.AgreementState(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing agreement: %v, want ErrNotFound", err)
	}
}

func TestMuteExpires(t *testing.T) {
	s, c, _ := openTest(t)
	ctx := context.Background()
	if err := s.Mute(ctx, "x", c.t.Add(time.Hour), "U1"); err != nil {
		t.Fatal(err)
	}
	if u, _ := s.MutedUntil(ctx, "x", c.t); u.IsZero() {
		t.Error("not muted within the hour")
	}
	if u, _ := s.MutedUntil(ctx, "x", c.t.Add(2*time.Hour)); !u.IsZero() {
		t.Error("still muted after it expired")
	}
}

func TestBackupWritesACopy(t *testing.T) {
	s, _, path := openTest(t)
	inTx(t, s, func(tx *Tx) error { return tx.EnsureAgreement("x", "active", time.Time{}) })
	dst := filepath.Join(filepath.Dir(path), "copy.db")
	if err := s.Backup(context.Background(), dst); err != nil {
		t.Fatal(err)
	}
	b, err := Open(context.Background(), dst)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if st, err := b.AgreementState(context.Background(), "x"); err != nil || st.Status != "active" {
		t.Errorf("backup state = %+v, %v", st, err)
	}
	if err := s.Backup(context.Background(), dst); err == nil {
		t.Error("backup over an existing file did not fail")
	}
}

func TestPruneKeepsHistoryAndAlerts(t *testing.T) {
	s, c, _ := openTest(t)
	ctx := context.Background()
	inTx(t, s, func(tx *Tx) error {
		it := &Item{FeedID: "f", Key: "old"}
		if _, err := tx.InsertItem(it); err != nil {
			return err
		}
		story, _, err := tx.Story("https://x.example/old", "", time.Time{})
		if err != nil {
			return err
		}
		if err := tx.SetItemStory(it.ID, story); err != nil {
			return err
		}
		if err := tx.AddMention("x", it.ID, c.t, "signed"); err != nil {
			return err
		}
		if err := tx.EnsureAgreement("x", "rumored", time.Time{}); err != nil {
			return err
		}
		_, err = tx.Enqueue(&Alert{Kind: KindMention, Agreement: "x", Channel: "C1"})
		return err
	})
	c.t = c.t.Add(400 * 24 * time.Hour)
	inTx(t, s, func(tx *Tx) error {
		_, err := tx.InsertItem(&Item{FeedID: "f", Key: "new"})
		return err
	})
	n, err := s.PruneItems(ctx, c.t.Add(-365*24*time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("pruned %d, %v; want 1", n, err)
	}
	if m, _ := s.LatestMentions(ctx, "x", 10); len(m) != 0 {
		t.Errorf("mentions of a pruned item remain: %v", m)
	}
	if h, _ := s.History(ctx, "x"); len(h) != 1 {
		t.Errorf("history pruned: %v", h)
	}
	if a, _ := s.Alerts(ctx, StatePending); len(a) != 1 {
		t.Errorf("undelivered alert pruned: %v", a)
	}
	var stories int
	s.db.QueryRow("SELECT COUNT(*) FROM stories").Scan(&stories)
	if stories != 0 {
		t.Errorf("%d orphan stories left", stories)
	}
}

func TestDeliveryHealth(t *testing.T) {
	s, c, _ := openTest(t)
	ctx := context.Background()
	var a Alert
	inTx(t, s, func(tx *Tx) error {
		a = Alert{Kind: KindMention, Channel: "C1"}
		_, err := tx.Enqueue(&a)
		return err
	})
	if n, _, _ := s.DeliveryHealth(ctx, c.t.Add(-time.Minute)); n != 0 {
		t.Errorf("a fresh alert counted overdue")
	}
	c.t = c.t.Add(10 * time.Minute)
	if n, _, _ := s.DeliveryHealth(ctx, c.t.Add(-5*time.Minute)); n != 1 {
		t.Errorf("an alert due 10 minutes ago not counted overdue")
	}
	// Backing off after a failure is not overdue.
	s.MarkRetry(ctx, a.Seq, "HTTP 503", c.t.Add(time.Minute))
	if n, _, _ := s.DeliveryHealth(ctx, c.t.Add(-5*time.Minute)); n != 0 {
		t.Errorf("an alert waiting out a retry counted overdue")
	}
	s.MarkDelivered(ctx, a.Seq, "C1", "1.1")
	if _, last, _ := s.DeliveryHealth(ctx, c.t); !last.Equal(c.t.Truncate(time.Millisecond)) {
		t.Errorf("last delivered %v, want %v", last, c.t)
	}
}

func TestRetractedChangeFulfilsNothing(t *testing.T) {
	s, _, _ := openTest(t)
	may := time.Date(2015, 5, 8, 0, 0, 0, 0, time.UTC)
	due := time.Date(2015, 7, 1, 0, 0, 0, 0, time.UTC)
	inTx(t, s, func(tx *Tx) error {
		if err := tx.EnsureAgreement("x", "rumored", time.Time{}); err != nil {
			return err
		}
		c := &Change{AgreementID: "x", Status: "signed", Source: SourceDetected, EffectiveAt: may}
		if err := tx.SetStatus(c); err != nil {
			return err
		}
		if _, ok, _ := tx.HeldAt("x", []string{"signed"}, due); !ok {
			t.Error("detected signing not seen before it is retracted")
		}
		if err := tx.Retract(c.ID); err != nil {
			return err
		}
		if _, ok, _ := tx.HeldAt("x", []string{"signed"}, due); ok {
			t.Error("a retracted signing still fulfils the forecast")
		}
		if err := tx.Retract(9999); !errors.Is(err, ErrNotFound) {
			t.Errorf("retracting a missing change: %v", err)
		}
		return nil
	})
	h, _ := s.History(context.Background(), "x")
	if len(h) != 2 || h[0].Source != SourceConfig || !h[1].Retracted || h[1].Status != "signed" {
		t.Errorf("history = %+v, want the starting status, then the signing kept and marked retracted", h)
	}
}

// TestSeenKeysManyKeys checks SeenKeys past its chunk of bound parameters.
func TestSeenKeysManyKeys(t *testing.T) {
	s, _, _ := openTest(t)
	ctx := context.Background()
	var keys []string
	err := s.InTx(ctx, func(tx *Tx) error {
		for i := range 1200 {
			keys = append(keys, fmt.Sprintf("k%d", i))
			if i%2 == 0 {
				if _, err := tx.InsertItem(&Item{FeedID: "f", Key: keys[i]}); err != nil {
					return err
				}
			}
		}
		_, err := tx.InsertItem(&Item{FeedID: "other", Key: "k1"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	seen, err := s.SeenKeys(ctx, "f", keys)
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 600 || !seen["k1198"] || seen["k1"] {
		t.Errorf("seen %d keys (k1198 %v, k1 %v), want the 600 even ones of feed f", len(seen), seen["k1198"], seen["k1"])
	}
}

// TestInsertSeen checks that InsertSeen records every item once, counts
// only the new ones, and keeps what InsertItem keeps, across its statement
// sizes (32, 8 and 1 rows).
func TestInsertSeen(t *testing.T) {
	s, _, _ := openTest(t)
	ctx := context.Background()
	pub := time.Date(2015, 5, 8, 12, 0, 0, 0, time.UTC)
	var rows []Item
	for i := range 45 {
		rows = append(rows, Item{FeedID: "f", Key: fmt.Sprintf("k%d", i), GUID: fmt.Sprintf("g%d", i),
			Link: "https://x.example/" + fmt.Sprint(i), Title: "t", Published: pub})
	}
	rows = append(rows, rows[3]) // repeated in the same batch
	var first, second int
	inTx(t, s, func(tx *Tx) error {
		if _, err := tx.InsertItem(&Item{FeedID: "f", Key: "k40"}); err != nil { // seen before
			return err
		}
		var err error
		first, err = tx.InsertSeen(rows)
		return err
	})
	inTx(t, s, func(tx *Tx) error {
		var err error
		second, err = tx.InsertSeen(rows[:10])
		return err
	})
	if first != 44 || second != 0 {
		t.Errorf("new items: %d then %d, want 44 then 0", first, second)
	}
	var keys []string
	for _, r := range rows {
		keys = append(keys, r.Key)
	}
	seen, err := s.SeenKeys(ctx, "f", keys)
	if err != nil || len(seen) != 45 {
		t.Fatalf("seen %d keys (%v), want 45", len(seen), err)
	}
	var guid, link string
	var published int64
	if err := s.db.QueryRowContext(ctx, "SELECT guid, link, published FROM items WHERE key = 'k44'").Scan(&guid, &link, &published); err != nil {
		t.Fatal(err)
	}
	if guid != "g44" || link != "https://x.example/44" || published != pub.UnixMilli() {
		t.Errorf("stored %q %q %d", guid, link, published)
	}
}

// TestHeldAtIsTheStatusAtThatTime checks that a forecast is judged on the
// status held at its due time: an earlier status recalled as background
// that no longer held then does not meet it, and the configured starting
// status counts until evidence says otherwise.
func TestHeldAtIsTheStatusAtThatTime(t *testing.T) {
	s, _, _ := openTest(t)
	at := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	inTx(t, s, func(tx *Tx) error {
		if err := tx.EnsureAgreement("wg", "active", time.Time{}); err != nil {
			return err
		}
		if _, ok, _ := tx.HeldAt("wg", []string{"active"}, at(2015, 4)); !ok {
			t.Error("the configured starting status does not hold before any evidence")
		}
		if err := tx.SetStatus(&Change{AgreementID: "wg", Status: "suspended", Source: SourceDetected, EffectiveAt: at(2014, 5)}); err != nil {
			return err
		}
		if err := tx.RecordEvidence(&Change{AgreementID: "wg", Status: "active", Source: SourceDetected, EffectiveAt: at(2013, 1)}); err != nil {
			return err
		}
		if c, ok, _ := tx.HeldAt("wg", []string{"active"}, at(2015, 4)); ok {
			t.Errorf("active in 2013 meets a forecast due in 2015 while suspended since 2014 (held %+v)", c)
		}
		if _, ok, _ := tx.HeldAt("wg", []string{"active"}, at(2014, 1)); !ok {
			t.Error("active in 2013 not held at the start of 2014")
		}
		return nil
	})
}

// A signature is fresh once; after it expires it is pruned and could be
// recorded again (the verifier refuses it as stale before that).
func TestRememberSignature(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "pw.db"), WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i, want := range []bool{true, false} {
		if fresh, err := s.RememberSignature(t.Context(), "abc", now.Add(5*time.Minute)); err != nil || fresh != want {
			t.Fatalf("call %d: fresh %v, %v; want %v", i, fresh, err, want)
		}
	}
	now = now.Add(6 * time.Minute)
	var n int
	if _, err := s.RememberSignature(t.Context(), "def", now.Add(5*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow("SELECT COUNT(*) FROM seen_signatures").Scan(&n); err != nil || n != 1 {
		t.Errorf("%d signatures kept (%v), want only the live one", n, err)
	}
}

// A database a newer pactwatch migrated is refused with a clear error, and
// left as it is.
func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pw.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 0)"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(t.Context(), path)
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "schema version 9999") {
		t.Fatalf("Open = %v, want ErrNewerSchema naming version 9999", err)
	}
}

// TestStartDates checks the configured starting status with and without a
// `since`: dated, it is the status from that day (evidence older than it
// does not outrank it, and before it with nothing older it still counts);
// SetStartDates dates it later, undates it, and moves the agreement's
// evidence time with it while it holds.
func TestStartDates(t *testing.T) {
	s, _, _ := openTest(t)
	ctx := context.Background()
	jan := time.Date(2015, 1, 10, 0, 0, 0, 0, time.UTC)
	since := time.Date(2015, 3, 1, 0, 0, 0, 0, time.UTC)
	inTx(t, s, func(tx *Tx) error {
		if err := tx.EnsureAgreement("x", "rumored", time.Time{}); err != nil {
			return err
		}
		n, err := tx.SetStartDates(map[string]time.Time{"x": since, "unknown": since})
		if err != nil || n != 1 {
			t.Errorf("SetStartDates = %d, %v; want 1 dated", n, err)
		}
		if n, err = tx.SetStartDates(map[string]time.Time{"x": since}); err != nil || n != 0 {
			t.Errorf("SetStartDates again = %d, %v; want nothing to change", n, err)
		}
		return nil
	})
	st, err := s.AgreementState(ctx, "x")
	if err != nil || !st.EvidenceAt.Equal(since) {
		t.Fatalf("state = %+v, %v; want evidence as of %v", st, err, since)
	}
	inTx(t, s, func(tx *Tx) error {
		// Older evidence, kept for forecasts (not current).
		return tx.RecordEvidence(&Change{AgreementID: "x", Status: "negotiating", Source: SourceDetected, EffectiveAt: jan})
	})
	h, err := s.History(ctx, "x")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{jan, "rumored"},                    // before any evidence: the start counts
		{jan.Add(time.Hour), "negotiating"}, // the older evidence, before since
		{since.Add(time.Hour), "rumored"},   // since outranks older evidence
	} {
		if held, ok := StatusAt(h, c.at); !ok || held.Status != c.want {
			t.Errorf("StatusAt(%v) = %s, %v; want %s", c.at, held.Status, ok, c.want)
		}
	}
	inTx(t, s, func(tx *Tx) error {
		_, err := tx.SetStartDates(map[string]time.Time{"x": {}})
		return err
	})
	if st, err = s.AgreementState(ctx, "x"); err != nil || !st.EvidenceAt.IsZero() {
		t.Errorf("state after since was removed = %+v, %v; want no evidence time", st, err)
	}
}

// TestHeldSince checks the start of the run of the current status: a
// revert's admin entry does not restart it, retracted entries and
// confirmations do not break it, and a history ending elsewhere says so.
func TestHeldSince(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 8, d, 0, 0, 0, 0, time.UTC) }
	h := []Change{
		{ID: 1, Status: "active", Source: SourceConfig},
		{ID: 2, Status: "suspended", Previous: "active", Source: SourceDetected, EffectiveAt: day(14)},
		{ID: 3, Status: "suspended", Previous: "suspended", Source: SourceAdmin, EffectiveAt: day(14)}, // confirmed
		{ID: 4, Status: "dissolved", Previous: "suspended", Source: SourceDetected, EffectiveAt: day(20), Retracted: true},
		{ID: 5, Status: "suspended", Previous: "dissolved", Source: SourceAdmin, EffectiveAt: day(22)}, // the revert
	}
	if c, ok := HeldSince(h, "suspended"); !ok || c.ID != 2 {
		t.Errorf("HeldSince = %d, %v; want entry 2", c.ID, ok)
	}
	if c, ok := HeldSince(h[:1], "active"); !ok || c.ID != 1 {
		t.Errorf("HeldSince of the start alone = %d, %v; want entry 1", c.ID, ok)
	}
	if _, ok := HeldSince(h, "active"); ok {
		t.Error("HeldSince found a run of a status the history does not end in")
	}
}
