package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/bot/fakeslack"
)

// TestReload checks that an edit of the config file is picked up without a
// restart, and that an invalid edit is refused, said in the admin channel,
// and leaves the old config running.
func TestReload(t *testing.T) {
	feedSrv, _ := feedServer(t, testRSS)
	slack := fakeslack.New(t)
	path := writeConfig(t, "", feedSrv.URL)
	hup := make(chan os.Signal, 1)
	e, _, errOut := testEnv(map[string]string{"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": slack.URL()})
	e.hup = hup
	d := startDaemonEnv(t, path, e, errOut)

	// A valid edit: a second agreement. SIGHUP reloads at once.
	orig, _ := os.ReadFile(path)
	edited := string(orig) + `  - id: us-cn-wg
    name: US–China cyber working group
    kind: working_group
    parties: [United States, China]
    match: 'cyber* NEAR/3 "working group"'
`
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	hup <- os.Interrupt
	waitFor(t, 10*time.Second, func() bool { return len(d.watcher.Config().Agreements) == 2 })
	// The new watch was judged over the items the first round stored, and
	// the admins told what that found.
	waitFor(t, 10*time.Second, func() bool { return len(slack.Messages("C0ADMIN")) == 1 })
	if got := slack.Messages("C0ADMIN")[0].Text; !strings.Contains(got, "new watch us-cn-wg:") || !strings.Contains(got, "status proposed") {
		t.Errorf("replay notice = %q, want what the new watch us-cn-wg found", got)
	}

	// An invalid edit, noticed by the file watch alone: refused, reported.
	if err := os.WriteFile(path, []byte(edited+"    chanel: C1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, func() bool { return len(slack.Messages("C0ADMIN")) == 2 })
	if got := slack.Messages("C0ADMIN")[1].Text; !strings.Contains(got, `unknown key \"chanel\"`) && !strings.Contains(got, "chanel") {
		t.Errorf("admin notice does not name the problem: %q", got)
	}
	if n := len(d.watcher.Config().Agreements); n != 2 {
		t.Errorf("after an invalid edit the daemon runs %d agreements, want the previous 2", n)
	}
	if !strings.Contains(errOut.String(), "config reload refused") {
		t.Errorf("refusal not logged:\n%s", errOut)
	}
}
