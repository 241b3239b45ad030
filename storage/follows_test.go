package storage

import (
	"context"
	"testing"
)

// TestFollowersGetCopies: a status change or deadline of a followed
// agreement is enqueued once more for each follower, to their direct
// messages, in the same transaction; mentions and replies are not; an
// unfollow stops it.
func TestFollowersGetCopies(t *testing.T) {
	s, _, _ := openTest(t)
	ctx := context.Background()
	if n, err := s.Follow(ctx, "U1", "ru-cn", "D1"); err != nil || !n {
		t.Fatalf("follow: %v %v", n, err)
	}
	if n, _ := s.Follow(ctx, "U1", "ru-cn", "D1"); n {
		t.Error("a second follow reported new")
	}
	s.Follow(ctx, "U2", "ru-cn", "D2")
	s.Follow(ctx, "U2", "us-cn", "D2")
	enqueue := func(a Alert) {
		t.Helper()
		inTx(t, s, func(tx *Tx) error { _, err := tx.Enqueue(&a); return err })
	}
	enqueue(Alert{Kind: KindStatusChange, Agreement: "ru-cn", Channel: "C1", Status: "signed", DedupeKey: "story:1"})
	enqueue(Alert{Kind: KindMention, Agreement: "ru-cn", Channel: "C1"})
	enqueue(Alert{Kind: KindDeadlinePassed, Agreement: "us-cn", Channel: "C1", DedupeKey: "deadline:1"})
	enqueue(Alert{Kind: KindStatusChange, Agreement: "ru-cn", Channel: "C1", DedupeKey: "story:1"}) // a repeat: no copies either
	list, err := s.Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range list {
		got = append(got, a.Kind+" "+a.Channel+" "+a.Follower)
	}
	want := []string{"status_change C1 ", "status_change D1 U1", "status_change D2 U2", "mention C1 ",
		"deadline_passed C1 ", "deadline_passed D2 U2"}
	if len(got) != len(want) {
		t.Fatalf("alerts = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("alert %d = %q, want %q", i, got[i], want[i])
		}
	}
	if ids, _ := s.Following(ctx, "U2"); len(ids) != 2 || ids[0] != "ru-cn" {
		t.Errorf("U2 follows %v", ids)
	}
	if ok, _ := s.Unfollow(ctx, "U2", "ru-cn"); !ok {
		t.Error("unfollow reported not following")
	}
	if ok, _ := s.Unfollow(ctx, "U2", "ru-cn"); ok {
		t.Error("a second unfollow reported following")
	}
	if ids, _ := s.Following(ctx, "U2"); len(ids) != 1 || ids[0] != "us-cn" {
		t.Errorf("U2 follows %v after unfollowing ru-cn", ids)
	}
}
