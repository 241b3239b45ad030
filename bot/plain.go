package bot

import (
	"fmt"
	"strings"

	"github.com/pactwatch/pactwatch/storage"
)

// maxPlainValue bounds each detail line of the plain rendering.
const maxPlainValue = 500

// plainAlert renders an alert as readable plain text: a headline such as
// "[status_change] Russia–China cyber pact (ru-cn-cyber): rumored → signed"
// followed by indented detail lines.
func plainAlert(a storage.Alert) string {
	var b strings.Builder
	b.WriteString("[" + a.Kind + "] " + plainHeadline(a))
	detail := func(key, value string) {
		if value = cutPlain(oneLine(value), maxPlainValue); value != "" {
			fmt.Fprintf(&b, "\n    %-9s %s", key+":", value)
		}
	}
	if it := a.Item; it != nil {
		detail("title", it.Title)
		detail("link", it.Link)
		detail("feed", plainFeed(it))
		if !it.Published.IsZero() {
			detail("date", plainMoment(it.Published))
		}
	}
	if a.Sentence != "" {
		detail("sentence", `"`+oneLine(a.Sentence)+`"`)
	}
	if f := a.Forecast; f != nil {
		detail("forecast", f.What)
		detail("due", byDue(f.Due))
		detail("source", f.Source)
	}
	detail("rule", a.Rule)
	if d := a.Digest; d != nil {
		for _, g := range d.Groups {
			fmt.Fprintf(&b, "\n    %s (%s):", cutPlain(oneLine(g.AgreementName), maxName), g.Status)
			for _, s := range g.Stories {
				line := cutPlain(oneLine(s.Item.Title), maxPlainValue) + " — " + plainFeed(&s.Item)
				if !s.Item.Published.IsZero() {
					line += ", " + s.Item.Published.UTC().Format(dateFmt)
				}
				if s.Outlets > 1 {
					line += fmt.Sprintf(" [%d outlets]", s.Outlets)
				}
				fmt.Fprintf(&b, "\n      - %s %s", line, s.Item.Link)
			}
		}
	}
	detail("set by", a.UserID)
	detail("note", a.Note)
	return b.String()
}

// plainHeadline is the part of the first line after the kind.
func plainHeadline(a storage.Alert) string {
	who := cutPlain(agreementName(a), maxName)
	if a.Agreement != "" && a.Agreement != agreementName(a) {
		who += " (" + a.Agreement + ")"
	}
	switch a.Kind {
	case storage.KindDigest:
		if d := a.Digest; d != nil {
			return fmt.Sprintf("%d stories, part %d of %d", d.Total, d.Part, d.Parts)
		}
	case storage.KindFeedBroken:
		if a.Error == "" {
			return a.Feed + ": recovered"
		}
		return a.Feed + ": " + cutPlain(oneLine(a.Error), maxPlainValue)
	case storage.KindSourceAdded:
		feed := ""
		if a.Item != nil {
			feed = feedName(a.Item)
		}
		return who + ": also reported by " + feed
	case storage.KindDeadlinePassed, storage.KindDeadlineApproaching:
		if f := a.Forecast; f != nil {
			return who + ": " + oneLine(f.What) + " " + byDue(f.Due) + ", status " + a.Status
		}
	}
	return who + ": " + statusMove(a)
}

// plainFeed is "The Hill (thehill-cyber)", or the id alone when the feed
// has no other name.
func plainFeed(it *storage.ItemRef) string {
	if it.FeedName != "" && it.FeedName != it.Feed {
		return it.FeedName + " (" + it.Feed + ")"
	}
	return it.Feed
}
