package bot

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestEndpointsRefuseUnverifiedRequests(t *testing.T) {
	e := newAppEnv(t)
	body := e.commandForm(admin, "set ru-cn collapsed", "cmd")
	at := e.clock.Now()
	tests := []struct {
		name   string
		header http.Header
		body   string
		want   int
	}{
		// No signature at all.
		{"unsigned", http.Header{}, body, http.StatusUnauthorized},
		// Signed with another secret.
		{"wrong secret", slackHeaders("not-the-secret", at, body), body, http.StatusUnauthorized},
		// Signed six minutes ago, or six minutes ahead.
		{"stale", slackHeaders(testSecret, at.Add(-6*time.Minute), body), body, http.StatusUnauthorized},
		{"future", slackHeaders(testSecret, at.Add(6*time.Minute), body), body, http.StatusUnauthorized},
		// The signature of another body.
		{"tampered", slackHeaders(testSecret, at, strings.Replace(body, "collapsed", "signed", 1)), body, http.StatusUnauthorized},
		// More than 64 KiB is not read at all.
		{"too large", slackHeaders(testSecret, at, body+strings.Repeat("x", MaxRequestBody)), body + strings.Repeat("x", MaxRequestBody), http.StatusRequestEntityTooLarge},
	}
	before := len(e.history("ru-cn-cyber"))
	for _, path := range []string{"/slack/commands", "/slack/interactions", "/slack/events"} {
		for _, tt := range tests {
			t.Run(path+" "+tt.name, func(t *testing.T) {
				code, answer := e.postSigned(path, "application/x-www-form-urlencoded", tt.body, tt.header.Clone())
				if code != tt.want {
					t.Errorf("status %d, want %d (%s)", code, tt.want, answer)
				}
				if strings.Contains(answer, "ru-cn") || strings.Contains(answer, "collapsed") {
					t.Errorf("refusal says too much: %s", answer)
				}
			})
		}
	}
	if st := e.state("ru-cn-cyber"); st.Status != "signed" || len(e.history("ru-cn-cyber")) != before || len(e.pending()) != 0 {
		t.Errorf("a refused request changed something: %+v", st)
	}
}

func TestEndpointsRefuseReplays(t *testing.T) {
	e := newAppEnv(t)
	body := e.commandForm(admin, "set us-cn active", "cmd")
	h := slackHeaders(testSecret, e.clock.Now(), body)
	if code, _ := e.postSigned("/slack/commands", "application/x-www-form-urlencoded", body, h.Clone()); code != http.StatusOK {
		t.Fatalf("first request: %d", code)
	}
	if got := e.state("us-cn-cyber-wg").Status; got != "active" {
		t.Fatalf("status %s after set", got)
	}
	e.command(admin, "set us-cn stalled") // a new request, not a replay
	// The captured first request, played again a minute later, is refused
	// and does not set the status back.
	e.clock.Advance(time.Minute)
	if code, _ := e.postSigned("/slack/commands", "application/x-www-form-urlencoded", body, h.Clone()); code != http.StatusUnauthorized {
		t.Errorf("replay: %d, want 401", code)
	}
	if got := e.state("us-cn-cyber-wg").Status; got != "stalled" {
		t.Errorf("status %s after the replay, want stalled", got)
	}
	if n := len(e.pending()); n != 2 {
		t.Errorf("%d alerts pending, want 2", n)
	}
}

func TestEndpointsAllowOnlyPost(t *testing.T) {
	e := newAppEnv(t)
	res, err := http.Get(e.srv.URL + "/slack/commands")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d", res.StatusCode)
	}
}

// TestSlowAnswerGoesToResponseURL holds every answer until the command is
// acknowledged: Slack must hear back within three seconds whatever the
// database does, and the answer follows through response_url.
func TestSlowAnswerGoesToResponseURL(t *testing.T) {
	for _, public := range []bool{false, true} {
		t.Run(map[bool]string{false: "ephemeral", true: "public"}[public], func(t *testing.T) {
			e := newAppEnv(t)
			release := make(chan struct{})
			e.app.AnswerWithin = 50 * time.Millisecond
			e.app.slow = func(ctx context.Context) {
				select {
				case <-release:
				case <-ctx.Done():
				}
			}
			text := "status russia china"
			if public {
				text += " public"
			}
			code, ack := e.command(mallory, text)
			// The work is still held here: the acknowledgement came first.
			if code != http.StatusOK {
				t.Fatalf("ack: %d", code)
			}
			switch {
			case public && (ack == nil || ack["response_type"] != "in_channel" || ack["text"] != nil):
				t.Errorf("public ack %v, want only response_type in_channel", ack)
			case !public && ack != nil:
				t.Errorf("private ack %v, want an empty body", ack)
			}
			if n := len(e.slack.Responses("cmd")); n != 0 {
				t.Fatalf("%d responses before the answer was ready", n)
			}
			close(release)
			e.app.Wait()
			resps := e.slack.Responses("cmd")
			if len(resps) != 1 {
				t.Fatalf("%d answers through response_url, want 1", len(resps))
			}
			var ans map[string]any
			if err := json.Unmarshal(resps[0].Raw, &ans); err != nil {
				t.Fatal(err)
			}
			want := map[bool]string{false: "ephemeral", true: "in_channel"}[public]
			if ans["response_type"] != want || !strings.Contains(ans["text"].(string), "Russia–China cyber pact") {
				t.Errorf("late answer: %v", ans)
			}
			checkAnswer(t, ans)
		})
	}
}
