package main

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/pactwatch/pactwatch/storage"
	"github.com/pactwatch/pactwatch/watchers"
)

// metrics are the daemon's Prometheus metrics, on a registry of its own.
// Counters of what happened in this process come from the watchers' poll
// reports; what is in the database (alerts by kind and outcome, the outbox,
// feed failures) is read from it at each scrape, so it survives restarts.
type metrics struct {
	reg       *prometheus.Registry
	polls     *prometheus.CounterVec
	items     *prometheus.CounterVec
	newItems  *prometheus.CounterVec
	matches   *prometheus.CounterVec
	enqueued  *prometheus.CounterVec
	errors    *prometheus.CounterVec
	fetchTime prometheus.Histogram
}

func newMetrics(store *storage.Store) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	perFeed := func(name, help string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "pactwatch", Name: name, Help: help}, []string{"feed"})
	}
	m.polls = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "pactwatch", Name: "polls_total",
		Help: "Feed polls by outcome: ok, not_modified or error."}, []string{"feed", "outcome"})
	m.items = perFeed("items_total", "Items read from feeds.")
	m.newItems = perFeed("items_new_total", "Items seen for the first time.")
	m.matches = perFeed("matches_total", "New (item, agreement) pairs that matched.")
	m.enqueued = perFeed("alerts_enqueued_total", "Alerts written to the outbox because of a feed's items.")
	m.errors = perFeed("feed_errors_total", "Failed polls.")
	m.fetchTime = prometheus.NewHistogram(prometheus.HistogramOpts{Namespace: "pactwatch", Name: "fetch_duration_seconds",
		Help: "Time to fetch and parse one feed.", Buckets: prometheus.ExponentialBuckets(0.01, 3, 9)})
	m.reg.MustRegister(m.polls, m.items, m.newItems, m.matches, m.enqueued, m.errors, m.fetchTime,
		prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}),
		&storeCollector{store: store})
	return m
}

// observePoll counts a poll round's report.
func (m *metrics) observePoll(rep watchers.Report) {
	for _, f := range rep.Feeds {
		outcome := "ok"
		switch {
		case f.Err != nil:
			outcome = "error"
			m.errors.WithLabelValues(f.FeedID).Inc()
		case f.NotModified:
			outcome = "not_modified"
		}
		m.polls.WithLabelValues(f.FeedID, outcome).Inc()
		m.items.WithLabelValues(f.FeedID).Add(float64(f.Items))
		m.newItems.WithLabelValues(f.FeedID).Add(float64(f.New))
		m.matches.WithLabelValues(f.FeedID).Add(float64(f.Matches))
		m.enqueued.WithLabelValues(f.FeedID).Add(float64(f.Alerts))
		m.fetchTime.Observe(f.Elapsed.Seconds())
	}
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Timeout: 5 * time.Second})
}

// storeCollector reads the outbox and feed health from the database at
// each scrape.
type storeCollector struct{ store *storage.Store }

var (
	alertsDesc = prometheus.NewDesc("pactwatch_alerts", "Alerts in the outbox by kind and delivery state (pending, sending, delivered, failed; held and digested for digests; printed without a bot token).",
		[]string{"kind", "state"}, nil)
	depthDesc   = prometheus.NewDesc("pactwatch_outbox_depth", "Alerts not yet delivered.", nil, nil)
	latencyDesc = prometheus.NewDesc("pactwatch_delivery_latency_seconds", "Time from enqueue to Slack's acceptance, over delivered alerts.",
		nil, nil)
	failingDesc = prometheus.NewDesc("pactwatch_feed_consecutive_failures", "Failed polls in a row, by feed.", []string{"feed"}, nil)
)

func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- alertsDesc
	ch <- depthDesc
	ch <- latencyDesc
	ch <- failingDesc
}

func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	stats, err := c.store.AlertStats(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(alertsDesc, err)
		return
	}
	depth := 0
	for _, s := range stats.ByKindState {
		ch <- prometheus.MustNewConstMetric(alertsDesc, prometheus.GaugeValue, float64(s.Count), s.Kind, s.State)
		if s.State == storage.StatePending || s.State == storage.StateSending {
			depth += s.Count
		}
	}
	ch <- prometheus.MustNewConstMetric(depthDesc, prometheus.GaugeValue, float64(depth))
	ch <- prometheus.MustNewConstHistogram(latencyDesc, stats.Latency.Count, stats.Latency.Sum, stats.Latency.Buckets)
	feeds, err := c.store.FeedStates(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(failingDesc, err)
		return
	}
	for id, f := range feeds {
		ch <- prometheus.MustNewConstMetric(failingDesc, prometheus.GaugeValue, float64(f.ConsecutiveFailures), id)
	}
}
