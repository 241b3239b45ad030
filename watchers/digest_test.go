package watchers

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// digestAgreements sets ru-cn to digest its mentions and us-cn to none.
var digestAgreements = strings.Replace(strings.Replace(rigAgreements,
	"    status: rumored\n", "    status: rumored\n    mentions: digest\n", 1),
	"    status: suspended\n", "    status: suspended\n    mentions: off\n", 1)

const discussItem = "Russia and China discussed a cyber accord."

// TestDigestGathersHeldMentions: mentions of a digest agreement are held,
// not posted; the digest gathers them once, a story's other outlets
// counted; status changes stay immediate; a later outlet of a gathered
// story threads under the digest; mentions: off records and alerts nothing.
func TestDigestGathersHeldMentions(t *testing.T) {
	ctx := context.Background()
	r := newRigWith(t, "corroborate: 1\ndigest:\n  schedule: \"0 8 * * *\"\n", digestAgreements, "all",
		item("m1", "Mon, 02 Mar 2015 10:00:00 +0000", "Moscow and Beijing discuss cyber pact", discussItem)+
			item("m2", "Wed, 04 Mar 2015 11:00:00 +0000", "Russia, China cyber pact talks go on", discussItem)+
			item("w1", "Mon, 02 Mar 2015 12:00:00 +0000", "Chinese cyber working group stays frozen", "The cyber working group with China is frozen."),
		item("m1b", "Mon, 02 Mar 2015 10:30:00 +0000", "Moscow and Beijing discuss cyber pact", discussItem))
	r.now = r.now.AddDate(0, 2, 2)
	r.poll()
	due, err := r.store.Due(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 0 {
		t.Fatalf("%d alerts due before the digest, want none: %v", len(due), kinds(due))
	}
	if got := strings.Join(r.alerts(), "|"); got != "mention ru-cn rumored|source_added ru-cn rumored|mention ru-cn rumored" {
		t.Errorf("held alerts = %q", got)
	}
	// mentions: off recorded the mention and alerted nothing.
	if ms, _ := r.store.LatestMentions(ctx, "us-cn", 5); len(ms) != 1 {
		t.Errorf("us-cn mentions recorded: %d, want 1", len(ms))
	}

	n, err := r.w.GatherDigests(ctx)
	if err != nil || n != 1 {
		t.Fatalf("GatherDigests = %d, %v; want one message", n, err)
	}
	due, _ = r.store.Due(ctx)
	if len(due) != 1 || due[0].Kind != storage.KindDigest || due[0].Channel != "C1" {
		t.Fatalf("due after gathering: %v", kinds(due))
	}
	d := due[0].Digest
	if d.Total != 2 || d.Parts != 1 || len(d.Groups) != 1 || d.Groups[0].Agreement != "ru-cn" {
		t.Fatalf("digest = %+v", d)
	}
	// The event (two outlets) comes first, then the rest.
	if s := d.Groups[0].Stories; s[0].Outlets != 2 || s[0].Item.GUID != "m1" || s[1].Outlets != 1 {
		t.Errorf("stories = %+v", s)
	}
	if n, _ := r.w.GatherDigests(ctx); n != 0 {
		t.Errorf("a second gathering enqueued %d messages; a mention goes in one digest", n)
	}

	// Once the digest is posted, a later outlet of its story replies in the
	// digest's thread, at once.
	if err := r.store.MarkDelivered(ctx, due[0].Seq, "C1", "100.1"); err != nil {
		t.Fatal(err)
	}
	r.writeFeed(2, item("m1c", "Mon, 02 Mar 2015 10:40:00 +0000", "Moscow and Beijing discuss cyber pact", discussItem))
	r.poll()
	due, _ = r.store.Due(ctx)
	if len(due) != 1 || due[0].Kind != storage.KindSourceAdded {
		t.Fatalf("due after a late outlet: %v", kinds(due))
	}
	if th, err := r.store.Thread(ctx, due[0].ParentSeq); err != nil || th.TS != "100.1" || th.State != storage.StateDelivered {
		t.Errorf("the late outlet's thread = %+v, %v; want the digest's", th, err)
	}

	// A status change of a digest agreement is not held.
	r.writeFeed(1, item("s1", mayDate, "Russia and China sign cyber pact", signedItem))
	r.poll()
	due, _ = r.store.Due(ctx)
	if len(due) != 2 || due[1].Kind != storage.KindStatusChange {
		t.Errorf("due after a status change: %v", kinds(due))
	}
}

func kinds(list []storage.Alert) []string {
	var out []string
	for _, a := range list {
		out = append(out, a.Kind+" "+a.State)
	}
	return out
}

// TestGatherDueDigests: without the daemon's cron (pactwatch poll from the
// system's cron, or a run missed while down), the digest is gathered once
// a time of digest.schedule has passed since the last gathering.
func TestGatherDueDigests(t *testing.T) {
	ctx := context.Background()
	r := newRigWith(t, "digest:\n  schedule: \"0 8 * * *\"\n", digestAgreements, "all",
		item("m1", "Mon, 02 Mar 2015 10:00:00 +0000", "Moscow and Beijing discuss cyber pact", discussItem))
	r.now = time.Date(2015, 3, 2, 12, 0, 0, 0, time.UTC)
	r.poll()
	gather := func() int {
		t.Helper()
		n, err := r.w.GatherDueDigests(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := gather(); n != 0 {
		t.Errorf("the first call gathered %d; it only starts the clock", n)
	}
	r.now = r.now.Add(19 * time.Hour) // 07:00 the next day
	if n := gather(); n != 0 {
		t.Errorf("gathered %d before 08:00", n)
	}
	r.now = r.now.Add(2 * time.Hour) // 09:00: 08:00 passed
	if n := gather(); n != 1 {
		t.Errorf("gathered %d after 08:00, want the digest", n)
	}
	r.now = r.now.Add(time.Hour)
	if n := gather(); n != 0 {
		t.Errorf("gathered %d again the same day", n)
	}
}

// TestStatusChangeOfHeldStoryIsNotHeld: a later outlet of a held story that
// moves the status is posted at once (at the top level: its parent has no
// message yet), never held for the digest.
func TestStatusChangeOfHeldStoryIsNotHeld(t *testing.T) {
	ctx := context.Background()
	r := newRigWith(t, "corroborate: 1\ndigest:\n  schedule: \"0 8 * * *\"\n", digestAgreements, "all",
		item("m1", "Mon, 02 Mar 2015 10:00:00 +0000", "Russia and China cyber pact news today", discussItem),
		item("m2", "Mon, 02 Mar 2015 11:00:00 +0000", "Russia and China cyber pact news today", signedItem))
	r.now = time.Date(2015, 3, 3, 0, 0, 0, 0, time.UTC)
	r.poll()
	due, err := r.store.Due(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].Status != "signed" || due[0].PreviousStatus != "rumored" {
		t.Fatalf("due = %v, want the status change; alerts %q", kinds(due), r.alerts())
	}
	if th, err := r.store.Thread(ctx, due[0].ParentSeq); due[0].ParentSeq != 0 && (err != nil || th.State != storage.StateHeld) {
		t.Errorf("parent %+v %v", th, err)
	}
}

// TestSchedulerRunsDigests: with a digest section the scheduler has the
// digest job beside the feeds, Next lists feeds only, and a reload without
// the section drops it.
func TestSchedulerRunsDigests(t *testing.T) {
	r := newRigWith(t, "digest:\n  schedule: \"0 8 * * *\"\n", digestAgreements, "all", "")
	s, err := r.w.Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop(context.Background())
	s.mu.Lock()
	_, has := s.entries[digestEntry]
	s.mu.Unlock()
	if !has {
		t.Error("no digest job")
	}
	if next := s.Next(); len(next) != 1 || next["f1"].IsZero() {
		t.Errorf("Next = %v, want the one feed", next)
	}
	cfg := *r.w.Config()
	cfg.Digest = nil
	if err := s.Reload(&cfg); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	_, has = s.entries[digestEntry]
	s.mu.Unlock()
	if has {
		t.Error("the digest job outlived its section")
	}
}
