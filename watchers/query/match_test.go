package query

import "testing"

func TestMatch(t *testing.T) {
	tests := []struct {
		query string
		title string
		body  []string
		want  bool
	}{
		// Adjacent words are implicitly ANDed: both present.
		{`russia china`, "", []string{"Russia and China"}, true},
		// Implicit AND fails when one word is missing.
		{`russia china`, "", []string{"Russia alone"}, false},
		// Explicit AND is the same as implicit.
		{`russia AND china`, "", []string{"China, then Russia"}, true},
		// OR needs only one side.
		{`russia OR china`, "", []string{"only China"}, true},
		// OR fails when neither side is present.
		{`russia OR china`, "", []string{"only Iran"}, false},
		// A quoted "or" is a word, so here it is required (a bare
		// lower-case one is an error: see TestParseErrors).
		{`russia "or" china`, "", []string{"Russia, China"}, false},
		// A quoted "and" is a word and matches the text "and".
		{`russia "and" china`, "", []string{"Russia and China"}, true},
		// NOT excludes the item when its term is present.
		{`russia NOT china`, "", []string{"Russia and China"}, false},
		// NOT lets the item through when its term is absent.
		{`russia NOT china`, "", []string{"Russia and Iran"}, true},
		// A leading - is NOT.
		{`russia -china`, "", []string{"Russia and China"}, false},
		// -phrase excludes the phrase only.
		{`pact -"no pact"`, "", []string{"pact talks"}, true},
		// A hyphen inside a word makes a phrase, not a NOT.
		{`cyber-fraud`, "", []string{"a cyber fraud case"}, true},
		// ...and the phrase needs its words in order.
		{`cyber-fraud`, "", []string{"fraud in cyber"}, false},
		// OR binds tighter than AND: a b OR c is a AND (b OR c), so c alone is not enough.
		{`a b OR c`, "", []string{"c"}, false},
		// ...and a with c is enough.
		{`a b OR c`, "", []string{"a c"}, true},
		// Explicit AND has the same precedence as implicit.
		{`a AND b OR c`, "", []string{"c"}, false},
		// Parentheses override precedence.
		{`(a b) OR c`, "", []string{"c"}, true},
		// Nested parentheses with NOT inside.
		{`((a OR b) (c OR (d -e)))`, "", []string{"b d"}, true},
		// ...and the NOT inside them excludes.
		{`((a OR b) (c OR (d -e)))`, "", []string{"b d e"}, false},
		// NOT binds tighter than AND.
		{`NOT a b`, "", []string{"b"}, true},
		// NOT of a group.
		{`b NOT (a OR c)`, "", []string{"b c"}, false},
		// A phrase needs consecutive words.
		{`"working group"`, "", []string{"the US–Russia working group met"}, true},
		// A phrase does not match its words apart.
		{`"working group"`, "", []string{"a group working on it"}, false},
		// A phrase matches across punctuation between its words.
		{`"information security"`, "", []string{"information-security deal"}, true},
		// A prefix matches longer words.
		{`cyber*`, "", []string{"cybersecurity"}, true},
		// A prefix matches the bare word too.
		{`cyber*`, "", []string{"cyber attack"}, true},
		// A prefix is anchored at the start of a word.
		{`cyber*`, "", []string{"anticyber"}, false},
		// A plain word does not match a longer one.
		{`cyber`, "", []string{"cybersecurity"}, false},
		// China does not match Chinatown.
		{`china`, "", []string{"Chinatown"}, false},
		// pact does not match impact.
		{`pact`, "", []string{"the impact"}, false},
		// A possessive still matches the word.
		{`china`, "", []string{"China's leaders"}, true},
		// A prefix word inside a phrase.
		{`"cyber* talks"`, "", []string{"cybersecurity talks"}, true},
		// A prefix word inside a phrase keeps the order.
		{`"cyber* talks"`, "", []string{"talks on cyber"}, false},
		// A prefix at the end of a phrase.
		{`"working gr*"`, "", []string{"working groups"}, true},
		// A phrase of prefixes only.
		{`"cyber* sec*"`, "", []string{"cyber-security"}, true},
		// An abbreviation with dots is a phrase of its letters.
		{`U.S.`, "", []string{"the U.S. and Russia"}, true},
		// ...which the single word US is not.
		{`U.S.`, "", []string{"US troops"}, false},
		// Cyrillic matches case-insensitively.
		{`россия`, "", []string{"РОССИЯ и Китай"}, true},
		// Greek matches despite final sigma and case.
		{`ΟΔΥΣΣΕΥΣ`, "", []string{"ο Οδυσσευς"}, true},
		// German matches case-insensitively, and ß as ss.
		{`STRASSE über`, "", []string{"Straße ÜBER"}, true},
		// Diacritics stay distinct.
		{`cafe`, "", []string{"Café"}, false},
		// Diacritics match themselves in any case.
		{`CAFÉ`, "", []string{"café"}, true},
		// Chinese matches as a substring.
		{`中俄`, "", []string{"中俄网络安全协议"}, true},
		// Chinese needs the characters in order.
		{`俄中`, "", []string{"中俄网络安全协议"}, false},
		// Chinese matches in the middle of a run.
		{`网络安全`, "", []string{"中俄网络安全协议"}, true},
		// Japanese katakana matches as a substring.
		{`サイバー`, "", []string{"日露サイバー協定"}, true},
		// Japanese with a Latin word next to it.
		{`ロシア cyber`, "", []string{"ロシアのcyber攻撃"}, true},
		// Thai matches as a substring.
		{`จีน`, "", []string{"รัสเซียและจีนลงนาม"}, true},
		// NEAR matches within n words, forward.
		{`russia NEAR/3 cyber*`, "", []string{"Russia signs a cyber pact"}, true},
		// NEAR matches in the other order.
		{`russia NEAR/3 cyber*`, "", []string{"cyber pact with Russia"}, true},
		// NEAR/n allows a gap of exactly n.
		{`a NEAR/2 b`, "", []string{"a x b"}, true},
		// NEAR/n fails beyond n.
		{`a NEAR/2 b`, "", []string{"a x y b"}, false},
		// NEAR/1 means adjacent.
		{`a NEAR/1 b`, "", []string{"b a"}, true},
		// NEAR measures a phrase from its near end.
		{`"working group" NEAR/2 russia`, "", []string{"Russia and the working group"}, false},
		// ...and from the near end after it.
		{`"working group" NEAR/2 russia`, "", []string{"working group in Russia"}, true},
		// NEAR with phrases on both sides.
		{`"information security" NEAR/3 "working group"`, "", []string{"an information security working group"}, true},
		// NEAR with an OR group operand.
		{`(russia OR moscow) NEAR/2 (pact OR deal)`, "", []string{"Moscow's deal"}, true},
		// NEAR with an OR group fails when no pair is near.
		{`(russia OR moscow) NEAR/2 (pact OR deal)`, "", []string{"Moscow said later that a deal"}, false},
		// NEAR does not cross from the title to the body.
		{`russia NEAR/5 pact`, "Russia", []string{"pact"}, false},
		// NEAR does not cross between two body parts.
		{`russia NEAR/5 pact`, "", []string{"Russia", "pact"}, false},
		// A phrase does not cross between two body parts.
		{`"russia pact"`, "", []string{"Russia", "pact"}, false},
		// NEAR binds tighter than AND.
		{`a NEAR/1 b c`, "", []string{"a b", "c"}, true},
		// The real status rule with a phrase alternative.
		{`signed OR inked OR "concluded an agreement"`, "", []string{"they concluded an agreement"}, true},
		// The real suspension rule with a prefix.
		{`suspend* OR frozen OR "on ice" OR "pulled out"`, "", []string{"talks were suspended"}, true},
		// title: matches in the title.
		{`title:pact`, "Cyber pact signed", []string{"nothing"}, true},
		// title: does not match in the body.
		{`title:pact`, "Talks", []string{"a pact"}, false},
		// A word without title: matches in any field.
		{`pact`, "Talks", []string{"summary", "a pact"}, true},
		// title: applies to a phrase.
		{`title:"cyber pact"`, "Cyber pact", nil, true},
		// title: applies to every term of a group.
		{`title:(russia OR china) pact`, "China talks", []string{"pact"}, true},
		// ...so a group term in the body does not count.
		{`title:(russia OR china) pact`, "Talks", []string{"China pact"}, false},
		// Queries may span lines.
		{"russia\n  AND\tchina", "", []string{"Russia China"}, true},
		// Curly quotes make a phrase too.
		{`“working group”`, "", []string{"group working"}, false},
		// Double NOT is positive.
		{`NOT NOT a`, "", []string{"a"}, true},
	}
	for _, tt := range tests {
		q, err := Parse(tt.query)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.query, err)
			continue
		}
		if got := q.Match(NewDocument(tt.title, tt.body...)); got != tt.want {
			t.Errorf("Parse(%q).Match(%q, %q) = %v, want %v", tt.query, tt.title, tt.body, got, tt.want)
		}
	}
}

func TestMatchRealQueries(t *testing.T) {
	pact := `(Russia OR Russian OR Moscow OR Kremlin OR Putin) AND (China OR Chinese OR Beijing OR Xi)
	  AND (cyber* OR "information security") AND (pact OR accord OR treaty OR agreement OR agreements OR deal)`
	group := `((cyber* NEAR/3 "working group") OR (cyber* NEAR/2 talks) OR ("information security" NEAR/3 "working group"))
	  AND ((Russia NEAR/12 cyber*) OR (Russia NEAR/8 "working group"))`
	tests := []struct {
		query string
		title string
		body  []string
		want  bool
	}{
		// Every group of the pact query is present.
		{pact, "Putin and Xi sign information security accord", nil, true},
		// The pact query needs the cyber group.
		{pact, "Putin and Xi sign energy accord", nil, false},
		// The pact query across title and body.
		{pact, "Kremlin hails deal", []string{"Beijing and Moscow on cybersecurity"}, true},
		// The working-group query matches a report of the group.
		{group, "", []string{"The U.S.-Russia cybersecurity working group met in Geneva."}, true},
		// The working-group query needs Russia near the cyber term.
		{group, "", []string{"The cyber working group met. Much later, after a long and winding week of unrelated news from everywhere, Russia replied."}, false},
	}
	for _, tt := range tests {
		q, err := Parse(tt.query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.query, err)
		}
		if got := q.Match(NewDocument(tt.title, tt.body...)); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.title, tt.body, got, tt.want)
		}
	}
}

func TestMatchAllocs(t *testing.T) {
	q, err := Parse(`(russia NEAR/5 cyber*) OR ("working group" title:pact) OR 中俄`)
	if err != nil {
		t.Fatal(err)
	}
	d := NewDocument("A pact", "Russia and the working group on cyber issues; 中俄")
	if got := testing.AllocsPerRun(100, func() { q.Match(d) }); got != 0 {
		t.Errorf("Match allocates %v times, want 0", got)
	}
}
