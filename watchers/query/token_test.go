package query

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		// Case is folded and punctuation separates.
		{"Russia, China!", []string{"russia", "china"}},
		// An en dash separates, as in headlines.
		{"Russia–China pact", []string{"russia", "china", "pact"}},
		// A hyphen separates.
		{"cyber-fraud", []string{"cyber", "fraud"}},
		// Straight and curly apostrophes separate.
		{"China's Xi’s", []string{"china", "s", "xi", "s"}},
		// Dots in abbreviations separate.
		{"U.S.", []string{"u", "s"}},
		// Digits are part of words.
		{"G20 in 2015", []string{"g20", "in", "2015"}},
		// Cyrillic folds.
		{"РОССИЯ Китай", []string{"россия", "китай"}},
		// Greek final sigma folds like sigma.
		{"ΟΔΥΣΣΕΥΣ Οδυσσεύς", []string{"οδυσσευσ", "οδυσσεύσ"}},
		// German umlauts fold and ß folds to ss.
		{"ÜBER Straße STRASSE", []string{"über", "strasse", "strasse"}},
		// Diacritics stay: é is not e.
		{"Café cafe", []string{"café", "cafe"}},
		// Han characters are one token each.
		{"中俄网络", []string{"中", "俄", "网", "络"}},
		// Kana are one token each, and so is the long-vowel mark.
		{"サーバー", []string{"サ", "ー", "バ", "ー"}},
		// A Thai vowel mark stays with the consonant before it.
		{"กัน", []string{"กั", "น"}},
		// Latin text next to Han splits at the script change.
		{"中俄cyber协议", []string{"中", "俄", "cyber", "协", "议"}},
		// Invalid UTF-8 separates.
		{"a\xffb", []string{"a", "b"}},
		// Nothing but punctuation has no tokens.
		{" -- ... ", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range Tokenize(tt.in) {
			got = append(got, tok.Text)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Tokenize(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestTokenizeOffsets(t *testing.T) {
	s := "Straße, 中国 and “U.S.”"
	got := Tokenize(s)
	want := []Token{
		{Text: "strasse", Start: 0, End: 7},
		{Text: "中", Start: 9, End: 12},
		{Text: "国", Start: 12, End: 15},
		{Text: "and", Start: 16, End: 19},
		{Text: "u", Start: 23, End: 24},
		{Text: "s", Start: 25, End: 26},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Tokenize(%q) mismatch (-want +got):\n%s", s, diff)
	}
}
