package bot

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/storage"
)

// TestCommandAnswersGolden sends each /pact command signed as Slack signs
// it through the HTTP endpoint, and compares the answer with its golden
// file (go test ./bot -run Golden -update rewrites them) after checking it
// against Slack's limits. The cases run in order on one database: the
// admin commands at the end change it.
func TestCommandAnswersGolden(t *testing.T) {
	e := newAppEnv(t)
	tests := []struct {
		name, user, text string
		public           bool
	}{
		// Nothing, or help, lists the commands.
		{"help", mallory, "", false},
		{"help_explicit", mallory, "help", false},
		// Every agreement with status, since when and the next forecast.
		{"list", mallory, "list", false},
		// One agreement found by its parties: status, evidence, forecasts, mentions.
		{"status", mallory, "status russia china", false},
		// `public` posts it in the channel.
		{"status_public", mallory, "status ru-cn public", true},
		// A status query without the verb is understood.
		{"status_guessed", mallory, "Rusia–China pact", false},
		// The timeline, newest first.
		{"history", mallory, "history russia china", false},
		// Passed forecasts, then those coming up.
		{"deadlines", mallory, "deadlines", false},
		// Each feed's health, the failing one flagged; what its error
		// says only to admins, and not in a public answer.
		{"feeds", mallory, "feeds", false},
		// Stored headlines matching a query, newest first, with the agreements they mention.
		{"search", mallory, "search russia OR moscow", false},
		// A query that does not parse says why, with the syntax.
		{"search_bad", mallory, "search (russia china", false},
		// Nothing matches: say so, and what search reads.
		{"search_none", mallory, "search iran nuclear", false},
		// Following: nothing yet, then an agreement, again, the list, and an unfollow.
		{"follow_none", mallory, "follow", false},
		{"follow", mallory, "follow russia china", false},
		{"follow_again", mallory, "follow ru-cn-cyber", false},
		{"following", mallory, "Follow", false},
		{"unfollow", mallory, "unfollow russia china", false},
		// The timeline goes to the user's direct messages as a CSV file.
		{"export", mallory, "export russia china", false},
		{"feeds_admin", admin, "feeds", false},
		{"feeds_admin_public", admin, "feeds public", true},
		// Nothing matches: say so and point at the list.
		{"not_found", mallory, "status iran nuclear deal", false},
		// Several match: list them with the command for each.
		{"ambiguous", mallory, "status cyber", false},
		// An unknown verb gets help.
		{"unknown", mallory, "frobnicate", false},
		// A typo of a verb is named, with the command as it was meant.
		{"did_you_mean", mallory, "stauts russia china", false},
		// Admin commands from anyone else are refused.
		{"set_refused", mallory, "set ru-cn stalled", false},
		{"mute_refused", mallory, "mute ru-cn 7d", false},
		// Refusals stay private even when `public` is asked.
		{"set_refused_public", mallory, "set ru-cn stalled public", false},
		// A status the agreement cannot be in is explained.
		{"set_bad_status", admin, "set us china signed", false},
		// No status at all: the agreement's statuses are listed.
		{"set_no_status", admin, "set us china", false},
		// A typo of a status gets the command as it was meant, and changes nothing.
		{"set_typo", admin, "set us china activ talks resumed", false},
		// Setting the status it has changes nothing.
		{"set_same", admin, "set russia china signed", false},
		// An admin sets a status with a note.
		{"set", admin, "set us china active talks resumed in Geneva", false},
		// A bad duration is explained.
		{"mute_bad_duration", admin, "mute ru-cn soon", false},
		// An admin mutes mentions for a week, then ends it.
		{"mute", admin, "mute russia china 7d", false},
		{"mute_off", admin, "mute russia china off", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, ans := e.command(tt.user, tt.text)
			if code != http.StatusOK || ans == nil {
				t.Fatalf("answer: %d %v", code, ans)
			}
			want := "ephemeral"
			if tt.public {
				want = "in_channel"
			}
			if ans["response_type"] != want {
				t.Errorf("response_type %v, want %s", ans["response_type"], want)
			}
			checkAnswer(t, ans)
			checkGolden(t, "answers/"+tt.name+".json", indentJSON(t, ans))
		})
	}
	if n := len(e.slack.Responses("cmd")); n != 0 {
		t.Errorf("%d answers went to response_url; fast answers belong in the response", n)
	}
}

func TestSetStatusRecordsAndAlerts(t *testing.T) {
	e := newAppEnv(t)
	code, ans := e.command(admin, `set "us china" active talks resumed`)
	if code != http.StatusOK || !strings.Contains(ans["text"].(string), "is now *active*") {
		t.Fatalf("answer: %d %v", code, ans)
	}
	st := e.state("us-cn-cyber-wg")
	if st.Status != "active" || st.Last.Source != storage.SourceAdmin || st.Last.UserID != admin ||
		st.Last.Note != "talks resumed" || st.Last.Previous != "stalled" {
		t.Errorf("state after set: %+v", st)
	}
	pending := e.pending()
	if len(pending) != 1 {
		t.Fatalf("%d alerts pending, want 1", len(pending))
	}
	a := pending[0]
	if a.Kind != storage.KindStatusChange || a.Agreement != "us-cn-cyber-wg" || a.Status != "active" ||
		a.PreviousStatus != "stalled" || a.UserID != admin || a.Note != "talks resumed" || a.Channel != "C0POLICY" {
		t.Errorf("alert: %+v", a)
	}
	if e.wakes.Load() == 0 {
		t.Error("delivery was not woken")
	}
	// Delivered, it says who set it, and carries no buttons.
	e.deliver()
	msgs := e.slack.Messages("C0POLICY")
	if len(msgs) != 1 || !strings.Contains(string(msgs[0].Blocks), "@U0ADMIN1") || strings.Contains(string(msgs[0].Blocks), ActionRevert) {
		t.Errorf("posted: %+v", msgs)
	}
}

func TestAdminCommandsRefusedChangeNothing(t *testing.T) {
	e := newAppEnv(t)
	before := e.history("ru-cn-cyber")
	for _, text := range []string{"set ru-cn stalled", "set ru-cn collapsed they walked away", "mute ru-cn 7d", "mute ru-cn off"} {
		code, ans := e.command(mallory, text)
		if code != http.StatusOK || !strings.Contains(ans["text"].(string), "Only pactwatch admins") {
			t.Errorf("%q: %d %v", text, code, ans)
		}
	}
	if after := e.history("ru-cn-cyber"); len(after) != len(before) {
		t.Errorf("history grew from %d to %d entries", len(before), len(after))
	}
	if p := e.pending(); len(p) != 0 {
		t.Errorf("%d alerts enqueued", len(p))
	}
	if until, _ := e.store.MutedUntil(e.ctx, "ru-cn-cyber", e.clock.Now()); !until.IsZero() {
		t.Errorf("muted until %v", until)
	}
	if e.wakes.Load() != 0 {
		t.Error("delivery woken for nothing")
	}
}

func TestMuteSetsAndEnds(t *testing.T) {
	e := newAppEnv(t)
	tests := []struct {
		text string
		want time.Duration // how long it is muted after, 0 for not
	}{
		// Days, hours and weeks as config.ParseDuration reads them.
		{"mute ru-cn 7d", 7 * 24 * time.Hour},
		{"mute russia china 36h", 36 * time.Hour},
		{"mute ru-cn 1w2d", 9 * 24 * time.Hour},
		// off ends it.
		{"mute ru-cn off", 0},
		// Negative, zero-length and year-long-plus durations are refused; it stays unmuted.
		{"mute ru-cn -3d", 0},
		{"mute ru-cn 400d", 0},
	}
	for _, tt := range tests {
		e.command(admin, tt.text)
		until, err := e.store.MutedUntil(e.ctx, "ru-cn-cyber", e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		got := time.Duration(0)
		if !until.IsZero() {
			got = until.Sub(e.clock.Now())
		}
		if got != tt.want {
			t.Errorf("%q: muted for %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestFollowGetsDirectMessages: after /pact follow, an admin's status
// change is enqueued once more for the follower, to the direct-message
// channel conversations.open gave, without the admins' buttons.
func TestFollowGetsDirectMessages(t *testing.T) {
	e := newAppEnv(t)
	e.command(mallory, "follow us china")
	e.command(admin, "set us china active talks resumed")
	list, err := e.store.Alerts(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var copies []storage.Alert
	for _, a := range list {
		if a.Follower != "" {
			copies = append(copies, a)
		}
	}
	if len(copies) != 1 || copies[0].Follower != mallory || copies[0].Channel != "D"+strings.TrimLeft(mallory, "UW") ||
		copies[0].Kind != storage.KindStatusChange || copies[0].Status != "active" {
		t.Fatalf("follower copies = %+v", copies)
	}
	m := Render(copies[0])
	if strings.Contains(string(indentJSON(t, m.Blocks)), ActionConfirm) || !strings.Contains(m.Plain, "us-cn") {
		t.Errorf("follower copy: %s", indentJSON(t, m.Blocks))
	}
}

// TestExportUploadsCSV: /pact export uploads the agreement's timeline as
// a CSV file to the user's direct messages through the files upload API:
// its status history with evidence, forecasts and mentions, oldest first.
func TestExportUploadsCSV(t *testing.T) {
	e := newAppEnv(t)
	code, ans := e.command(mallory, "export russia china")
	if code != http.StatusOK || !strings.Contains(ans["text"].(string), "is in your direct messages") {
		t.Fatalf("answer %d %v", code, ans)
	}
	files := e.slack.Files()
	if len(files) != 1 {
		t.Fatalf("%d files uploaded", len(files))
	}
	f := files[0]
	if f.Channel != "D0MALLORY" || f.Filename != "ru-cn-cyber-timeline-2026-03-01.csv" {
		t.Errorf("file %s to %s", f.Filename, f.Channel)
	}
	want := []string{
		"date,kind,status,previous_status,headline,link,publication,sentence,source,set_by,note,retracted",
		"2026-01-10T09:00:00Z,status,rumored,,,,,,config,,starting status from the config,",
		"2025-12-31T23:59:59Z,forecast,ratified,,ratification by 31 Dec 2025,,,,,,passed,",
		"2026-02-01T06:00:00Z,mention,,,Moscow and Beijing near a cyber accord,https://asia.example/moscow-beijing,asia-desk,,,,,",
		"2026-02-20T09:30:00Z,status,signed,rumored,Russia & China sign <cyber> pact,https://wire.example/2026/02/pact?utm_source=rss,Cyber Wire,Russia and China signed a cyber security pact in Moscow on Friday.,detected,,,",
		"2026-02-20T09:30:00Z,mention,signed,,Russia & China sign <cyber> pact,https://wire.example/2026/02/pact?utm_source=rss,Cyber Wire,,,,,",
		"2026-06-30T23:59:59Z,forecast,signed,,final deal by 30 Jun 2026 (first half of 2026),,,,Kommersant,,\"fulfilled, signed on 20 Feb 2026\",",
	}
	got := strings.Split(strings.TrimSpace(string(f.Content)), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("CSV:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
