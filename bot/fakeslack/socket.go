package fakeslack

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// socketPath is the fake's Socket Mode websocket endpoint, the URL
// apps.connections.open hands out.
const socketPath = "/ws"

// WithAppToken makes apps.connections.open answer invalid_auth to any
// app-level token but this one. Without it any token is accepted.
func WithAppToken(token string) Option { return func(s *Server) { s.socket.appToken = token } }

// socket is the Socket Mode side of the fake: the app connected to /ws,
// and the acknowledgements it sent.
type socket struct {
	appToken string

	mu        sync.Mutex // guards the fields below; writes to conn hold it too
	conn      *websocket.Conn
	connected chan struct{} // closed at the first connection
	opens     int
	nextID    int
	acks      map[string]json.RawMessage // envelope id → the ack's payload ("null" for none)
	ackWait   map[string]chan struct{}
}

// Ack is a Socket Mode acknowledgement as the app sent it.
type Ack struct {
	EnvelopeID string          `json:"envelope_id"`
	Payload    json.RawMessage `json:"payload"`
}

func (s *Server) openConnection(p url.Values) any {
	if s.socket.appToken != "" && p.Get("token") != s.socket.appToken {
		return slackError("invalid_auth")
	}
	s.socket.mu.Lock()
	s.socket.opens++
	s.socket.mu.Unlock()
	return map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(s.srv.URL, "http") + socketPath}
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// serveSocket accepts the app's websocket, greets it with "hello" as Slack
// does, pings it so that it knows the connection lives, and records every
// acknowledgement it sends until it goes away.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	sk := &s.socket
	sk.mu.Lock()
	sk.conn = conn
	if sk.connected == nil {
		sk.connected = make(chan struct{})
	}
	select {
	case <-sk.connected:
	default:
		close(sk.connected)
	}
	err = conn.WriteJSON(map[string]any{"type": "hello", "num_connections": 1,
		"connection_info": map[string]any{"app_id": "A0FAKE"}})
	sk.mu.Unlock()
	if err != nil {
		return
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				_ = conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second))
			}
		}
	}()
	for {
		var ack Ack
		if err := conn.ReadJSON(&ack); err != nil {
			return
		}
		sk.mu.Lock()
		if sk.acks == nil {
			sk.acks = map[string]json.RawMessage{}
		}
		if ack.Payload == nil {
			ack.Payload = json.RawMessage("null")
		}
		sk.acks[ack.EnvelopeID] = ack.Payload
		if ch, ok := sk.ackWait[ack.EnvelopeID]; ok {
			close(ch)
			delete(sk.ackWait, ack.EnvelopeID)
		}
		sk.mu.Unlock()
	}
}

// ErrNoSocket is returned when no app connected over Socket Mode in time.
var ErrNoSocket = errors.New("no app connected over Socket Mode")

// Send sends the connected app a Socket Mode envelope of type typ
// ("slash_commands", "interactive", "events_api") carrying payload, and
// returns its envelope id. It waits up to timeout for an app to connect.
func (s *Server) Send(typ string, payload any, timeout time.Duration) (string, error) {
	sk := &s.socket
	sk.mu.Lock()
	if sk.connected == nil {
		sk.connected = make(chan struct{})
	}
	connected := sk.connected
	sk.mu.Unlock()
	select {
	case <-connected:
	case <-time.After(timeout):
		return "", ErrNoSocket
	}
	raw, err := json.Marshal(payload)
	if err != nil {
		return "", err
	}
	sk.mu.Lock()
	defer sk.mu.Unlock()
	sk.nextID++
	id := fmt.Sprintf("env-%d", sk.nextID)
	if sk.ackWait == nil {
		sk.ackWait = map[string]chan struct{}{}
	}
	sk.ackWait[id] = make(chan struct{})
	err = sk.conn.WriteJSON(map[string]any{"envelope_id": id, "type": typ, "payload": json.RawMessage(raw),
		"accepts_response_payload": typ == "slash_commands", "retry_attempt": 0, "retry_reason": ""})
	if err != nil {
		return "", fmt.Errorf("send envelope: %w", err)
	}
	return id, nil
}

// WaitAck waits up to timeout for the app to acknowledge an envelope and
// returns the acknowledgement's payload ("null" when it carried none).
func (s *Server) WaitAck(envelopeID string, timeout time.Duration) (json.RawMessage, error) {
	sk := &s.socket
	sk.mu.Lock()
	if p, ok := sk.acks[envelopeID]; ok {
		sk.mu.Unlock()
		return p, nil
	}
	ch, ok := sk.ackWait[envelopeID]
	sk.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("unknown envelope %s", envelopeID)
	}
	select {
	case <-ch:
	case <-time.After(timeout):
		return nil, fmt.Errorf("envelope %s not acknowledged within %s", envelopeID, timeout)
	}
	sk.mu.Lock()
	defer sk.mu.Unlock()
	return sk.acks[envelopeID], nil
}

// SocketOpens returns how many times apps.connections.open succeeded.
func (s *Server) SocketOpens() int {
	s.socket.mu.Lock()
	defer s.socket.mu.Unlock()
	return s.socket.opens
}
