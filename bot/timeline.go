package bot

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
)

// maxTimelineMentions bounds the mentions an export lists.
const maxTimelineMentions = 100000

// Kinds of timeline rows.
const (
	RowStatus   = "status"   // the agreement's status changed (or was set, or confirmed)
	RowEvidence = "evidence" // news of a status older than the one held: kept for forecasts
	RowForecast = "forecast" // a forecast's due date, with where it stands
	RowMention  = "mention"  // an item about it
)

// TimelineRow is one dated line of an agreement's timeline with its
// evidence: what /pact export and pactwatch export write.
type TimelineRow struct {
	Date        time.Time
	Kind        string
	Status      string // the status after it (status, evidence), or the statuses that fulfil a forecast
	Previous    string
	Headline    string
	Link        string
	Publication string
	Sentence    string
	Source      string // config, detected or admin; the forecast's source
	SetBy       string // the admin's user id
	Note        string // an admin's note; a forecast's state
	Retracted   bool
}

// Timeline gathers an agreement's status history, forecasts and mentions,
// oldest first.
func Timeline(ctx context.Context, store *storage.Store, ag *config.Agreement, now time.Time, names FeedNamer) ([]TimelineRow, error) {
	name := func(id string) string {
		if names == nil || id == "" {
			return id
		}
		return names(ctx, id)
	}
	history, err := store.History(ctx, ag.ID)
	if err != nil {
		return nil, err
	}
	var rows []TimelineRow
	for _, c := range history {
		at := c.EffectiveAt
		if at.IsZero() {
			at = c.RecordedAt // a starting status of no known date: first below, dated when recorded
		}
		r := TimelineRow{Date: at, Kind: RowStatus, Status: c.Status, Previous: c.Previous, Headline: c.Title,
			Link: c.Link, Publication: name(c.FeedID), Sentence: c.Sentence, Source: c.Source, Note: c.Note, Retracted: c.Retracted}
		if c.Source == storage.SourceAdmin {
			r.SetBy = c.UserID
		}
		if c.Source == storage.SourceDetected && c.Previous == "" {
			r.Kind = RowEvidence
		}
		rows = append(rows, r)
	}
	forecasts := make([]ForecastState, 0, len(ag.Forecasts))
	for _, f := range ag.Forecasts {
		forecasts = append(forecasts, forecastState(f, history, now))
	}
	found, err := newsForecasts(ctx, store, ag.ID, history, now)
	if err != nil {
		return nil, err
	}
	for _, fs := range append(forecasts, found...) {
		f := fs.Forecast
		note := fs.State
		if fs.State == ForecastFulfilled {
			note = fmt.Sprintf("fulfilled, %s on %s", fs.DoneVia, fs.DoneAt.UTC().Format(dateFmt))
		}
		if fs.SlippedFrom != "" {
			note += ", slipped from " + fs.SlippedFrom
		}
		rows = append(rows, TimelineRow{Date: f.DueAt.Add(-time.Second), Kind: RowForecast, Headline: f.What + " " + byDue(f.Due),
			Status: strings.Join(f.DoneWhen, " or "), Source: f.Source, Note: note})
	}
	mentions, err := store.LatestMentions(ctx, ag.ID, maxTimelineMentions)
	if err != nil {
		return nil, err
	}
	for _, m := range mentions {
		at := m.Published
		if at.IsZero() {
			at = m.FirstSeen
		}
		rows = append(rows, TimelineRow{Date: at, Kind: RowMention, Status: m.Detected, Headline: m.Title, Link: m.Link,
			Publication: name(m.FeedID)})
	}
	// The starting status from the config comes first: without `since` it
	// is dated when pactwatch first recorded it, after older news.
	start := func(r TimelineRow) bool {
		return r.Kind == RowStatus && r.Source == storage.SourceConfig && r.Previous == ""
	}
	slices.SortStableFunc(rows, func(a, b TimelineRow) int {
		if sa, sb := start(a), start(b); sa != sb {
			if sa {
				return -1
			}
			return 1
		}
		return a.Date.Compare(b.Date)
	})
	return rows, nil
}

// timelineHeader names the CSV columns.
var timelineHeader = []string{"date", "kind", "status", "previous_status", "headline", "link", "publication",
	"sentence", "source", "set_by", "note", "retracted"}

// WriteTimelineCSV writes rows as CSV with a header line, dates in RFC 3339
// (UTC). A cell a spreadsheet would read as a formula (=, +, -, @ first:
// feed titles are anyone's text) is prefixed with an apostrophe.
func WriteTimelineCSV(w io.Writer, rows []TimelineRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(timelineHeader); err != nil {
		return err
	}
	for _, r := range rows {
		retracted := ""
		if r.Retracted {
			retracted = "yes"
		}
		rec := []string{r.Date.UTC().Format(time.RFC3339), r.Kind, r.Status, r.Previous, r.Headline, r.Link, r.Publication,
			r.Sentence, r.Source, r.SetBy, r.Note, retracted}
		for i := range rec {
			rec[i] = safeCell(oneLine(rec[i]))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// safeCell keeps a spreadsheet from running a cell as a formula.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteTimelineMarkdown writes rows as a Markdown document: a title and a
// table of date, what happened and its evidence.
func WriteTimelineMarkdown(w io.Writer, ag *config.Agreement, rows []TimelineRow) error {
	cell := func(s string) string {
		return strings.NewReplacer("|", "\\|", "<", "&lt;", ">", "&gt;", "[", "\\[", "]", "\\]").Replace(oneLine(s))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: timeline\n\n", cell(ag.Name))
	fmt.Fprintf(&b, "`%s`, %s. Oldest first; dates in UTC.\n\n", ag.ID, strings.ReplaceAll(ag.Kind, "_", " "))
	b.WriteString("| Date | What | Evidence |\n| --- | --- | --- |\n")
	for i, r := range rows {
		date := r.Date.UTC().Format("2006-01-02 15:04")
		if i == 0 && r.Kind == RowStatus && r.Source == storage.SourceConfig && len(rows) > 1 && r.Date.After(rows[1].Date) {
			// The starting status, recorded after the news below it.
			date = "start (recorded " + r.Date.UTC().Format("2006-01-02") + ")"
		}
		var what string
		switch r.Kind {
		case RowStatus:
			what = "**" + cell(statusWords(r.Status)) + "**"
			if r.Previous != "" && r.Previous != r.Status {
				what = cell(statusWords(r.Previous)) + " → " + what
			}
			switch r.Source {
			case storage.SourceAdmin:
				what += " (set by " + cell(r.SetBy) + ")"
			case storage.SourceConfig:
				what += " (starting status)"
			}
		case RowEvidence:
			what = "evidence of **" + cell(statusWords(r.Status)) + "** (older than the status then held)"
		case RowForecast:
			what = "forecast: " + cell(r.Headline) + ", done when " + cell(r.Status) + " — " + cell(r.Note)
		default:
			what = "mention"
			if r.Status != "" {
				what += ", reads " + cell(statusWords(r.Status))
			}
		}
		if r.Retracted {
			what += " (retracted)"
		}
		var ev []string
		if r.Kind != RowForecast && (r.Headline != "" || r.Link != "") {
			title := cell(r.Headline)
			if title == "" {
				title = cell(r.Link)
			}
			if r.Link != "" {
				ev = append(ev, "["+title+"]("+strings.NewReplacer("(", "%28", ")", "%29", " ", "%20").Replace(r.Link)+")")
			} else {
				ev = append(ev, title)
			}
		}
		if r.Publication != "" {
			ev = append(ev, cell(r.Publication))
		}
		if r.Sentence != "" {
			ev = append(ev, "“"+cell(r.Sentence)+"”")
		}
		if r.Kind == RowForecast && r.Source != "" {
			ev = append(ev, "forecast by "+cell(r.Source))
		}
		if r.Note != "" && r.Kind != RowForecast && r.Source != storage.SourceConfig {
			ev = append(ev, "note: "+cell(r.Note))
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", date, what, strings.Join(ev, " · "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
