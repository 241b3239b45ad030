package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// startDaemon boots the daemon on cfg, with an environment of vars, until
// the test ends, and waits for its first poll round.
func startDaemon(t *testing.T, cfg string, vars map[string]string) (*daemon, *syncBuffer) {
	t.Helper()
	e, _, errOut := testEnv(vars)
	return startDaemonEnv(t, cfg, e, errOut), errOut
}

// startDaemonEnv is startDaemon with an environment of the test's own;
// errOut is its standard error.
func startDaemonEnv(t *testing.T, cfg string, e *env, errOut *syncBuffer) *daemon {
	t.Helper()
	c := &common{config: cfg, logFormat: "text", logLevel: "info"}
	conf, store, log, ok := c.open(context.Background(), e)
	if !ok {
		t.Fatalf("open: %s", errOut)
	}
	d, err := newDaemon(conf, store, e, log)
	if err != nil {
		store.Close()
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
		store.Close()
	})
	waitFor(t, 10*time.Second, func() bool { return strings.Contains(errOut.String(), "first round done") })
	return d
}

// get returns the status code of a GET of url.
func get(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
