package storage

import (
	"context"
	"fmt"
)

// LatencyBuckets are the upper bounds, in seconds, of the delivery latency
// histogram.
var LatencyBuckets = []float64{0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600}

// AlertStats is what the outbox holds, for metrics.
type AlertStats struct {
	ByKindState []KindStateCount
	Latency     Histogram // enqueue to delivery, over delivered alerts
}

// KindStateCount counts alerts of one kind in one state.
type KindStateCount struct {
	Kind, State string
	Count       int
}

// Histogram is a cumulative histogram: Buckets maps each upper bound to the
// number of observations at or below it.
type Histogram struct {
	Count   uint64
	Sum     float64
	Buckets map[float64]uint64
}

// AlertStats counts alerts by kind and state and builds the histogram of
// delivery latency, in a couple of aggregate queries.
func (s *Store) AlertStats(ctx context.Context) (AlertStats, error) {
	var st AlertStats
	rows, err := s.db.QueryContext(ctx, "SELECT kind, state, COUNT(*) FROM alerts GROUP BY kind, state ORDER BY kind, state")
	if err != nil {
		return st, fmt.Errorf("alert stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k KindStateCount
		if err := rows.Scan(&k.Kind, &k.State, &k.Count); err != nil {
			return st, fmt.Errorf("alert stats: %w", err)
		}
		st.ByKindState = append(st.ByKindState, k)
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("alert stats: %w", err)
	}
	st.Latency.Buckets = map[float64]uint64{}
	q := "SELECT COUNT(*), COALESCE(SUM(delivered_at - created_at), 0) / 1000.0"
	args := []any{}
	for _, b := range LatencyBuckets {
		q += ", COALESCE(SUM(delivered_at - created_at <= ?), 0)"
		args = append(args, int64(b*1000))
	}
	dest := []any{&st.Latency.Count, &st.Latency.Sum}
	counts := make([]uint64, len(LatencyBuckets))
	for i := range counts {
		dest = append(dest, &counts[i])
	}
	if err := s.db.QueryRowContext(ctx, q+" FROM alerts WHERE state = 'delivered' AND delivered_at > 0", args...).Scan(dest...); err != nil {
		return st, fmt.Errorf("delivery latency: %w", err)
	}
	for i, b := range LatencyBuckets {
		st.Latency.Buckets[b] = counts[i]
	}
	return st, nil
}
