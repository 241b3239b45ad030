package storage

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

func TestMarkUnsureKeepsSendingUntilItsTime(t *testing.T) {
	s, c, path := openTest(t)
	ctx := context.Background()
	a := &Alert{Kind: KindMention, Channel: "C1"}
	if _, err := s.Enqueue(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkSending(ctx, a.Seq); err != nil {
		t.Fatal(err)
	}
	next := c.t.Add(2 * time.Second)
	if err := s.MarkUnsure(ctx, a.Seq, "HTTP 500", next); err != nil {
		t.Fatal(err)
	}
	got, err := s.Alert(ctx, a.Seq)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != StateSending || got.LastError != "HTTP 500" || !got.NextAttemptAt.Equal(next) || got.Attempts != 1 {
		t.Errorf("after MarkUnsure: %s %q next %v attempts %d; want sending, HTTP 500, %v, 1",
			got.State, got.LastError, got.NextAttemptAt, got.Attempts, next)
	}
	// Not due before its time, due at it, still "sending".
	if due, _ := s.Due(ctx); len(due) != 0 {
		t.Errorf("due before its time: %v", due)
	}
	c.t = next
	due, _ := s.Due(ctx)
	if len(due) != 1 || due[0].Seq != a.Seq || due[0].State != StateSending {
		t.Errorf("at its time, due = %+v; want the alert, sending", due)
	}
	// What a restart sees: the state survives closing the database.
	s.Close()
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	stuck, err := s2.Alerts(ctx, StateSending)
	if err != nil || len(stuck) != 1 || stuck[0].Seq != a.Seq {
		t.Errorf("sending after reopening: %+v, %v", stuck, err)
	}
}

func TestMarkFailedNotifyEnqueuesTheNoticeOnce(t *testing.T) {
	s, _, _ := openTest(t)
	ctx := context.Background()
	a := &Alert{Kind: KindMention, Channel: "C1"}
	if _, err := s.Enqueue(ctx, a); err != nil {
		t.Fatal(err)
	}
	notice := func() *Alert {
		return &Alert{Kind: KindDeliveryFailed, Channel: "C0ADMIN", DedupeKey: "delivery_failed:" + a.ID,
			Failed: &FailedRef{ID: a.ID, Kind: a.Kind, Channel: "C1", Reason: "channel_not_found"}}
	}
	n := notice()
	added, err := s.MarkFailedNotify(ctx, a.Seq, "channel_not_found", n)
	if err != nil || !added {
		t.Fatalf("MarkFailedNotify = %v, %v; want true, nil", added, err)
	}
	if got, _ := s.Alert(ctx, a.Seq); got.State != StateFailed || got.LastError != "channel_not_found" {
		t.Errorf("failed alert: %s %q", got.State, got.LastError)
	}
	got, err := s.Alert(ctx, n.Seq)
	if err != nil || got.Kind != KindDeliveryFailed || got.Failed == nil || got.Failed.ID != a.ID || got.State != StatePending {
		t.Errorf("notice = %+v, %v", got, err)
	}
	// Failing it again (a retried call) adds no second notice.
	if added, err := s.MarkFailedNotify(ctx, a.Seq, "channel_not_found", notice()); err != nil || added {
		t.Errorf("second MarkFailedNotify = %v, %v; want false, nil", added, err)
	}
	// A missing alert: nothing is enqueued.
	if _, err := s.MarkFailedNotify(ctx, 9999, "x", &Alert{Kind: KindDeliveryFailed, Channel: "C0ADMIN"}); err == nil {
		t.Errorf("MarkFailedNotify of a missing alert succeeded")
	}
	if counts, _ := s.Outbox(ctx); counts[StatePending] != 1 {
		t.Errorf("outbox %v, want the one notice pending", counts)
	}
}

func TestDueInPutsAlertsWithoutChannelInTheDefaultOne(t *testing.T) {
	s, c, _ := openTest(t)
	ctx := context.Background()
	var seqs []int64
	for _, ch := range []string{"", "C0POLICY", "C2"} {
		a := &Alert{Kind: KindFeedBroken, Channel: ch}
		if _, err := s.Enqueue(ctx, a); err != nil {
			t.Fatal(err)
		}
		seqs = append(seqs, a.Seq)
	}
	heads := func(due []Alert) []int64 {
		out := []int64{}
		for _, a := range due {
			out = append(out, a.Seq)
		}
		return out
	}
	// The channel-less alert and C0POLICY's are one queue, in order.
	due, err := s.DueIn(ctx, "C0POLICY")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := heads(due), []int64{seqs[0], seqs[1], seqs[2]}; !slices.Equal(got, want) {
		t.Errorf("DueIn = %v, want %v", got, want)
	}
	// While it backs off, the default channel's next alert waits behind it.
	if err := s.MarkRetry(ctx, seqs[0], "HTTP 500", c.t.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	due, _ = s.DueIn(ctx, "C0POLICY")
	if got, want := heads(due), []int64{seqs[2]}; !slices.Equal(got, want) {
		t.Errorf("while the head backs off, DueIn = %v, want %v", got, want)
	}
	// Due keeps the channel-less alerts a queue of their own.
	due, _ = s.Due(ctx)
	if got, want := heads(due), []int64{seqs[1], seqs[2]}; !slices.Equal(got, want) {
		t.Errorf("Due = %v, want %v", got, want)
	}
}

// TestThread checks what a reply reads of its parent: state, channel and
// ts, before and after delivery, and ErrNotFound for no such alert.
func TestThread(t *testing.T) {
	s, _, _ := openTest(t)
	ctx := context.Background()
	a := &Alert{Kind: KindMention, Channel: "C1"}
	if _, err := s.Enqueue(ctx, a); err != nil {
		t.Fatal(err)
	}
	if th, err := s.Thread(ctx, a.Seq); err != nil || th != (AlertThread{State: StatePending, Channel: "C1"}) {
		t.Errorf("before delivery: %+v, %v", th, err)
	}
	if err := s.MarkDelivered(ctx, a.Seq, "C1", "1700000000.000100"); err != nil {
		t.Fatal(err)
	}
	if th, err := s.Thread(ctx, a.Seq); err != nil || th != (AlertThread{State: StateDelivered, Channel: "C1", TS: "1700000000.000100"}) {
		t.Errorf("after delivery: %+v, %v", th, err)
	}
	if _, err := s.Thread(ctx, a.Seq+1); !errors.Is(err, ErrNotFound) {
		t.Errorf("no such alert: %v, want ErrNotFound", err)
	}
}
