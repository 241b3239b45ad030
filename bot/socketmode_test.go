package bot

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/bot/fakeslack"
)

const appToken = "xapp-1-A0FAKE-test"

// runSocket runs the app over Socket Mode against a fake Slack that
// accepts token as the app-level token, until the test ends.
func runSocket(t *testing.T, e *appEnv, fs *fakeslack.Server, token string) <-chan error {
	t.Helper()
	sm := NewSocketClient("xoxb-test", token, fs.URL(), slog.New(slog.NewTextHandler(t.Output(), nil)))
	ctx, cancel := context.WithCancel(e.ctx)
	done, stopped := make(chan error, 1), make(chan struct{})
	go func() {
		defer close(stopped)
		done <- e.app.RunSocketMode(ctx, sm)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-stopped:
		case <-time.After(5 * time.Second):
			t.Error("RunSocketMode did not stop")
		}
	})
	return done
}

// slashPayload is a slash command as Socket Mode carries it.
func slashPayload(e *appEnv, user, text, resp string) map[string]any {
	form, _ := url.ParseQuery(e.commandForm(user, text, resp))
	p := map[string]any{}
	for k := range form {
		p[k] = form.Get(k)
	}
	return p
}

func TestSocketModeCommandsClicksAndHome(t *testing.T) {
	e := newAppEnv(t)
	fs := e.slack
	runSocket(t, e, fs, appToken)
	const wait = 5 * time.Second

	// A command is acknowledged with its answer.
	id, err := fs.Send("slash_commands", slashPayload(e, mallory, "status russia china", "s1"), wait)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := fs.WaitAck(id, wait)
	if err != nil {
		t.Fatal(err)
	}
	var ans map[string]any
	if err := json.Unmarshal(raw, &ans); err != nil || ans == nil {
		t.Fatalf("ack payload %s: %v", raw, err)
	}
	if ans["response_type"] != "ephemeral" || !strings.Contains(ans["text"].(string), "signed since 20 Feb 2026") {
		t.Errorf("answer: %v", ans)
	}
	checkAnswer(t, ans)

	// An admin command changes the state as over HTTP, and is refused to others.
	id, _ = fs.Send("slash_commands", slashPayload(e, mallory, "set us china active", "s2"), wait)
	if raw, _ := fs.WaitAck(id, wait); !strings.Contains(string(raw), "Only pactwatch admins") {
		t.Errorf("refusal: %s", raw)
	}
	id, _ = fs.Send("slash_commands", slashPayload(e, admin, "set us china active", "s3"), wait)
	if raw, _ := fs.WaitAck(id, wait); !strings.Contains(string(raw), "is now *active*") {
		t.Errorf("set: %s", raw)
	}
	if got := e.state("us-cn-cyber-wg").Status; got != "active" {
		t.Errorf("status %s after set over Socket Mode", got)
	}

	// A click is acknowledged at once with no payload; the rest follows.
	id, _ = fs.Send("interactive", e.blockAction(admin, ActionConfirm, e.alert.ID, "s4"), wait)
	if raw, err := fs.WaitAck(id, wait); err != nil || string(raw) != "null" {
		t.Errorf("click ack %s, %v", raw, err)
	}
	waitUntil(t, func() bool { return len(fs.Responses("s4")) == 1 })
	e.app.Wait()
	if got := e.lastResponse("s4"); !strings.Contains(got, "Confirmed") {
		t.Errorf("click answer %q", got)
	}
	if m := e.alertMessage(); m.Edits != 1 {
		t.Errorf("alert message edited %d times", m.Edits)
	}

	// Opening the Home tab publishes it.
	id, _ = fs.Send("events_api", homeOpenedEvent(admin2), wait)
	if _, err := fs.WaitAck(id, wait); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, func() bool { _, ok := fs.ViewOf(admin2); return ok })
}

func TestSocketModeSlowAnswer(t *testing.T) {
	e := newAppEnv(t)
	release := make(chan struct{})
	e.app.AnswerWithin = 50 * time.Millisecond
	e.app.slow = func(ctx context.Context) {
		select {
		case <-release:
		case <-ctx.Done():
		}
	}
	runSocket(t, e, e.slack, appToken)
	id, err := e.slack.Send("slash_commands", slashPayload(e, mallory, "list public", "slow"), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := e.slack.WaitAck(id, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if string(raw) != `{"response_type":"in_channel"}` {
		t.Errorf("ack of a slow public answer: %s", raw)
	}
	close(release)
	waitUntil(t, func() bool { return len(e.slack.Responses("slow")) == 1 })
	if r := e.slack.Responses("slow")[0]; r.ResponseType != "in_channel" || !strings.Contains(r.Text, "3 agreements") {
		t.Errorf("late answer: %+v", r)
	}
}

func TestSocketModeRefusedToken(t *testing.T) {
	e := newAppEnv(t)
	fs := fakeslack.New(t, fakeslack.WithAppToken(appToken))
	done := runSocket(t, e, fs, "xapp-wrong")
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "invalid_auth") {
			t.Errorf("RunSocketMode: %v, want invalid_auth", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("RunSocketMode kept going with a refused token")
	}
	if fs.SocketOpens() != 0 {
		t.Error("a connection was opened")
	}
}
