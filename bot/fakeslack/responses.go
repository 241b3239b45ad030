package fakeslack

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

// responsePath is where the fake receives what apps post to a
// response_url.
const responsePath = "/response/"

// Response is a payload an app posted to a response_url.
type Response struct {
	Name            string // the name given to ResponseURL
	ResponseType    string `json:"response_type"`
	Text            string `json:"text"`
	Blocks          json.RawMessage
	ReplaceOriginal *bool `json:"replace_original"`
	// Raw is the payload as posted.
	Raw json.RawMessage
}

// ResponseURL returns a response_url under the fake, to put in the slash
// commands and clicks a test sends; what is posted to it is kept under
// name.
func (s *Server) ResponseURL(name string) string { return s.srv.URL + responsePath + name }

// Responses returns what was posted to the response_url of name, in order.
func (s *Server) Responses(name string) []Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Response
	for _, r := range s.responses {
		if r.Name == name {
			out = append(out, r)
		}
	}
	return out
}

// serveResponse records a post to a response_url, answering as Slack does:
// 200 "ok", or 400 for a payload that is not a JSON object.
func (s *Server) serveResponse(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(r.Body)
	var resp Response
	if err != nil || json.Unmarshal(body, &resp) != nil {
		http.Error(w, "invalid_payload", http.StatusBadRequest)
		return
	}
	var blocks struct {
		Blocks json.RawMessage `json:"blocks"`
	}
	_ = json.Unmarshal(body, &blocks)
	resp.Name, resp.Blocks, resp.Raw = strings.TrimPrefix(r.URL.Path, responsePath), blocks.Blocks, body
	s.mu.Lock()
	s.calls["response_url"]++
	s.responses = append(s.responses, resp)
	s.mu.Unlock()
	_, _ = io.WriteString(w, "ok")
}
