package bot

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/slack-go/slack"
)

// MaxRequestBody is the largest request the Slack endpoints read. Slash
// commands are a few hundred bytes and button clicks a few kilobytes (they
// carry the message clicked), so 64 KiB leaves room without inviting abuse.
const MaxRequestBody = 64 << 10

// Handler serves Slack's HTTP requests, each verified against the signing
// secret: POST /slack/commands (slash commands), POST /slack/interactions
// (button clicks) and POST /slack/events (the Events API, for the Home
// tab). A request that fails verification gets 401 and changes nothing.
func (a *App) Handler(signingSecret string) http.Handler {
	v := NewVerifier(signingSecret, a.now)
	if a.Store != nil {
		v.Seen = a.Store
	}
	mux := http.NewServeMux()
	mux.Handle("POST /slack/commands", a.verified(v, a.serveCommand))
	mux.Handle("POST /slack/interactions", a.verified(v, a.serveInteraction))
	mux.Handle("POST /slack/events", a.verified(v, a.serveEvent))
	return mux
}

// verified reads the body (up to MaxRequestBody), checks Slack's signature
// over it, and hands the request on with the body restored for parsing.
func (a *App) verified(v *Verifier, next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxRequestBody))
		if err != nil {
			if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
				http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "cannot read request", http.StatusBadRequest)
			return
		}
		if err := v.Verify(r.Context(), r.Header, body); err != nil {
			a.log().Warn("refused a request not verified as Slack's", "path", r.URL.Path, "remote", r.RemoteAddr, "reason", err)
			http.Error(w, "invalid Slack signature", http.StatusUnauthorized)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next(w, r)
	})
}

// serveCommand answers a slash command in the response when the answer is
// ready in time, else acknowledges it and posts the answer to
// response_url.
func (a *App) serveCommand(w http.ResponseWriter, r *http.Request) {
	sc, err := slack.SlashCommandParse(r)
	if err != nil {
		http.Error(w, "bad slash command", http.StatusBadRequest)
		return
	}
	ans, ready := a.slashCommand(r.Context(), sc)
	if !ready {
		writeAnswer(w, ans.ackPayload())
		return
	}
	writeAnswer(w, ans.payload())
}

// serveInteraction acknowledges a click at once; what it does follows
// through chat.update and response_url.
func (a *App) serveInteraction(w http.ResponseWriter, r *http.Request) {
	ic, err := slack.InteractionCallbackParse(r)
	if err != nil {
		http.Error(w, "bad interaction payload", http.StatusBadRequest)
		return
	}
	a.Interaction(r.Context(), ic)
	w.WriteHeader(http.StatusOK)
}

// writeAnswer writes a payload as JSON, or an empty 200 for nil.
func writeAnswer(w http.ResponseWriter, p any) {
	if p == nil || p == (*answerPayload)(nil) {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(p)
}
