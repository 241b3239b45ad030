package bot

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Why a request was refused as not coming from Slack. Each is reported to
// the caller (and logged), never shown to the sender beyond a 401.
var (
	ErrUnsigned     = errors.New("request is not signed")
	ErrBadSignature = errors.New("signature does not match")
	ErrStale        = errors.New("timestamp is more than five minutes off")
	ErrReplayed     = errors.New("request was already received")
)

// SignatureWindow is how far a request's timestamp may be from the clock.
// Slack's own guidance is five minutes; a signature is remembered for as
// long, so a captured request cannot be played again inside the window.
const SignatureWindow = 5 * time.Minute

// Verifier checks Slack's v0 request signatures: "v0=" and the hex
// HMAC-SHA256 of "v0:TIMESTAMP:BODY" keyed with the app's signing secret.
// Unlike slack-go's SecretsVerifier it reads an injected clock and refuses
// a request it has already accepted. It is safe for concurrent use.
type Verifier struct {
	secret []byte
	now    func() time.Time
	// Seen, when set, records the signatures accepted (the database), so
	// that a request replayed after a restart is refused too; otherwise
	// they are kept in memory.
	Seen SignatureLog

	mu        sync.Mutex
	seen      map[string]time.Time // signature → when it leaves the window
	nextPrune time.Time
}

// SignatureLog remembers request signatures for a while; storage.Store is
// one.
type SignatureLog interface {
	// RememberSignature records sig until expires and reports false when
	// it was recorded already.
	RememberSignature(ctx context.Context, sig string, expires time.Time) (bool, error)
}

// NewVerifier returns a Verifier for the signing secret, reading the time
// from now (time.Now when nil).
func NewVerifier(secret string, now func() time.Time) *Verifier {
	if now == nil {
		now = time.Now
	}
	return &Verifier{secret: []byte(secret), now: now, seen: map[string]time.Time{}}
}

// Verify checks the signature headers against the raw body. It returns nil
// at most once per signature: the first time a genuine, timely request is
// seen.
func (v *Verifier) Verify(ctx context.Context, h http.Header, body []byte) error {
	tsText, sigText := h.Get("X-Slack-Request-Timestamp"), h.Get("X-Slack-Signature")
	if tsText == "" || sigText == "" || len(v.secret) == 0 {
		return ErrUnsigned
	}
	ts, err := strconv.ParseInt(tsText, 10, 64)
	if err != nil {
		return ErrBadSignature
	}
	hexSig, ok := strings.CutPrefix(sigText, "v0=")
	if !ok {
		return ErrBadSignature
	}
	got, err := hex.DecodeString(hexSig)
	if err != nil || len(got) != sha256.Size {
		return ErrBadSignature
	}
	mac := hmac.New(sha256.New, v.secret)
	mac.Write([]byte("v0:" + tsText + ":"))
	mac.Write(body)
	if !hmac.Equal(mac.Sum(nil), got) {
		return ErrBadSignature
	}
	// The timestamp is checked after the signature so that a forged request
	// learns nothing from which error it gets.
	now := v.now()
	at := time.Unix(ts, 0)
	if d := now.Sub(at); d > SignatureWindow || d < -SignatureWindow {
		return ErrStale
	}
	sig, until := hex.EncodeToString(got), at.Add(SignatureWindow)
	if v.Seen == nil {
		return v.remember(sig, until, now)
	}
	fresh, err := v.Seen.RememberSignature(ctx, sig, until)
	switch {
	case err != nil:
		// Refused rather than risk accepting a replay.
		return fmt.Errorf("cannot tell whether the request is a replay: %w", err)
	case !fresh:
		return ErrReplayed
	}
	return nil
}

// remember records a signature until it leaves the window, or reports
// ErrReplayed when it is already recorded. Only genuine signatures get
// here, so the map holds no more than what Slack sent in five minutes.
func (v *Verifier) remember(sig string, until, now time.Time) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if !now.Before(v.nextPrune) {
		for s, t := range v.seen {
			if now.After(t) {
				delete(v.seen, s)
			}
		}
		v.nextPrune = now.Add(time.Minute)
	}
	if _, dup := v.seen[sig]; dup {
		return ErrReplayed
	}
	v.seen[sig] = until
	return nil
}
