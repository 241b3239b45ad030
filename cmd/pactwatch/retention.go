package main

import (
	"context"
	"time"
)

// retentionInterval is how often old items are pruned.
const retentionInterval = 6 * time.Hour

// retain prunes items first seen longer ago than keep, now and then every
// retentionInterval, until ctx ends. Status history and alerts are kept.
func (d *daemon) retain(ctx context.Context, keep time.Duration) {
	t := time.NewTicker(retentionInterval)
	defer t.Stop()
	for {
		n, err := d.store.PruneItems(ctx, d.e.now().Add(-keep))
		switch {
		case err != nil && ctx.Err() == nil:
			d.log.Error("prune old items", "err", err)
		case n > 0:
			d.log.Info("pruned old items", "items", n, "older_than", keep.String())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
