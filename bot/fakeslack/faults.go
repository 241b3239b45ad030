package fakeslack

import (
	"net/http"
	"strconv"
)

// Fault is how a request fails: set one of Status, Error or Drop (the zero
// Fault answers 500).
type Fault struct {
	// Method limits the fault to one API method ("chat.postMessage");
	// empty means any.
	Method string
	// Status answers with this HTTP status (500, 503, 429…).
	Status int
	// RetryAfter is the Retry-After header, in seconds, sent with Status 429.
	RetryAfter int
	// Error answers HTTP 200 with {"ok":false,"error":Error}, as Slack does
	// for channel_not_found and the like.
	Error string
	// Drop closes the connection without an answer.
	Drop bool
	// AfterEffect carries the request out (the message is recorded, as if
	// Slack accepted it) before failing the answer: the client cannot tell
	// that the post worked, as after a timeout or a crash.
	AfterEffect bool
}

// HTTPStatus fails with an HTTP status such as 500 or 503.
func HTTPStatus(code int) Fault { return Fault{Status: code} }

// RateLimited fails with 429 and Retry-After: seconds.
func RateLimited(seconds int) Fault {
	return Fault{Status: http.StatusTooManyRequests, RetryAfter: seconds}
}

// SlackError fails with a Slack error code such as "channel_not_found".
func SlackError(code string) Fault { return Fault{Error: code} }

// Dropped closes the connection without answering.
func Dropped() Fault { return Fault{Drop: true} }

// On returns the fault limited to one API method.
func (f Fault) On(method string) Fault { f.Method = method; return f }

// Recorded returns the fault applied after the request took effect.
func (f Fault) Recorded() Fault { f.AfterEffect = true; return f }

type pendingFault struct {
	Fault
	left int
}

// FailNext makes the next n requests (to f.Method, if set) fail with f.
// Faults queue up: a later FailNext applies once earlier ones are used.
func (s *Server) FailNext(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n > 0 {
		s.faults = append(s.faults, &pendingFault{Fault: f, left: n})
	}
}

// takeFault returns the fault for a request to method, if any. s.mu is held.
func (s *Server) takeFault(method string) *Fault {
	for i, pf := range s.faults {
		if pf.Method != "" && pf.Method != method {
			continue
		}
		pf.left--
		if pf.left == 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		f := pf.Fault
		return &f
	}
	return nil
}

// apply writes the failed answer.
func (f *Fault) apply(w http.ResponseWriter) {
	switch {
	case f.Drop:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler) // closes the connection too
	case f.Error != "":
		writeJSON(w, slackError(f.Error))
	default:
		status := f.Status
		if status == 0 {
			status = http.StatusInternalServerError
		}
		if f.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(status)
		_, _ = w.Write([]byte("<html><body>fakeslack: " + http.StatusText(status) + "</body></html>"))
	}
}
