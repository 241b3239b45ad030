package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// deliver takes one due alert through the outbox states and reports whether
// it was delivered. Post failures are handled here (retry or fail); the
// error is for a failing store or a rejected token.
func (d *Deliverer) deliver(ctx context.Context, a storage.Alert) (bool, error) {
	// The post in flight is finished even when shutdown begins.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), inFlightTimeout)
	defer cancel()
	channel, thread, ready, err := d.target(ctx, a)
	if err != nil {
		return false, err
	}
	if !ready {
		// Only a pending alert can wait for its parent (a reply is posted
		// once the parent is delivered), but keep "sending" if it ever is.
		next := d.now().Add(d.pollInterval())
		if a.State == storage.StateSending {
			return false, d.Store.MarkUnsure(ctx, a.Seq, "waiting for the thread's first message", next)
		}
		return false, d.Store.MarkRetry(ctx, a.Seq, "waiting for the thread's first message", next)
	}
	if a.State == storage.StateSending {
		// A crash, or a failure after which Slack may have posted it: look
		// before posting again.
		ts, found, err := d.find(ctx, a, channel, thread)
		if err != nil {
			if next, ok := d.retryTime(err, a.Attempts); ok {
				return false, d.retry(ctx, a, "look for an earlier post: "+err.Error(), next, true)
			}
			d.log().Error("cannot tell whether an alert was posted; posting it (again)", "alert", a.ID, "err", err)
		} else if found {
			return true, d.delivered(ctx, a, channel, ts, "found earlier post")
		}
	}
	// After a restore from a replica, it may be in Slack already.
	if ts, found, err := d.findPosted(ctx, a, channel, thread); err != nil {
		if next, ok := d.retryTime(err, a.Attempts); ok {
			return false, d.retry(ctx, a, "look for it in recent history: "+err.Error(), next, a.State == storage.StateSending)
		}
		d.log().Error("cannot read the channel's recent alerts; posting", "alert", a.ID, "err", err)
	} else if found {
		return true, d.delivered(ctx, a, channel, ts, "found in Slack, posted before the database was restored")
	}
	if err := d.Store.MarkSending(ctx, a.Seq); err != nil {
		return false, err
	}
	a.Attempts++
	d.posted(channel)
	ts, err := d.Poster.Post(ctx, channel, thread, d.render(ctx, a))
	if err != nil {
		return false, d.failed(ctx, a, channel, err)
	}
	if d.Printing {
		return true, d.printed(ctx, a, ts)
	}
	return true, d.delivered(ctx, a, channel, ts, "posted")
}

// target returns the channel and thread an alert goes to. A reply goes to
// its parent's thread once the parent is delivered, top-level when the
// parent failed for good, and waits (ready false) until then.
func (d *Deliverer) target(ctx context.Context, a storage.Alert) (channel, thread string, ready bool, err error) {
	channel = d.channel(a)
	if a.ParentSeq == 0 {
		return channel, "", true, nil
	}
	p, err := d.Store.Thread(ctx, a.ParentSeq)
	if errors.Is(err, storage.ErrNotFound) {
		return channel, "", true, nil
	}
	if err != nil {
		return "", "", false, fmt.Errorf("parent of alert %s: %w", a.ID, err)
	}
	switch p.State {
	case storage.StateDelivered:
		if p.Channel != "" {
			channel = p.Channel // a thread lives in its parent's channel
		}
		return channel, p.TS, true, nil
	case storage.StatePrinted:
		if d.Printing {
			return channel, p.TS, true, nil
		}
		// Printed and too old to go to Slack: the reply stands alone.
		return channel, "", true, nil
	case storage.StateFailed:
		return channel, "", true, nil
	case storage.StateHeld:
		// A status change reported by another outlet of a mention held
		// for the digest: it is not held, and has no thread to go to.
		return channel, "", true, nil
	}
	return "", "", false, nil
}

func (d *Deliverer) delivered(ctx context.Context, a storage.Alert, channel, ts, how string) error {
	if err := d.Store.MarkDelivered(ctx, a.Seq, channel, ts); err != nil {
		return err
	}
	d.log().Info("alert delivered", "alert", a.ID, "kind", a.Kind, "channel", channel, "ts", ts, "attempts", a.Attempts, "how", how)
	return nil
}

// printed records an alert printed for want of a bot token: it is kept
// for Slack, not delivered.
func (d *Deliverer) printed(ctx context.Context, a storage.Alert, ts string) error {
	if err := d.Store.MarkPrinted(ctx, a.Seq, ts); err != nil {
		return err
	}
	d.log().Info("alert printed; kept for Slack until a bot token is configured", "alert", a.ID, "kind", a.Kind)
	return nil
}

// failed decides what a failed post means for the alert; see classify.
func (d *Deliverer) failed(ctx context.Context, a storage.Alert, channel string, err error) error {
	o, wait, maybePosted := classify(err)
	now := d.now()
	switch o {
	case rateLimited:
		return d.retry(ctx, a, err.Error(), now.Add(max(wait, time.Second)), false)
	case permanent:
		return d.giveUp(ctx, a, channel, err)
	case authFailed:
		if rerr := d.retry(ctx, a, err.Error(), now.Add(backoffCap), false); rerr != nil {
			return rerr
		}
		return fmt.Errorf("deliver alert %s: Slack refused the token: %w", a.ID, err)
	case unknownError:
		if a.Attempts >= d.maxAttempts() {
			return d.giveUp(ctx, a, channel, fmt.Errorf("gave up after %d attempts: %w", a.Attempts, err))
		}
	}
	return d.retry(ctx, a, err.Error(), now.Add(backoff(a.Attempts, d.random)), maybePosted)
}

// retryTime is when to try again after err, for errors that pass with time.
func (d *Deliverer) retryTime(err error, attempts int) (time.Time, bool) {
	switch o, wait, _ := classify(err); o {
	case rateLimited:
		return d.now().Add(max(wait, time.Second)), true
	case retryLater:
		return d.now().Add(backoff(attempts, d.random)), true
	}
	return time.Time{}, false
}

// retry schedules the alert's next try at next. When Slack may have posted
// it (unsure), it stays "sending" in the store, so that the next try, even
// after a crash, looks for it in Slack first; otherwise it is pending again.
func (d *Deliverer) retry(ctx context.Context, a storage.Alert, reason string, next time.Time, unsure bool) error {
	d.log().Warn("alert not delivered; will retry", "alert", a.ID, "kind", a.Kind, "attempts", a.Attempts,
		"next", next, "maybe_posted", unsure, "err", reason)
	if unsure {
		return d.Store.MarkUnsure(ctx, a.Seq, reason, next)
	}
	return d.Store.MarkRetry(ctx, a.Seq, reason, next)
}

// giveUp fails the alert for good and, in the same transaction, enqueues a
// delivery_failed notice to the admin channel, unless the alert was for the
// admin channel itself (or was such a notice): the notice is then delivered
// like any alert, with retries, and is not lost to a crash or an outage.
func (d *Deliverer) giveUp(ctx context.Context, a storage.Alert, channel string, cause error) error {
	admin := d.adminChannel()
	var notice *storage.Alert
	if admin != "" && admin != channel && a.Kind != storage.KindDeliveryFailed {
		notice = &storage.Alert{
			Kind: storage.KindDeliveryFailed, Channel: admin, DedupeKey: "delivery_failed:" + a.ID,
			Failed: &storage.FailedRef{ID: a.ID, Kind: a.Kind, Channel: channel, Agreement: a.Agreement,
				AgreementName: agreementName(a), Feed: a.Feed, Reason: cause.Error()},
		}
	}
	if _, err := d.Store.MarkFailedNotify(ctx, a.Seq, cause.Error(), notice); err != nil {
		return err
	}
	d.log().Error("alert failed for good", "alert", a.ID, "kind", a.Kind, "channel", channel, "attempts", a.Attempts,
		"admin_notice", notice != nil, "err", cause)
	return nil
}
