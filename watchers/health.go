package watchers

import (
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// maxBackoff caps how long a failing feed waits between polls.
const maxBackoff = 6 * time.Hour

// saveHealth records how a feed's poll went: on success its new validators
// and counters; on failure the error, the failure count and when to try
// again. After BrokenAfter failures in a row it raises one feed_broken alert
// to the admin channel, and one more when the feed recovers.
func (w *Watcher) saveHealth(tx *storage.Tx, p *plan, fe *fetched) error {
	now := w.opts.Now()
	st := fe.state
	st.ID = fe.feed.ID
	st.LastPolledAt = now
	var alert *storage.Alert
	if fe.result.Err == nil {
		if st.FirstPolledAt.IsZero() {
			st.FirstPolledAt = now
		}
		if !fe.result.NotModified {
			st.ETag, st.LastModified = fe.resp.Validators.ETag, fe.resp.Validators.LastModified
		}
		st.LastSuccessAt = now
		if fe.title != "" {
			st.Title = fe.title
		}
		st.ItemsSeen += fe.result.New
		st.ConsecutiveFailures = 0
		st.NextPollAt = time.Time{}
		if st.Broken {
			st.Broken = false
			alert = &storage.Alert{Kind: storage.KindFeedBroken, Feed: st.ID, Note: "recovered"}
		}
	} else {
		st.LastError, st.LastErrorAt = fe.result.Err.Error(), now
		st.ConsecutiveFailures++
		st.NextPollAt = now.Add(backoff(st.ConsecutiveFailures))
		if st.ConsecutiveFailures >= w.opts.BrokenAfter && !st.Broken {
			st.Broken = true
			alert = &storage.Alert{Kind: storage.KindFeedBroken, Feed: st.ID, Error: st.LastError}
		}
	}
	if err := tx.SaveFeedState(st); err != nil {
		return err
	}
	if alert == nil {
		return nil
	}
	alert.Channel = p.cfg.Slack.AdminChannel
	_, err := tx.Enqueue(alert)
	return err
}

// backoff is how long a feed that failed n times in a row waits before the
// next try: a minute, doubling, up to maxBackoff.
func backoff(n int) time.Duration {
	d := time.Minute
	for i := 1; i < n && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}
