package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/config"
)

// TestTimelineWriters: a feed title a spreadsheet would run as a formula is
// written as text; Markdown cells cannot break the table or inject HTML.
func TestTimelineWriters(t *testing.T) {
	at := time.Date(2015, 5, 8, 12, 0, 0, 0, time.UTC)
	rows := []TimelineRow{
		{Date: at, Kind: RowMention, Headline: `=HYPERLINK("http://evil.example","click")`, Link: "https://x.example/a", Publication: "+Wire"},
		{Date: at, Kind: RowStatus, Status: "in_force", Previous: "signed", Headline: "Pact | in force <b>now</b>",
			Link: "https://x.example/(b)", Publication: "The Hill", Sentence: "It entered into force.", Source: "detected"},
	}
	var csv strings.Builder
	if err := WriteTimelineCSV(&csv, rows); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csv.String(), `"'=HYPERLINK(""http://evil.example"",""click"")"`) || !strings.Contains(csv.String(), ",'+Wire,") {
		t.Errorf("formula cells not neutralised:\n%s", csv.String())
	}
	var md strings.Builder
	ag := &config.Agreement{ID: "ru-cn", Name: "Russia–China pact", Kind: "pact"}
	if err := WriteTimelineMarkdown(&md, ag, rows); err != nil {
		t.Fatal(err)
	}
	want := "| 2015-05-08 12:00 | signed → **in force** | [Pact \\| in force &lt;b&gt;now&lt;/b&gt;](https://x.example/%28b%29) · The Hill · “It entered into force.” |"
	if !strings.Contains(md.String(), want) {
		t.Errorf("markdown:\n%s\nlacks\n%s", md.String(), want)
	}
}
