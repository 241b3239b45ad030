package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pactwatch/pactwatch/bot/fakeslack"
	"github.com/pactwatch/pactwatch/storage"
)

func TestPermanentErrorFailsTheAlertAndTellsAdmins(t *testing.T) {
	e := newEnv(t)
	e.slack.FailNext(1, fakeslack.SlackError("channel_not_found").On("chat.postMessage"))
	first := e.enqueue(storage.Alert{Channel: "C1"})
	second := e.enqueue(storage.Alert{Channel: "C1"})
	if n := e.deliver(); n != 2 {
		t.Errorf("delivered %d, want 2 (the second alert and the admin notice)", n)
	}
	got := e.alert(first.Seq)
	if got.State != storage.StateFailed || !strings.Contains(got.LastError, "channel_not_found") {
		t.Errorf("first alert: %s %q, want failed with channel_not_found", got.State, got.LastError)
	}
	if got := e.alert(second.Seq); got.State != storage.StateDelivered {
		t.Errorf("second alert %s, want delivered behind the failed one", got.State)
	}
	notices := e.slack.Messages("C0ADMIN")
	if len(notices) != 1 {
		t.Fatalf("%d admin notices, want 1", len(notices))
	}
	for _, want := range []string{first.ID, "<#C1>", "channel_not_found"} {
		if !strings.Contains(notices[0].Text, want) {
			t.Errorf("admin notice %q does not mention %s", notices[0].Text, want)
		}
	}
	// The notice is an outbox alert of its own, with metadata naming the
	// failed one, so that it too is delivered once.
	meta := notices[0].Metadata.EventPayload
	failed, _ := meta["failed"].(map[string]any)
	if meta["kind"] != storage.KindDeliveryFailed || failed["id"] != first.ID || failed["channel"] != "C1" {
		t.Errorf("notice metadata %v", meta)
	}
	all, err := e.store.Alerts(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if last := all[len(all)-1]; last.Kind != storage.KindDeliveryFailed || last.State != storage.StateDelivered ||
		last.TS != notices[0].TS || payloadID(notices[0]) != last.ID {
		t.Errorf("notice in the outbox: %+v", last)
	}
}

func TestAdminNoticeSurvivesAnOutage(t *testing.T) {
	e := newEnv(t)
	// The alert fails for good, then the notice meets a 503 and a crash.
	e.slack.FailNext(1, fakeslack.SlackError("not_in_channel").On("chat.postMessage"))
	e.slack.FailNext(1, fakeslack.HTTPStatus(503).On("chat.postMessage"))
	a := e.enqueue(storage.Alert{Channel: "C1"})
	e.deliver()
	if got := len(e.slack.Messages("C0ADMIN")); got != 0 {
		t.Fatalf("%d notices posted through the outage", got)
	}
	e.clock.Advance(time.Minute)
	d := e.deliverer() // a fresh process
	if err := d.Reconcile(e.ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := d.DeliverDue(e.ctx); err != nil {
		t.Fatal(err)
	}
	notices := e.slack.Messages("C0ADMIN")
	if len(notices) != 1 || !strings.Contains(notices[0].Text, a.ID) {
		t.Errorf("notices after the outage: %+v; want one about %s", notices, a.ID)
	}
}

func TestFailedAdminAlertIsOnlyLogged(t *testing.T) {
	e := newEnv(t)
	e.slack.FailNext(1, fakeslack.SlackError("not_in_channel").On("chat.postMessage"))
	a := e.enqueue(storage.Alert{Kind: storage.KindFeedBroken, Feed: "thehill-cyber", Error: "timeout", Channel: "C0ADMIN"})
	e.deliver()
	if got := e.alert(a.Seq).State; got != storage.StateFailed {
		t.Errorf("state %s, want failed", got)
	}
	if got := e.slack.Calls("chat.postMessage"); got != 1 {
		t.Errorf("%d posts, want only the failed one (no notice about itself)", got)
	}
}

func TestUnknownErrorGivesUpAfterMaxAttempts(t *testing.T) {
	e := newEnv(t)
	e.slack.FailNext(defaultMaxAttempts, fakeslack.SlackError("brand_new_error").On("chat.postMessage"))
	a := e.enqueue(storage.Alert{Channel: "C1"})
	for range 12 {
		e.deliver()
		e.clock.Advance(backoffCap)
	}
	got := e.alert(a.Seq)
	if got.State != storage.StateFailed || got.Attempts != defaultMaxAttempts || !strings.Contains(got.LastError, "brand_new_error") {
		t.Errorf("state %s after %d attempts (%q), want failed after %d", got.State, got.Attempts, got.LastError, defaultMaxAttempts)
	}
	if got := len(e.slack.Messages("C0ADMIN")); got != 1 {
		t.Errorf("%d admin notices, want 1", got)
	}
}

func TestRejectedTokenKeepsAlerts(t *testing.T) {
	e := newEnv(t)
	e.slack.FailNext(1, fakeslack.SlackError("token_revoked").On("chat.postMessage"))
	a := e.enqueue(storage.Alert{Channel: "C1"})
	b := e.enqueue(storage.Alert{Channel: "C2"})
	if _, err := e.d.DeliverDue(e.ctx); err == nil || !strings.Contains(err.Error(), "token_revoked") {
		t.Errorf("DeliverDue error %v, want token_revoked", err)
	}
	if got := e.alert(a.Seq); got.State != storage.StatePending {
		t.Errorf("alert %s, want kept pending", got.State)
	}
	if got := e.alert(b.Seq); got.State != storage.StatePending || got.Attempts != 0 {
		t.Errorf("other channel's alert %s after %d attempts; want untouched", got.State, got.Attempts)
	}
	e.clock.Advance(backoffCap - time.Second)
	if e.due(a.Seq) {
		t.Errorf("retried within 10 minutes")
	}
}

func TestChannelOrderWhileAnotherChannelBacksOff(t *testing.T) {
	e := newEnv(t)
	e.slack.FailNext(1, fakeslack.HTTPStatus(503).On("chat.postMessage"))
	a1 := e.enqueue(storage.Alert{Channel: "CA", Summary: "a1"})
	b1 := e.enqueue(storage.Alert{Channel: "CB", Summary: "b1"})
	a2 := e.enqueue(storage.Alert{Channel: "CA", Summary: "a2"})
	b2 := e.enqueue(storage.Alert{Channel: "CB", Summary: "b2"})
	if n := e.deliver(); n != 2 {
		t.Errorf("delivered %d, want CB's two", n)
	}
	if got := len(e.slack.Messages("CA")); got != 0 {
		t.Errorf("%d messages in CA while its first alert backs off, want 0", got)
	}
	e.clock.Advance(backoff(1, func() float64 { return 0 }))
	e.deliver()
	var order []string
	for _, m := range e.slack.Messages() {
		order = append(order, m.Channel+":"+payloadID(m))
	}
	want := []string{"CB:" + b1.ID, "CB:" + b2.ID, "CA:" + a1.ID, "CA:" + a2.ID}
	if diff := cmp.Diff(want, order); diff != "" {
		t.Errorf("post order (-want +got):\n%s", diff)
	}
}

// TestLongQueueGoesOutInOrder checks that a channel's queue longer than
// one read of the outbox (storage.DuePerChannel) is delivered whole, in
// order, with a failure in the middle holding back what is behind it.
func TestLongQueueGoesOutInOrder(t *testing.T) {
	e := newEnv(t)
	var want []string
	for i := range 2*storage.DuePerChannel + 10 {
		want = append(want, e.enqueue(storage.Alert{Channel: "CA", Summary: fmt.Sprint(i)}).ID)
	}
	if n := e.deliver(); n != len(want) {
		t.Fatalf("delivered %d of %d", n, len(want))
	}
	e.slack.FailNext(1, fakeslack.HTTPStatus(503).On("chat.postMessage"))
	for i := range 5 {
		want = append(want, e.enqueue(storage.Alert{Channel: "CA", Summary: fmt.Sprint("late ", i)}).ID)
	}
	if n := e.deliver(); n != 0 {
		t.Errorf("delivered %d behind a first alert that backs off, want 0", n)
	}
	e.clock.Advance(backoff(1, func() float64 { return 0 }))
	e.deliver()
	var got []string
	for _, m := range e.slack.Messages("CA") {
		got = append(got, payloadID(m))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("post order (-want +got):\n%s", diff)
	}
}

func payloadID(m fakeslack.Message) string {
	id, _ := m.Metadata.EventPayload["id"].(string)
	return id
}

func TestPacingPerChannel(t *testing.T) {
	e := newEnv(t)
	var slept []time.Duration
	e.d.Pace = time.Second
	e.d.Sleep = func(ctx context.Context, d time.Duration) error {
		slept = append(slept, d)
		e.clock.Advance(d)
		return nil
	}
	for _, ch := range []string{"C1", "C1", "C1", "C2"} {
		e.enqueue(storage.Alert{Channel: ch})
	}
	if n := e.deliver(); n != 4 {
		t.Fatalf("delivered %d, want 4", n)
	}
	// C2 does not wait for C1; C1's second and third wait a second each.
	if diff := cmp.Diff([]time.Duration{time.Second, time.Second}, slept); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
	var channels []string
	for _, m := range e.slack.Messages() {
		channels = append(channels, m.Channel)
	}
	if diff := cmp.Diff([]string{"C1", "C2", "C1", "C1"}, channels); diff != "" {
		t.Errorf("post order (-want +got):\n%s", diff)
	}
}

// An alert that names no channel goes to the default one, and waits its
// turn there: one that names the default channel does not overtake it.
func TestDefaultChannelOrderWithAlertsNamingNoChannel(t *testing.T) {
	e := newEnv(t)
	e.slack.FailNext(1, fakeslack.HTTPStatus(503).On("chat.postMessage"))
	first := e.enqueue(storage.Alert{Kind: storage.KindFeedBroken, Feed: "wire", Error: "timeout"})
	second := e.enqueue(storage.Alert{Channel: "C0POLICY"})
	if n := e.deliver(); n != 0 {
		t.Errorf("delivered %d while the first alert of C0POLICY backs off, want 0", n)
	}
	e.clock.Advance(time.Minute)
	e.deliver()
	var order []string
	for _, m := range e.slack.Messages("C0POLICY") {
		order = append(order, payloadID(m))
	}
	if diff := cmp.Diff([]string{first.ID, second.ID}, order); diff != "" {
		t.Errorf("order in C0POLICY (-want +got):\n%s", diff)
	}
}
