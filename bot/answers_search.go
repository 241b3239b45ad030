package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/pactwatch/pactwatch/config"
	"github.com/pactwatch/pactwatch/storage"
	"github.com/pactwatch/pactwatch/watchers/query"
)

// searchLimit is how many items /pact search shows: a screenful.
const searchLimit = 15

const searchUsage = "Usage: `/pact search QUERY`, for example `/pact search russia china cyber*`. " +
	"QUERY is in the language of `match`: words, \"phrases\", prefix*, OR, NOT or -word, NEAR/n, parentheses."

// search is /pact search QUERY: the stored headlines that match, newest
// first.
func (a *App) search(ctx context.Context, cfg *config.Config, text string) (Answer, error) {
	text = strings.TrimSpace(cutPlain(text, maxQuery))
	if text == "" {
		return notice(searchUsage), nil
	}
	q, err := query.Parse(text)
	if err != nil {
		var se *query.SyntaxError
		why := err.Error()
		if errors.As(err, &se) {
			why = se.Error()
		}
		return notice(fmt.Sprintf("“%s” is not a query pactwatch can read: %s.\n%s", escLine(text, maxTitle), escLine(why, maxTitle), searchUsage)), nil
	}
	found, more, err := a.Store.Search(ctx, q, searchLimit)
	if err != nil {
		return Answer{}, err
	}
	var ids []string
	for _, f := range found {
		ids = append(ids, f.FeedID)
	}
	return searchAnswer(cfg, text, found, more, a.feedNames(ctx, ids...)), nil
}

// searchAnswer lists what a search found, one line an item.
func searchAnswer(cfg *config.Config, text string, found []storage.Found, more bool, names map[string]string) Answer {
	blocks := []slack.Block{headerBlock("Search: " + text)}
	if len(found) == 0 {
		msg := fmt.Sprintf("No stored headline matches “%s”. Search reads the titles of the items pactwatch keeps (400 days by default).", escLine(text, maxTitle))
		return Answer{Text: msg, Blocks: []slack.Block{sectionBlock(msg)}}
	}
	var lines []string
	for _, f := range found {
		it := &storage.ItemRef{Link: f.Link, Title: f.Title, Feed: f.FeedID, FeedName: names[f.FeedID], Published: f.At()}
		line := "• " + mrkdwnLink(it.Link, headline(it), maxTitle)
		if src := itemSource(it); src != "" {
			line += " · " + src
		}
		var about []string
		for _, id := range f.Agreements {
			if ag, ok := cfg.Agreement(id); ok {
				about = append(about, escLine(ag.Name, maxName))
			}
		}
		if len(about) > 0 {
			line += " · _" + strings.Join(about, ", ") + "_"
		}
		lines = append(lines, line)
	}
	blocks = append(blocks, lineSections("", lines)...)
	note := countText(len(found), "headline", "headlines") + ", newest first"
	if more {
		note = fmt.Sprintf("The %d newest headlines; add words to narrow the search for older ones", len(found))
	}
	blocks = append(blocks, contextBlock(note))
	first := found[0]
	text0 := fmt.Sprintf("Search “%s”: %s; newest: %s", escLine(text, maxTitle), countText(len(found), "headline", "headlines"),
		itemLine(&storage.ItemRef{Link: first.Link, Title: first.Title, Feed: first.FeedID, FeedName: names[first.FeedID], Published: first.At()}))
	return Answer{Text: text0, Blocks: blocks}
}
