package bot

import (
	"context"
	"errors"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// claim takes the database's delivery lock for this Deliverer, once, and
// keeps it until Close: two processes delivering one outbox (a `pactwatch
// poll` beside the daemon) would post the same alert twice. d.mu is held.
func (d *Deliverer) claim(ctx context.Context) error {
	if d.lock != nil {
		return nil
	}
	l, err := d.Store.LockDelivery(ctx)
	if err != nil {
		return err
	}
	d.lock = l
	if d.waitingForLock {
		d.log().Info("delivery lock taken: delivering alerts")
		d.waitingForLock = false
	}
	return d.releasePrinted(ctx)
}

// releasePrinted, in a Deliverer that posts to Slack, queues again the
// alerts a run without a bot token only printed, when they are recent
// enough (see Backfill). Only the holder of the delivery lock does it.
func (d *Deliverer) releasePrinted(ctx context.Context) error {
	if d.Printing {
		return nil
	}
	var since time.Time
	if !d.Backfill.All {
		since = d.now().Add(-d.Backfill.Window)
	}
	n, err := d.Store.ReleasePrinted(ctx, since)
	if err != nil {
		return err
	}
	if n > 0 {
		d.log().Info("alerts printed without a bot token are sent to Slack", "alerts", n, "since", since)
	}
	return nil
}

// Close gives up the delivery lock, letting another process deliver. The
// process ending does the same, however it ends.
func (d *Deliverer) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	err := d.lock.Release()
	d.lock = nil
	return err
}

// busy reports whether err says another process delivers, logging that
// once instead of at every try.
func (d *Deliverer) busy(err error) bool {
	if !errors.Is(err, storage.ErrDeliveryLocked) {
		return false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.waitingForLock {
		d.log().Warn("another pactwatch process delivers alerts from this database; waiting for it to stop")
		d.waitingForLock = true
	}
	return true
}
