// Package fakeslack is a recording fake of the Slack Web API for tests: an
// httptest server that answers the methods pactwatch calls the way Slack
// does, remembers what was posted so tests can read it back, and fails on
// request (HTTP errors, rate limits, Slack errors, cut connections).
//
// Point slack-go at it with slack.OptionAPIURL(server.URL()), or set
// SLACK_API_URL to server.URL() for a whole binary.
package fakeslack

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a fake Slack Web API. It is safe for concurrent use.
type Server struct {
	srv   *httptest.Server
	token string
	now   func() time.Time

	mu         sync.Mutex
	lastTS     int64 // microseconds of the last ts handed out
	messages   []*Message
	ephemerals []Message
	views      []View
	calls      map[string]int
	faults     []*pendingFault
	responses  []Response
	socket     socket
	uploads    map[string]*File // by file id, uploaded or waiting for its bytes
	files      []File           // shared
	nextFile   int
}

// Option configures a Server.
type Option func(*Server)

// WithToken makes the server answer invalid_auth to requests that do not
// carry token (as a form field or a Bearer header). Without it any token
// is accepted.
func WithToken(token string) Option { return func(s *Server) { s.token = token } }

// WithClock makes message timestamps follow now instead of the wall clock,
// for tests with a fake clock that search history by time. Timestamps stay
// unique and increasing whatever the clock does.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// New starts a fake Slack API that is closed when the test ends.
func New(t testing.TB, opts ...Option) *Server {
	s := &Server{now: time.Now, calls: map[string]int{}}
	for _, o := range opts {
		o(s)
	}
	s.srv = httptest.NewServer(s)
	t.Cleanup(s.srv.Close)
	return s
}

// URL is the base URL of the API, with the trailing slash slack-go needs:
// "http://127.0.0.1:PORT/api/".
func (s *Server) URL() string { return s.srv.URL + "/api/" }

// Calls returns how many requests reached the API method (such as
// "chat.postMessage"), failed ones included.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// handlers answer each API method; they run with s.mu held and return the
// JSON answer.
var handlers = map[string]func(s *Server, p url.Values) any{
	"chat.postMessage":             (*Server).postMessage,
	"chat.update":                  (*Server).update,
	"chat.postEphemeral":           (*Server).postEphemeral,
	"conversations.history":        (*Server).history,
	"conversations.replies":        (*Server).replies,
	"views.publish":                (*Server).publishView,
	"auth.test":                    (*Server).authTest,
	"apps.connections.open":        (*Server).openConnection,
	"conversations.open":           (*Server).openConversation,
	"files.getUploadURLExternal":   (*Server).getUploadURL,
	"files.completeUploadExternal": (*Server).completeUpload,
}

// ServeHTTP answers one API call.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, responsePath):
		s.serveResponse(w, r)
		return
	case r.URL.Path == socketPath:
		s.serveSocket(w, r)
		return
	case strings.HasPrefix(r.URL.Path, uploadPath):
		s.serveUpload(w, r)
		return
	}
	method, ok := strings.CutPrefix(r.URL.Path, "/api/")
	if !ok {
		http.NotFound(w, r)
		return
	}
	p, err := params(r)
	if err != nil {
		writeJSON(w, slackError("invalid_form_data"))
		return
	}
	s.mu.Lock()
	s.calls[method]++
	fault := s.takeFault(method)
	if fault != nil && !fault.AfterEffect {
		s.mu.Unlock()
		fault.apply(w)
		return
	}
	var answer any
	switch h, known := handlers[method]; {
	case method == "apps.connections.open": // the app-level token, checked by the handler
		answer = h(s, p)
	case s.token != "" && p.Get("token") != s.token:
		answer = slackError("invalid_auth")
	case !known:
		answer = slackError("unknown_method")
	default:
		answer = h(s, p)
	}
	s.mu.Unlock()
	if fault != nil {
		fault.apply(w)
		return
	}
	writeJSON(w, answer)
}

// params returns the call's parameters, whether sent as a form (chat.*,
// conversations.*) or as JSON with a Bearer token (views.*). JSON values
// that are not strings are kept as JSON text, as Slack's form encoding of
// blocks and metadata would have them.
func params(r *http.Request) (url.Values, error) {
	p := url.Values{}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var body map[string]json.RawMessage
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		for k, raw := range body {
			var str string
			if json.Unmarshal(raw, &str) == nil {
				p.Set(k, str)
			} else {
				p.Set(k, string(raw))
			}
		}
	} else {
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		p = r.Form
	}
	if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && p.Get("token") == "" {
		p.Set("token", tok)
	}
	return p, nil
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		http.Error(w, fmt.Sprint(err), http.StatusInternalServerError)
	}
}

// slackError is Slack's answer to a call that failed: HTTP 200 with
// ok false.
func slackError(code string) map[string]any {
	return map[string]any{"ok": false, "error": code}
}
