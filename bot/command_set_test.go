package bot

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestSetStatusWithDayAndLink checks /pact set QUERY STATUS [YYYY-MM-DD]
// [URL] [note]: the day dates the change in the history (and the evidence
// time), the link (as Slack escapes it) is its evidence, and both reach the
// alert.
func TestSetStatusWithDayAndLink(t *testing.T) {
	e := newAppEnv(t)
	code, ans := e.command(admin, "set us china active 2026-02-25 <https://news.example/wg-resumes?x=1|news.example/wg-resumes> talks resumed in Geneva")
	if code != http.StatusOK || !strings.Contains(ans["text"].(string), "is now *active* as of 25 Feb 2026") {
		t.Fatalf("answer: %d %v", code, ans)
	}
	day := time.Date(2026, 2, 25, 0, 0, 0, 0, time.UTC)
	st := e.state("us-cn-cyber-wg")
	if st.Status != "active" || !st.EvidenceAt.Equal(day) || st.Last.Link != "https://news.example/wg-resumes?x=1" ||
		st.Last.Note != "talks resumed in Geneva" || !st.Last.EffectiveAt.Equal(day) {
		t.Errorf("state after set: %+v", st)
	}
	pending := e.pending()
	if len(pending) != 1 {
		t.Fatalf("%d alerts pending, want 1", len(pending))
	}
	if a := pending[0]; !a.Since.Equal(day) || a.Item == nil || a.Item.Link != "https://news.example/wg-resumes?x=1" || a.Note != "talks resumed in Geneva" {
		t.Errorf("alert: %+v", a)
	}
	e.deliver()
	msgs := e.slack.Messages("C0POLICY")
	if len(msgs) != 1 || !strings.Contains(string(msgs[0].Blocks), "set the status as of ") || !strings.Contains(string(msgs[0].Blocks), "|25 Feb 2026") ||
		!strings.Contains(string(msgs[0].Blocks), "https://news.example/wg-resumes?x=1") {
		t.Errorf("posted: %+v", msgs)
	}

	// A plain link, no day: as of now, with the link.
	if code, ans = e.command(admin, "set us china stalled https://news.example/wg-stalls"); code != http.StatusOK ||
		!strings.Contains(ans["text"].(string), "is now *stalled* (was active)") {
		t.Fatalf("answer: %d %v", code, ans)
	}
	if st = e.state("us-cn-cyber-wg"); st.Last.Link != "https://news.example/wg-stalls" || st.Last.Note != "" ||
		!st.EvidenceAt.Equal(appNow) {
		t.Errorf("state after a set with a link only: %+v", st)
	}
}

// TestSetStatusRefusesBadDays checks that a day that is no day, a day to
// come, or a day before the evidence of the current status is refused
// with a reason, and changes nothing.
func TestSetStatusRefusesBadDays(t *testing.T) {
	e := newAppEnv(t)
	if code, ans := e.command(admin, "set us china active 2026-02-26 talks resumed"); code != http.StatusOK ||
		!strings.Contains(ans["text"].(string), "is now *active*") {
		t.Fatalf("first set: %d %v", code, ans)
	}
	before := e.history("us-cn-cyber-wg")
	pending := len(e.pending())
	for text, want := range map[string]string{
		"set us china stalled 2026-02-30":                   "is not a day",
		"set us china stalled 2027-01-01 too soon":          "is in the future",
		"set us china stalled 2026-02-01 it stalled before": "on evidence of 26 Feb 2026, after 1 Feb 2026",
		"set us china stalled <https://|x>":                 "is not a link",
	} {
		code, ans := e.command(admin, text)
		if code != http.StatusOK || !strings.Contains(ans["text"].(string), want) {
			t.Errorf("%q: %d %v, want %q", text, code, ans, want)
		}
	}
	if after := e.history("us-cn-cyber-wg"); len(after) != len(before) {
		t.Errorf("history grew from %d to %d entries", len(before), len(after))
	}
	if n := len(e.pending()); n != pending {
		t.Errorf("%d alerts pending, want %d", n, pending)
	}
}
