package bot

import (
	"sort"
	"strings"
	"unicode"
)

// The /pact verbs, as PRODUCT.md names them.
const (
	VerbHelp      = "help"
	VerbList      = "list"
	VerbStatus    = "status"
	VerbHistory   = "history"
	VerbDeadlines = "deadlines"
	VerbFeeds     = "feeds"
	VerbSet       = "set"
	VerbMute      = "mute"
	VerbSearch    = "search"
	VerbFollow    = "follow"
	VerbUnfollow  = "unfollow"
	VerbExport    = "export"
)

// verbs maps what people type to the verb it means; the singular forms and
// "?" are there because people type them.
var verbs = map[string]string{
	"help":      VerbHelp,
	"?":         VerbHelp,
	"list":      VerbList,
	"ls":        VerbList,
	"status":    VerbStatus,
	"history":   VerbHistory,
	"deadlines": VerbDeadlines,
	"deadline":  VerbDeadlines,
	"feeds":     VerbFeeds,
	"feed":      VerbFeeds,
	"set":       VerbSet,
	"mute":      VerbMute,
	"search":    VerbSearch,
	"find":      VerbSearch,
	"follow":    VerbFollow,
	"unfollow":  VerbUnfollow,
	"export":    VerbExport,
}

// verbNames are the verbs as typed, for suggestions.
func verbNames() []string {
	out := make([]string, 0, len(verbs))
	for w := range verbs {
		if len(w) > 2 { // "ls" and "?" are too short to be typos of anything
			out = append(out, w)
		}
	}
	sort.Strings(out) // the same suggestion every time
	return out
}

// maxCommandWords bounds the words a command is split into; Slack sends at
// most a few thousand characters, and no command needs more than a note.
const maxCommandWords = 200

// Command is a /pact command as typed: the verb, the words after it, and
// whether the answer is for the whole channel.
type Command struct {
	// Verb is one of the Verb constants, or "" when the first word is none
	// of them (then Args holds every word) or the text is empty.
	Verb string
	// Args are the words after the verb. A "quoted phrase" (straight or
	// curly quotes) is one word, without its quotes.
	Args []string
	// Public is set by the word `public` first or last: the answer is posted
	// in the channel instead of only to the user.
	Public bool
}

// Query is the words after the verb, joined by spaces.
func (c Command) Query() string { return strings.Join(c.Args, " ") }

// ParseCommand reads the text of a /pact command. It never fails: what it
// cannot make sense of is left for the answer to explain.
func ParseCommand(text string) Command {
	words := splitWords(text)
	var c Command
	if n := len(words); n > 0 && words[n-1].bare && strings.EqualFold(words[n-1].text, "public") {
		c.Public, words = true, words[:n-1]
	}
	if len(words) > 0 && words[0].bare && strings.EqualFold(words[0].text, "public") {
		c.Public, words = true, words[1:]
	}
	if len(words) > 0 && words[0].bare {
		if v, ok := verbs[strings.ToLower(words[0].text)]; ok {
			c.Verb, words = v, words[1:]
		}
	}
	for _, w := range words {
		c.Args = append(c.Args, w.text)
	}
	return c
}

// word is one word of a command; bare when it was not quoted.
type word struct {
	text string
	bare bool
}

// closing maps each opening quote to the quote that closes it.
var closing = map[rune]rune{'"': '"', '“': '”', '„': '“', '«': '»'}

// splitWords splits text at white space, keeping "quoted phrases" whole. An
// unclosed quote runs to the end of the text; empty quotes give no word.
func splitWords(text string) []word {
	var out []word
	rs := []rune(text)
	for i := 0; i < len(rs) && len(out) < maxCommandWords; {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		if end, ok := closing[rs[i]]; ok {
			j := i + 1
			for j < len(rs) && rs[j] != end {
				j++
			}
			if s := strings.Join(strings.Fields(string(rs[i+1:j])), " "); s != "" {
				out = append(out, word{text: s})
			}
			i = j + 1
			continue
		}
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) {
			j++
		}
		out = append(out, word{text: string(rs[i:j]), bare: true})
		i = j
	}
	return out
}
