package bot

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// slackHeaders signs body the way Slack does: X-Slack-Request-Timestamp is
// the Unix time, X-Slack-Signature is "v0=" and the hex HMAC-SHA256 of
// "v0:TIMESTAMP:BODY" keyed with the signing secret. It is written apart
// from the Verifier so that the two check each other.
func slackHeaders(secret string, at time.Time, body string) http.Header {
	ts := fmt.Sprint(at.Unix())
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + ts + ":" + body))
	h := http.Header{}
	h.Set("X-Slack-Request-Timestamp", ts)
	h.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return h
}

func TestVerifier(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	body := "token=x&team_id=T1&command=%2Fpact&text=status+ru-cn"
	tests := []struct {
		name   string
		header func() http.Header
		body   string
		want   error
	}{
		// A request signed now with the right secret passes.
		{"good", func() http.Header { return slackHeaders(testSecret, now, body) }, body, nil},
		// Four minutes either way is inside the window.
		{"4 minutes old", func() http.Header { return slackHeaders(testSecret, now.Add(-4*time.Minute), body) }, body, nil},
		{"4 minutes ahead", func() http.Header { return slackHeaders(testSecret, now.Add(4*time.Minute), body) }, body, nil},
		// Six minutes either way is not.
		{"6 minutes old", func() http.Header { return slackHeaders(testSecret, now.Add(-6*time.Minute), body) }, body, ErrStale},
		{"6 minutes ahead", func() http.Header { return slackHeaders(testSecret, now.Add(6*time.Minute), body) }, body, ErrStale},
		// Another secret, or a body changed after signing, fails.
		{"wrong secret", func() http.Header { return slackHeaders("another", now, body) }, body, ErrBadSignature},
		{"body changed", func() http.Header { return slackHeaders(testSecret, now, body) }, body + "x", ErrBadSignature},
		// A timestamp changed after signing fails.
		{"timestamp changed", func() http.Header {
			h := slackHeaders(testSecret, now, body)
			h.Set("X-Slack-Request-Timestamp", fmt.Sprint(now.Unix()+1))
			return h
		}, body, ErrBadSignature},
		// Missing headers, another version, bad hex and a short MAC fail.
		{"no headers", func() http.Header { return http.Header{} }, body, ErrUnsigned},
		{"v1", func() http.Header {
			h := slackHeaders(testSecret, now, body)
			h.Set("X-Slack-Signature", strings.Replace(h.Get("X-Slack-Signature"), "v0=", "v1=", 1))
			return h
		}, body, ErrBadSignature},
		{"not hex", func() http.Header {
			h := slackHeaders(testSecret, now, body)
			h.Set("X-Slack-Signature", "v0=zz")
			return h
		}, body, ErrBadSignature},
		{"short", func() http.Header {
			h := slackHeaders(testSecret, now, body)
			h.Set("X-Slack-Signature", h.Get("X-Slack-Signature")[:20])
			return h
		}, body, ErrBadSignature},
		{"timestamp not a number", func() http.Header {
			h := slackHeaders(testSecret, now, body)
			h.Set("X-Slack-Request-Timestamp", "soon")
			return h
		}, body, ErrBadSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := NewVerifier(testSecret, func() time.Time { return now })
			if err := v.Verify(t.Context(), tt.header(), []byte(tt.body)); !errors.Is(err, tt.want) {
				t.Errorf("Verify = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestVerifierRefusesReplays(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	clock := now
	v := NewVerifier(testSecret, func() time.Time { return clock })
	h := slackHeaders(testSecret, now, "a=1")
	if err := v.Verify(t.Context(), h, []byte("a=1")); err != nil {
		t.Fatalf("first: %v", err)
	}
	clock = now.Add(time.Minute)
	if err := v.Verify(t.Context(), h, []byte("a=1")); !errors.Is(err, ErrReplayed) {
		t.Errorf("the same request a minute later: %v, want ErrReplayed", err)
	}
	// Another request in the same second is not a replay.
	if err := v.Verify(t.Context(), slackHeaders(testSecret, now, "a=2"), []byte("a=2")); err != nil {
		t.Errorf("another request: %v", err)
	}
	// Once out of the window the request is stale, and its signature is
	// forgotten.
	clock = now.Add(SignatureWindow + 2*time.Minute)
	if err := v.Verify(t.Context(), h, []byte("a=1")); !errors.Is(err, ErrStale) {
		t.Errorf("after the window: %v, want ErrStale", err)
	}
	v.Verify(t.Context(), slackHeaders(testSecret, clock, "b"), []byte("b")) // prunes
	v.mu.Lock()
	n := len(v.seen)
	v.mu.Unlock()
	if n != 1 {
		t.Errorf("%d signatures remembered after the window, want 1", n)
	}
}

func TestVerifierWithoutSecret(t *testing.T) {
	now := time.Now()
	v := NewVerifier("", func() time.Time { return now })
	if err := v.Verify(t.Context(), slackHeaders("", now, "x"), []byte("x")); !errors.Is(err, ErrUnsigned) {
		t.Errorf("no secret: %v, want ErrUnsigned", err)
	}
}

// With the database as its log, a request accepted before a restart is
// refused after it; once out of the window it is refused as stale, and its
// record is pruned.
func TestVerifierReplayAcrossRestart(t *testing.T) {
	clock := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	path := filepath.Join(t.TempDir(), "pactwatch.db")
	open := func() *Verifier {
		store, err := storage.Open(t.Context(), path, storage.WithClock(now))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { store.Close() })
		v := NewVerifier(testSecret, now)
		v.Seen = store
		return v
	}
	h := slackHeaders(testSecret, clock, "a=1")
	if err := open().Verify(t.Context(), h, []byte("a=1")); err != nil {
		t.Fatalf("first request: %v", err)
	}
	clock = clock.Add(time.Minute)
	v := open() // a new process on the same database
	if err := v.Verify(t.Context(), h, []byte("a=1")); !errors.Is(err, ErrReplayed) {
		t.Fatalf("replay after a restart: %v, want ErrReplayed", err)
	}
	if err := v.Verify(t.Context(), slackHeaders(testSecret, clock, "a=2"), []byte("a=2")); err != nil {
		t.Fatalf("a new request: %v", err)
	}
}
