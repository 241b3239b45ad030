package fakeslack

import (
	"encoding/base64"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Fixed identities of the fake workspace and its bot.
const (
	TeamID    = "T0FAKE"
	BotUserID = "U0BOT"
	BotID     = "B0BOT"
)

// wire is the message as Slack's API shows it.
func (m *Message) wire(withMetadata bool) map[string]any {
	w := map[string]any{"type": "message", "user": BotUserID, "bot_id": BotID, "text": m.Text, "ts": m.TS}
	if m.ThreadTS != "" {
		w["thread_ts"] = m.ThreadTS
	}
	if m.Blocks != nil {
		w["blocks"] = m.Blocks
	}
	if withMetadata && m.Metadata.EventType != "" {
		w["metadata"] = m.Metadata
	}
	return w
}

// history answers conversations.history: the channel's messages, newest
// first, without thread replies (as Slack does), between oldest and latest,
// a page of limit at a time.
func (s *Server) history(p url.Values) any {
	var msgs []*Message
	for _, m := range slices.Backward(s.messages) {
		if m.Channel == p.Get("channel") && (m.ThreadTS == "" || m.ThreadTS == m.TS) {
			msgs = append(msgs, m)
		}
	}
	page, more, next := s.page(msgs, p)
	withMeta := p.Get("include_all_metadata") == "1" || p.Get("include_all_metadata") == "true"
	out := []map[string]any{}
	for _, m := range page {
		w := m.wire(withMeta)
		if n := s.replyCount(m); n > 0 {
			w["thread_ts"], w["reply_count"] = m.TS, n
		}
		out = append(out, w)
	}
	return map[string]any{"ok": true, "messages": out, "has_more": more, "pin_count": 0,
		"response_metadata": map[string]any{"next_cursor": next}}
}

// replies answers conversations.replies: the thread's parent, then its
// replies oldest first.
func (s *Server) replies(p url.Values) any {
	var msgs []*Message
	for _, m := range s.messages {
		if m.Channel == p.Get("channel") && (m.TS == p.Get("ts") || m.ThreadTS == p.Get("ts")) {
			msgs = append(msgs, m)
		}
	}
	if len(msgs) == 0 || msgs[0].TS != p.Get("ts") {
		return slackError("thread_not_found")
	}
	page, more, next := s.page(msgs, p)
	withMeta := p.Get("include_all_metadata") == "1" || p.Get("include_all_metadata") == "true"
	out := []map[string]any{}
	for _, m := range page {
		w := m.wire(withMeta)
		w["thread_ts"] = p.Get("ts")
		out = append(out, w)
	}
	return map[string]any{"ok": true, "messages": out, "has_more": more,
		"response_metadata": map[string]any{"next_cursor": next}}
}

func (s *Server) replyCount(parent *Message) int {
	n := 0
	for _, m := range s.messages {
		if m.Channel == parent.Channel && m.ThreadTS == parent.TS && m.TS != parent.TS {
			n++
		}
	}
	return n
}

// page filters msgs by oldest and latest (exclusive unless inclusive is
// set) and returns the page the cursor and limit select, whether more
// follow, and the cursor for the next page.
func (s *Server) page(msgs []*Message, p url.Values) (page []*Message, more bool, next string) {
	inclusive := p.Get("inclusive") == "1" || p.Get("inclusive") == "true"
	oldest, latest := micros(p.Get("oldest")), micros(p.Get("latest"))
	var in []*Message
	for _, m := range msgs {
		ts := micros(m.TS)
		if oldest > 0 && (ts < oldest || ts == oldest && !inclusive) {
			continue
		}
		if latest > 0 && (ts > latest || ts == latest && !inclusive) {
			continue
		}
		in = append(in, m)
	}
	limit, err := strconv.Atoi(p.Get("limit"))
	if err != nil || limit <= 0 {
		limit = 100
	}
	limit = min(limit, 999)
	start := 0
	if c, err := base64.StdEncoding.DecodeString(p.Get("cursor")); err == nil {
		if n, ok := strings.CutPrefix(string(c), "offset:"); ok {
			start, _ = strconv.Atoi(n)
		}
	}
	start = min(max(start, 0), len(in))
	end := min(start+limit, len(in))
	if end < len(in) {
		next = base64.StdEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(end)))
	}
	return in[start:end], end < len(in), next
}

// micros parses a Slack timestamp ("1700000000.000100", or "1700000000")
// into microseconds, exactly; 0 when empty or unreadable.
func micros(ts string) int64 {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		return 0
	}
	frac = (frac + "000000")[:6]
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0
	}
	return s*1e6 + f
}
