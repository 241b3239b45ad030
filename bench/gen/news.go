package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Item is one generated news item. Description is HTML, as feeds carry it.
type Item struct {
	GUID, Link, Title, Description string
	Categories                     []string
	Published                      time.Time
	About                          string // the id of the agreement it is written about, or ""
}

// News writes plausible news items. It is not safe for concurrent use.
type News struct{ r *rand.Rand }

// NewNews returns a writer of news items whose text follows from seed.
func NewNews(seed uint64) *News {
	return &News{r: rand.New(rand.NewPCG(seed, 0x2545f4914f6cdd1d))}
}

func (n *News) pick(list []string) string { return list[n.r.IntN(len(list))] }

func (n *News) country() Country { return Countries[n.r.IntN(len(Countries))] }

func (n *News) topic() Topic { return Topics[n.r.IntN(len(Topics))] }

// Item writes the item number i of feed; when about is not nil, the item is
// news of that agreement and its match query finds it. It was published at
// published.
func (n *News) Item(feed, i int, about *Agreement, published time.Time) Item {
	section := n.pick(sections)
	it := Item{
		GUID:       fmt.Sprintf("feed%04d-item%05d", feed, i),
		Published:  published,
		Categories: []string{section},
	}
	if n.r.IntN(2) == 0 {
		it.Categories = append(it.Categories, Countries[feed%len(Countries)].Name)
	}
	// An item is about one or two countries, as news is; now and then it
	// names a third.
	c, d := n.country(), n.country()
	var paras []string
	if about != nil {
		it.About = about.ID
		c, d = about.A, about.B
		it.Title, paras = n.aboutLead(about)
	} else {
		it.Title = n.title(c, d)
	}
	for range 3 + n.r.IntN(4) {
		other := d
		if n.r.IntN(5) == 0 {
			other = n.country()
		}
		paras = append(paras, n.sentence(c, other))
	}
	var b strings.Builder
	for k, p := range paras {
		switch {
		case k == 1 && n.r.IntN(3) == 0:
			fmt.Fprintf(&b, `<p>%s <a href="https://news%04d.example/related/%d">Read more</a></p>`, p, feed, n.r.IntN(1e6))
		default:
			b.WriteString("<p>" + p + "</p>")
		}
	}
	it.Description = b.String()
	it.Link = fmt.Sprintf("https://news%04d.example/%s/%s/%s-%d", feed, strings.ToLower(section),
		published.Format("2006/01"), slugWords(it.Title, 6), i)
	return it
}

// Headline writes only the title of an item, as Item would: about a when
// it is not nil. It is cheaper than Item, for filling databases.
func (n *News) Headline(about *Agreement) string {
	if about != nil {
		title, _ := n.aboutLead(about)
		return title
	}
	c, d := n.country(), n.country()
	return n.title(c, d)
}

// aboutLead writes the title and first sentence of news of a: both parties,
// the topic and the kind, the topic right before the kind so that NEAR
// queries find it too.
func (n *News) aboutLead(a *Agreement) (string, []string) {
	topic, kind := n.pick(a.Topic.Phrases), n.pick(a.Kind.Nouns)
	var title string
	switch n.r.IntN(4) {
	case 0:
		title = fmt.Sprintf("%s and %s %s %s %s", a.A.Name, a.B.Name, n.pick(verbsDone), topic, kind)
	case 1:
		title = fmt.Sprintf("%s, %s edge closer to %s %s", a.A.Capital, a.B.Capital, topic, kind)
	case 2:
		title = fmt.Sprintf("%s %s' talks with %s stall over %s %s", a.A.Adj, n.pick([]string{"officials", "envoys", "negotiators"}), a.B.Name, topic, kind)
	default:
		title = fmt.Sprintf("What the %s–%s %s %s means", a.A.Name, a.B.Name, topic, kind)
	}
	lead := fmt.Sprintf("%s and %s %s a %s %s in %s on %s, %s said.", a.A.Name, a.B.Name,
		n.pick(append(verbsDone, "discussed", "negotiated")), topic, kind, a.A.Capital, n.pick(weekdays), n.pick(outlets))
	second := fmt.Sprintf("The %s of %s said the %s %s would be reviewed again in %s.", n.pick(officials), a.B.Name,
		topic, kind, n.pick(months))
	return title, []string{lead, second}
}

// title writes the title of an item about nothing tracked.
func (n *News) title(c, d Country) string {
	switch n.r.IntN(6) {
	case 0:
		return fmt.Sprintf("%s %s %s %s", c.Adj, n.pick(officials), n.pick(verbsTalk), n.pick(subjects))
	case 1:
		return fmt.Sprintf("%s and %s hold talks on %s", c.Name, d.Name, n.pick(n.topic().Phrases))
	case 2:
		return fmt.Sprintf("%s weighs response to %s", c.Capital, n.pick(subjects))
	case 3:
		return fmt.Sprintf("%s warns %s over %s", capitalize(n.pick(institutions)), c.Name, n.pick(subjects))
	case 4:
		return fmt.Sprintf("Markets in %s slip as %s worries grow", c.Capital, n.pick(subjects))
	}
	return fmt.Sprintf("%s opposition demands inquiry into %s", c.Adj, n.pick(subjects))
}

// sentence writes one sentence of ordinary news about c and d, which names
// topics and kinds of agreement now and then, as real news does.
func (n *News) sentence(c, d Country) string {
	switch n.r.IntN(14) {
	case 0:
		return fmt.Sprintf("The %s %s %s %s with %s on %s.", c.Adj, n.pick(officials), n.pick(verbsTalk), n.pick(subjects), n.pick(institutions), n.pick(weekdays))
	case 1:
		return fmt.Sprintf("Talks between %s and %s officials on %s are expected to continue in %s, according to %s.", c.Adj, d.Adj, n.pick(n.topic().Phrases), n.pick(months), n.pick(outlets))
	case 2:
		return fmt.Sprintf("The %s said %s remained the government's first concern.", n.pick(officials), n.pick(subjects))
	case 3:
		return fmt.Sprintf("Shares in %s rose %d.%d percent after %s eased, while the currency was little changed.", c.Capital, n.r.IntN(4), n.r.IntN(10), n.pick(subjects))
	case 4:
		return fmt.Sprintf("%s said the outlook for %s had improved, citing %s.", capitalize(n.pick(institutions)), c.Name, n.pick(subjects))
	case 5:
		return fmt.Sprintf("Critics in %s said the %s with %s gave away too much and should be put to a vote.", c.Capital, n.pick(Kinds[n.r.IntN(len(Kinds))].Nouns), d.Name)
	case 6:
		return fmt.Sprintf("A %s delegation arrived in %s on %s for a %d-day visit focused on %s.", c.Adj, d.Capital, n.pick(weekdays), 2+n.r.IntN(4), n.pick(n.topic().Phrases))
	case 7:
		return fmt.Sprintf("%s reported that %d people were detained during protests over %s.", capitalize(n.pick(outlets)), 10+n.r.IntN(200), n.pick(subjects))
	case 8:
		return fmt.Sprintf("Negotiators have met %d times since %s, but no date has been set for the next round.", 2+n.r.IntN(9), n.pick(months))
	case 9:
		return fmt.Sprintf("The %s of %s is due to address %s in %s.", n.pick(officials), c.Name, n.pick(institutions), n.pick(months))
	case 10:
		return fmt.Sprintf("Opposition parties in %s called for a parliamentary debate on %s before the end of %s.", c.Name, n.pick(subjects), n.pick(months))
	case 11:
		return "Officials declined to comment on the details, which have not been made public."
	case 12:
		return fmt.Sprintf("Exporters in %s and %s have complained for years about %s, and business groups welcomed the move.", c.Name, d.Name, n.pick(subjects))
	}
	return fmt.Sprintf("%s, which hosts %s next year, has said it wants progress on %s before then.", c.Name, n.pick(institutions), n.pick(n.topic().Phrases))
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// slugWords makes a URL path part of the first n words of s.
func slugWords(s string, n int) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	return strings.Join(words[:min(n, len(words))], "-")
}
