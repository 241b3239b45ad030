package fakeslack

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
)

// Message is a message as the fake recorded it.
type Message struct {
	Channel  string
	TS       string
	ThreadTS string // the parent's ts, for a reply
	Text     string
	Blocks   json.RawMessage // as posted; nil when none
	Metadata Metadata
	User     string // chat.postEphemeral: the one user who sees it
	Edits    int    // how many times chat.update changed it
	// Form holds every parameter the client sent (the token too).
	Form url.Values
}

// Metadata is a message's metadata, decoded.
type Metadata struct {
	EventType    string         `json:"event_type"`
	EventPayload map[string]any `json:"event_payload"`
}

// Messages returns the messages posted with chat.postMessage, replies
// included, in the order they were posted; only those of the given
// channels when any are given.
func (s *Server) Messages(channels ...string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.messages {
		if len(channels) == 0 || slices.Contains(channels, m.Channel) {
			out = append(out, m.copy())
		}
	}
	return out
}

// Ephemerals returns the messages posted with chat.postEphemeral.
func (s *Server) Ephemerals() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, len(s.ephemerals))
	for i, m := range s.ephemerals {
		out[i] = m.copy()
	}
	return out
}

func (m *Message) copy() Message {
	c := *m
	c.Form = url.Values{}
	for k, v := range m.Form {
		c.Form[k] = slices.Clone(v)
	}
	return c
}

// message checks and decodes the parameters of a chat call, or returns the
// Slack error code they deserve.
func message(p url.Values) (*Message, string) {
	m := &Message{Channel: p.Get("channel"), ThreadTS: p.Get("thread_ts"), Text: p.Get("text"), Form: p}
	if m.Channel == "" {
		return nil, "channel_not_found"
	}
	if b := p.Get("blocks"); b != "" {
		var blocks []json.RawMessage
		if json.Unmarshal([]byte(b), &blocks) != nil {
			return nil, "invalid_blocks_format"
		}
		m.Blocks = json.RawMessage(b)
	}
	if md := p.Get("metadata"); md != "" {
		if json.Unmarshal([]byte(md), &m.Metadata) != nil {
			return nil, "invalid_metadata_format"
		}
	}
	if m.Text == "" && m.Blocks == nil && p.Get("attachments") == "" {
		return nil, "no_text"
	}
	return m, ""
}

func (s *Server) postMessage(p url.Values) any {
	m, code := message(p)
	if code != "" {
		return slackError(code)
	}
	m.TS = s.nextTS()
	s.messages = append(s.messages, m)
	return map[string]any{"ok": true, "channel": m.Channel, "ts": m.TS, "message": m.wire(true)}
}

func (s *Server) update(p url.Values) any {
	var target *Message
	for _, m := range s.messages {
		if m.Channel == p.Get("channel") && m.TS == p.Get("ts") {
			target = m
		}
	}
	if target == nil {
		return slackError("message_not_found")
	}
	m, code := message(p)
	if code != "" {
		return slackError(code)
	}
	if p.Has("text") {
		target.Text = m.Text
	}
	if p.Has("blocks") {
		target.Blocks = m.Blocks
	}
	if p.Has("metadata") {
		target.Metadata = m.Metadata
	}
	target.Edits++
	return map[string]any{"ok": true, "channel": target.Channel, "ts": target.TS, "text": target.Text}
}

func (s *Server) postEphemeral(p url.Values) any {
	m, code := message(p)
	if code != "" {
		return slackError(code)
	}
	if m.User = p.Get("user"); m.User == "" {
		return slackError("user_not_found")
	}
	m.TS = s.nextTS()
	s.ephemerals = append(s.ephemerals, *m)
	return map[string]any{"ok": true, "message_ts": m.TS}
}

// nextTS hands out a unique, increasing Slack timestamp near the clock's
// time, such as "1700000000.000100". s.mu is held.
func (s *Server) nextTS() string {
	s.lastTS = max(s.now().UnixMicro(), s.lastTS+1)
	return fmt.Sprintf("%d.%06d", s.lastTS/1e6, s.lastTS%1e6)
}
