package main

import (
	"context"
	"fmt"
	"time"
)

// stuckAfter is how long due alerts may wait, with nothing delivered, before
// delivery counts as stuck.
const stuckAfter = 5 * time.Minute

// deliveryCheck reports "" while delivery moves, else what is wrong: alerts
// due for longer than stuckAfter while nothing was delivered in that time.
// Alerts backing off while Slack is down are not due, so an outage of Slack
// is not reported as pactwatch being stuck.
func (d *daemon) deliveryCheck(ctx context.Context) string {
	now := d.e.now()
	overdue, last, err := d.store.DeliveryHealth(ctx, now.Add(-stuckAfter))
	if err != nil {
		return err.Error()
	}
	if overdue > 0 && now.Sub(last) > stuckAfter {
		return fmt.Sprintf("stuck: %d alerts due for over %s, last delivery %s", overdue, stuckAfter, last.Format(time.RFC3339))
	}
	return ""
}
