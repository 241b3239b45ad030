package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestParseCommand(t *testing.T) {
	tests := []struct {
		text string
		want Command
	}{
		// Nothing at all asks for help.
		{"", Command{}},
		{"   ", Command{}},
		// The verb is case-insensitive; the rest is kept as typed.
		{"STATUS Russia China", Command{Verb: VerbStatus, Args: []string{"Russia", "China"}}},
		// `public` last or first makes the answer public and is dropped.
		{"status ru-cn public", Command{Verb: VerbStatus, Args: []string{"ru-cn"}, Public: true}},
		{"public list", Command{Verb: VerbList, Public: true}},
		// In the middle it is part of the note.
		{"set ru-cn signed made public today", Command{Verb: VerbSet, Args: []string{"ru-cn", "signed", "made", "public", "today"}}},
		// Quoted, it is a word like any other.
		{`status "public"`, Command{Verb: VerbStatus, Args: []string{"public"}}},
		// Quotes, straight or curly, keep a phrase together.
		{`set "us china" stalled "talks off"`, Command{Verb: VerbSet, Args: []string{"us china", "stalled", "talks off"}}},
		{"set “us  china” stalled", Command{Verb: VerbSet, Args: []string{"us china", "stalled"}}},
		// An unclosed quote runs to the end; empty quotes are nothing.
		{`status "russia china`, Command{Verb: VerbStatus, Args: []string{"russia china"}}},
		{`status "" ru-cn`, Command{Verb: VerbStatus, Args: []string{"ru-cn"}}},
		// Singular forms and ? are understood.
		{"deadline", Command{Verb: VerbDeadlines}},
		{"?", Command{Verb: VerbHelp}},
		// An unknown first word leaves every word in Args.
		{"russia china", Command{Args: []string{"russia", "china"}}},
		// Tabs and newlines separate words too.
		{"mute\tru-cn\n7d", Command{Verb: VerbMute, Args: []string{"ru-cn", "7d"}}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := ParseCommand(tt.text)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("ParseCommand(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{"", "help", "status russia china public", `set "us china" stalled "note`,
		"mute ru-cn 7d", "“a„ «b» c\"", "public public", "\x00\xff status"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		c := ParseCommand(text)
		if c.Verb != "" && verbs[c.Verb] != c.Verb {
			t.Errorf("verb %q is not a canonical verb", c.Verb)
		}
		if len(c.Args) > maxCommandWords {
			t.Errorf("%d words, want at most %d", len(c.Args), maxCommandWords)
		}
		for _, a := range c.Args {
			if strings.TrimSpace(a) == "" {
				t.Errorf("empty word in %q", c.Args)
			}
			if utf8.ValidString(text) && !utf8.ValidString(a) {
				t.Errorf("word %q is not valid UTF-8", a)
			}
		}
		if c.Public && !strings.Contains(strings.ToLower(text), "public") {
			t.Errorf("public without the word")
		}
		// Parsing is a function of the text: the same text, the same command.
		if again := ParseCommand(text); !cmp.Equal(c, again) {
			t.Errorf("parsed twice differently: %v, %v", c, again)
		}
	})
}
