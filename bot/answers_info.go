package bot

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// helpLines are the /pact commands, as help lists them.
var helpLines = []string{
	"`/pact status QUERY` — where an agreement stands: status, since when and why, forecasts, latest news",
	"`/pact list` — every agreement: status, since when, next forecast",
	"`/pact history QUERY` — an agreement's status timeline",
	"`/pact deadlines` — forecasts that passed, and those coming up",
	"`/pact feeds` — each feed's health: last success, last error, items seen",
	"`/pact search QUERY` — stored headlines matching a query (the `match` syntax: `russia china cyber*`), newest first",
	"`/pact export QUERY` — the agreement's timeline with its evidence, as a CSV file in your direct messages",
	"`/pact follow [QUERY]`, `/pact unfollow QUERY` — a direct message to you on an agreement's status changes and deadlines; alone, what you follow",
	"`/pact set QUERY STATUS [YYYY-MM-DD] [URL] [note]` — admins: set the status, since when and on what evidence (a status_change alert follows)",
	"`/pact mute QUERY DURATION` — admins: no mention alerts for a while (`7d`, `36h`; `off` ends it)",
}

// helpAnswer lists the commands, after an optional first line.
func helpAnswer(first string) Answer {
	text := "*/pact* commands:"
	if first != "" {
		text = first + "\n" + text
	}
	for _, l := range helpLines {
		text += "\n• " + l
	}
	return Answer{
		Text: "pactwatch commands: /pact status QUERY, list, history QUERY, deadlines, feeds, search QUERY, export QUERY, follow [QUERY], unfollow QUERY, set QUERY STATUS [YYYY-MM-DD] [URL] [note], mute QUERY DURATION",
		Blocks: []slack.Block{
			sectionBlock(text),
			contextBlock("QUERY is an agreement's id, name, alias or parties (“russia china”). Answers are shown to you alone; add `public` to post one in the channel."),
		},
	}
}

// statusAnswer is the answer to /pact status.
func statusAnswer(r Report) Answer {
	a := r.Agreement
	text := fmt.Sprintf("%s (%s): %s %s", escLine(a.Name, maxName), escLine(a.ID, maxShort),
		escLine(r.State.Status, maxShort), esc(r.since()))
	return Answer{Text: text, Blocks: r.Blocks()}
}

// listAnswer is the answer to /pact list: one section per agreement.
func listAnswer(reports []Report) Answer {
	blocks := []slack.Block{headerBlock(fmt.Sprintf("Agreements (%d)", len(reports)))}
	var fallback []string
	shown := 0
	for _, r := range reports {
		if len(blocks) >= maxBlocks-2 {
			break
		}
		a := r.Agreement
		s := "*" + escLine(a.Name, maxName) + "* `" + escLine(a.ID, maxShort) + "`\n*" +
			statusText(r.State.Status) + "* since " + r.sinceDate()
		if f, ok := r.nextForecast(); ok {
			s += "\nNext: " + forecastMrkdwn(f)
		}
		blocks = append(blocks, sectionBlock(s))
		fallback = append(fallback, escLine(a.ID, maxShort)+" "+escLine(r.State.Status, maxShort))
		shown++
	}
	more := ""
	if n := len(reports) - shown; n > 0 {
		more = fmt.Sprintf("%d more not shown (`pactwatch status` lists them all)", n)
	}
	blocks = append(blocks, contextBlock("`/pact status ID` for the details of one", more))
	return Answer{Text: fmt.Sprintf("%d agreements: %s", len(reports), strings.Join(fallback, "; ")), Blocks: blocks}
}

// maxHistory is how many history entries /pact history shows, newest
// first: enough for any real timeline, within Slack's limits.
const maxHistory = 25

// historyAnswer is the answer to /pact history: the status timeline,
// newest first.
func historyAnswer(a *config.Agreement, list []storage.Change, names map[string]string) Answer {
	blocks := []slack.Block{headerBlock("History: " + a.Name)}
	shown := 0
	for i := len(list) - 1; i >= 0 && shown < maxHistory; i-- {
		blocks = append(blocks, sectionBlock(changeMrkdwn(list[i], names)))
		shown++
	}
	more := ""
	if n := len(list) - shown; n > 0 {
		more = fmt.Sprintf("%d older entries not shown", n)
	}
	blocks = append(blocks, contextBlock("Newest first; dates are when each status became true", more))
	text := fmt.Sprintf("History of %s: %d entries", escLine(a.Name, maxName), len(list))
	if len(list) > 0 {
		last := list[len(list)-1]
		text += ", latest " + escLine(last.Status, maxShort)
		if !last.EffectiveAt.IsZero() {
			text += " on " + last.EffectiveAt.Format(dateFmt)
		}
	}
	return Answer{Text: text, Blocks: blocks}
}

// changeMrkdwn is one history entry: when, the move, and what caused it.
func changeMrkdwn(c storage.Change, names map[string]string) string {
	day := slackDay(c.EffectiveAt)
	if day == "" {
		day = "From the start" // a starting status of no known date
	}
	s := "*" + day + "* · "
	status := "*" + escLine(c.Status, maxShort) + "*"
	switch {
	case c.Source == storage.SourceAdmin && c.Previous == c.Status:
		s += status + " confirmed by " + userMention(c.UserID)
	case c.Source == storage.SourceDetected && c.Previous == "":
		s += "evidence of " + status + " (older than the status then held; kept for forecasts)"
	case c.Previous != "" && c.Previous != c.Status:
		s += escLine(c.Previous, maxShort) + " → " + status
	default:
		s += status
	}
	switch {
	case c.Source == storage.SourceAdmin && c.Previous != c.Status:
		s += " · set by " + userMention(c.UserID)
		if c.Note != "" {
			s += ": " + escLine(c.Note, maxNote)
		}
	case c.Source == storage.SourceConfig:
		s += " · _starting status from the config_"
	}
	if c.Link != "" || c.Title != "" {
		s += "\n" + changeEvidence(c, names)
	}
	if c.Sentence != "" && c.Source == storage.SourceDetected {
		s += "\n" + quoteText(c.Sentence, maxTitle)
	}
	if c.Retracted {
		s += "\n_retracted by an admin: forecasts are not judged on it_"
	}
	return s
}

// deadlinesAnswer is the answer to /pact deadlines: forecasts that passed
// (latest first), then those to come (soonest first), then each source's
// record of forecasts (most forecasts first).
func deadlinesAnswer(passed, coming []deadline, fulfilled int, ledger []forecasterRecord) Answer {
	line := func(d deadline) string {
		return "• *" + escLine(d.r.Agreement.Name, maxName) + "* (now *" + escLine(d.r.State.Status, maxShort) + "*): " +
			forecastMrkdwn(d.f)
	}
	var p, c []string
	for _, d := range passed {
		p = append(p, line(d))
	}
	for _, d := range coming {
		c = append(c, line(d))
	}
	blocks := []slack.Block{headerBlock("Deadlines")}
	blocks = append(blocks, lineSections(":alarm_clock: *Passed without the forecast coming true*", p)...)
	blocks = append(blocks, lineSections(":spiral_calendar_pad: *Coming up*", c)...)
	if len(p)+len(c) == 0 {
		blocks = append(blocks, sectionBlock("No forecast is pending or overdue."))
	}
	var recs []string
	for _, r := range ledger {
		recs = append(recs, fmt.Sprintf("• *%s*: %d made, %d met, %d slipped, %d passed",
			escLine(r.Source, maxShort), r.Made, r.Met, r.Slipped, r.Passed))
	}
	blocks = append(blocks, lineSections(":ledger: *Who forecast what*", recs)...)
	if fulfilled > 0 {
		what := "forecasts"
		if fulfilled == 1 {
			what = "forecast"
		}
		blocks = append(blocks, contextBlock(fmt.Sprintf("%d fulfilled %s not shown", fulfilled, what)))
	}
	return Answer{
		Text:   fmt.Sprintf("Deadlines: %d passed, %d coming up", len(p), len(c)),
		Blocks: blocks,
	}
}

// feedsAnswer is the answer to /pact feeds: each feed's health, with the
// text of its last error when withErrors (see FeedHealth).
func feedsAnswer(feeds []config.Feed, states map[string]storage.FeedState, withErrors bool) Answer {
	var lines []string
	failing := 0
	for _, f := range feeds {
		st, ok := states[f.ID]
		if !ok {
			st = storage.FeedState{ID: f.ID}
		}
		icon := ":white_check_mark:"
		switch {
		case st.LastPolledAt.IsZero():
			icon = ":grey_question:"
		case st.ConsecutiveFailures > 0:
			icon = ":warning:"
			failing++
		}
		name := escLine(f.ID, maxShort)
		if f.Name != "" || st.Title != "" {
			name = "*" + escLine(cmp.Or(f.Name, st.Title), maxShort) + "* `" + name + "`"
		} else {
			name = "`" + name + "`"
		}
		lines = append(lines, icon+" "+name+" "+feedHealthMrkdwn(st, withErrors))
	}
	blocks := []slack.Block{headerBlock(fmt.Sprintf("Feeds (%d)", len(feeds)))}
	blocks = append(blocks, lineSections("", lines)...)
	return Answer{
		Text:   fmt.Sprintf("Feeds: %d, %d failing", len(feeds), failing),
		Blocks: blocks,
	}
}
