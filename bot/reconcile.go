package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// Reconcile settles the alerts a crash (or a failure after which Slack may
// have posted them) left "sending": each one whose message is in Slack
// already is marked delivered with that message's ts, and each one that is
// not goes back to pending, to be posted now (or when its backoff ends). An alert
// History cannot answer for stays "sending"; DeliverDue asks again before
// posting it. Call it once at start, before Run. It takes the delivery
// lock first, and fails with storage.ErrDeliveryLocked when another
// process holds it (that process settles them).
func (d *Deliverer) Reconcile(ctx context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	// Another process's "sending" alert may be in flight right now.
	if err := d.claim(ctx); err != nil {
		return fmt.Errorf("reconcile: %w", err)
	}
	stuck, err := d.Store.Alerts(ctx, storage.StateSending)
	if err != nil {
		return fmt.Errorf("reconcile: %w", err)
	}
	var errs []error
	for _, a := range stuck {
		if err := ctx.Err(); err != nil {
			return errors.Join(append(errs, err)...)
		}
		channel, thread, _, err := d.target(ctx, a)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ts, found, err := d.find(ctx, a, channel, thread)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("reconcile alert %s: %w", a.ID, err))
		case found:
			if err := d.delivered(ctx, a, channel, ts, "found after restart"); err != nil {
				errs = append(errs, err)
			}
		default:
			d.log().Info("alert interrupted before reaching Slack; posting it again", "alert", a.ID, "kind", a.Kind)
			// A backoff that was running (Slack answered 5xx) still holds.
			next := d.now()
			if a.NextAttemptAt.After(next) {
				next = a.NextAttemptAt
			}
			if err := d.Store.MarkRetry(ctx, a.Seq, "not in Slack after a restart", next); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// find asks History whether the alert's message is in Slack already: among
// the thread's replies for a reply, else in the channel since a minute
// before the alert was made.
func (d *Deliverer) find(ctx context.Context, a storage.Alert, channel, thread string) (string, bool, error) {
	if d.History == nil {
		return "", false, nil
	}
	if thread != "" {
		return d.History.FindReply(ctx, channel, thread, a.ID)
	}
	return d.History.FindAlert(ctx, channel, a.ID, a.CreatedAt.Add(-time.Minute))
}
