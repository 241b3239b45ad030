package main

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// routes is the daemon's HTTP surface.
func (d *daemon) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", d.healthz)
	d.slack.mount(mux)
	mux.Handle("GET /metrics", d.metrics.handler())
	return mux
}

// healthz answers 200 while the database answers, the scheduler runs and
// delivery is not stuck; 503 otherwise, with what was checked.
func (d *daemon) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	checks := map[string]string{"database": "ok", "scheduler": "ok", "delivery": "ok"}
	ok := true
	if err := d.store.Ping(ctx); err != nil {
		checks["database"], ok = err.Error(), false
	}
	d.mu.Lock()
	sched := d.sched
	d.mu.Unlock()
	if sched == nil || !sched.Alive() {
		checks["scheduler"], ok = "not running", false
	}
	if problem := d.deliveryCheck(ctx); problem != "" {
		checks["delivery"], ok = problem, false
	}
	w.Header().Set("Content-Type", "application/json")
	if !ok {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"ok": ok, "checks": checks})
}
