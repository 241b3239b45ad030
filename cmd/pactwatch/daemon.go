package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/pactwatch/pactwatch/bot"
	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
	"github.com/pactwatch/pactwatch/watchers"
)

// daemon is pactwatch running: the scheduler polling feeds, the deliverer
// draining the outbox to Slack, and the HTTP endpoints. main and the
// end-to-end tests build it the same way.
type daemon struct {
	e         *env
	log       *slog.Logger
	store     *storage.Store
	watcher   *watchers.Watcher
	deliverer *bot.Deliverer
	slack     *slackApp // /pact, buttons and the Home tab
	listener  net.Listener
	server    *http.Server
	wake      chan struct{}
	retention time.Duration // prune items older than this; 0 keeps all
	metrics   *metrics

	mu    sync.Mutex
	sched *watchers.Scheduler
}

// newDaemon wires a daemon over an open store. It listens at once (so the
// address is known) but serves nothing until Run.
func newDaemon(cfg *config.Config, store *storage.Store, e *env, log *slog.Logger) (*daemon, error) {
	d := &daemon{e: e, log: log, store: store, wake: make(chan struct{}, 1), metrics: newMetrics(store)}
	d.watcher = watchers.New(cfg, store, watchers.Options{Now: e.now, Log: log, Wake: d.wake, OnPoll: d.metrics.observePoll})
	d.deliverer = newDeliverer(cfg, store, e, log)
	d.deliverer.Names = bot.FeedNames(d.watcher.Config, store) // a reload renames feeds
	slackSide, err := newSlackApp(cfg, store, e, log, d.wake, d.watcher.Config)
	if err != nil {
		return nil, err
	}
	d.slack = slackSide
	if cfg.Listen != "" {
		ln, err := net.Listen("tcp", cfg.Listen)
		if err != nil {
			return nil, fmt.Errorf("listen on %s: %w", cfg.Listen, err)
		}
		d.listener = ln
		d.server = &http.Server{Handler: d.routes(), ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
	}
	return d, nil
}

// Addr is the address the HTTP endpoints listen on, or "".
func (d *daemon) Addr() string {
	if d.listener == nil {
		return ""
	}
	return d.listener.Addr().String()
}

// Run runs until ctx is done, then shuts down in the reverse order of start:
// the scheduler, the HTTP server, delivery (after the message in flight).
// The caller closes the store.
func (d *daemon) Run(ctx context.Context) error {
	replayed, err := d.watcher.Prepare(ctx)
	if err != nil {
		return err
	}
	d.tellReplayed(ctx, replayed)
	if err := d.deliverer.Reconcile(ctx); err != nil {
		d.log.Warn("reconcile alerts left sending", "err", err)
	}
	var wg sync.WaitGroup
	deliverCtx, stopDelivery := context.WithCancel(context.WithoutCancel(ctx))
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := d.deliverer.Run(deliverCtx, d.wake); err != nil && !errors.Is(err, context.Canceled) {
			d.log.Error("delivery stopped", "err", err)
		}
	}()
	wg.Add(1)
	go func() { // Socket Mode and the Home tab; stopped with delivery, after the HTTP server
		defer wg.Done()
		d.slack.Run(deliverCtx)
	}()
	if d.server != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := d.server.Serve(d.listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
				d.log.Error("http server stopped", "err", err)
			}
		}()
		d.log.Info("listening", "addr", d.Addr())
	}
	sched, err := d.watcher.Start(ctx)
	if err != nil {
		stopDelivery()
		d.shutdownHTTP()
		wg.Wait()
		return err
	}
	d.mu.Lock()
	d.sched = sched
	d.mu.Unlock()
	wg.Add(1)
	go func() { // a first round now: downtime must not wait for the next tick
		defer wg.Done()
		rep := d.watcher.PollDue(ctx)
		d.log.Info("first round done", "feeds", len(rep.Feeds), "failed", len(rep.Failed()), "alerts", rep.Alerts())
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		d.watchConfig(ctx)
	}()
	if d.retention > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.retain(ctx, d.retention)
		}()
	}
	d.log.Info("pactwatch running", "feeds", len(d.watcher.Config().Feeds), "agreements", len(d.watcher.Config().Agreements))
	d.loop(ctx)

	stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	sched.Stop(stopCtx)
	d.shutdownHTTP()
	stopDelivery()
	wg.Wait()
	d.log.Info("pactwatch stopped")
	return nil
}

// loop waits for the end, reloading the config on SIGHUP.
func (d *daemon) loop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-d.e.hup:
			d.reload(ctx)
		}
	}
}

func (d *daemon) shutdownHTTP() {
	if d.server == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = d.server.Shutdown(ctx)
}
