//go:build posmeasure

package claims

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"
)

var tagRE = regexp.MustCompile(`<[^>]*>`)

func heurClass(toks []string, i int) string {
	w := toks[i]
	switch {
	case pastForm(w):
		return "PAST"
	case nominal(w) || eventWords[w]:
		return "NOUN"
	case gerund(w):
		return "GER"
	case strings.HasSuffix(w, "s") && i > 0 && determiners[toks[i-1]]:
		return "NOUN" // "the signs of", as unreported reads it
	}
	return "PRES"
}

func tagClass(tag, w string) string {
	switch {
	case tag == "VBD" || tag == "VBN":
		return "PAST"
	case tag == "VBG":
		return "GER"
	case tag == "VB" || tag == "VBP" || tag == "VBZ":
		return "PRES"
	case strings.HasPrefix(tag, "NN"):
		return "NOUN"
	case tag == "JJ" && pastForm(w):
		return "PAST" // participial adjective: "stalled talks"
	}
	return "OTHER:" + tag
}

func TestPOSMeasure(t *testing.T) {
	m, err := prose.NewDocument("warm up")
	if err != nil {
		t.Fatal(err)
	}
	model := m.Model
	dirs := strings.Split(os.Getenv("POS_DIRS"), ",")
	out, _ := os.Create("/tmp/pos/disagree.tsv")
	defer out.Close()
	type cnt struct{ n, dis, tn, tdis int }
	per := map[string]*cnt{}
	pairs := map[string]int{}
	for _, dir := range dirs {
		c := &cnt{}
		per[dir] = c
		files, _ := filepath.Glob(filepath.Join(dir, "feeds", "*.json"))
		for _, f := range files {
			var feed struct {
				Items []struct {
					Title, Summary, ContentHTML, ContentText string
				} `json:"items"`
			}
			b, _ := os.ReadFile(f)
			// field names of JSON Feed
			var raw struct {
				Items []map[string]any `json:"items"`
			}
			json.Unmarshal(b, &raw)
			_ = feed
			for _, it := range raw.Items {
				get := func(k string) string { s, _ := it[k].(string); return s }
				body := get("content_html")
				body = strings.NewReplacer("</p>", "\n", "<br>", "\n", "<br/>", "\n").Replace(body)
				body = html.UnescapeString(tagRE.ReplaceAllString(body, " "))
				sum := html.UnescapeString(tagRE.ReplaceAllString(get("summary"), " "))
				for _, s := range split(Item{Title: get("title"), Summary: sum, Content: body + get("content_text")}) {
					var hits [][2]int
					for _, k := range []*kind{&pactKind, &groupKind} {
						for _, h := range anyTrigger[k].Hits(s.doc) {
							first, _ := span(s.toks, h.Start, h.End)
							if first >= 0 {
								hits = append(hits, [2]int{first, 0})
							}
						}
					}
					if len(hits) == 0 {
						continue
					}
					doc, err := prose.NewDocument(s.text, prose.UsingModel(model), prose.WithSegmentation(false), prose.WithExtraction(false))
					if err != nil {
						t.Fatal(err)
					}
					ptoks := doc.Tokens()
					// align prose tokens to offsets
					starts := make([]int, len(ptoks))
					cur := 0
					for i, pt := range ptoks {
						j := strings.Index(s.text[cur:], pt.Text)
						if j < 0 {
							starts[i] = -1
							continue
						}
						starts[i] = cur + j
						cur += j + len(pt.Text)
					}
					words := make([]string, len(s.toks))
					for i, tk := range s.toks {
						words[i] = tk.Text
					}
					done := map[int]bool{}
					for _, h := range hits {
						i := h[0]
						if done[i] {
							continue
						}
						done[i] = true
						w := s.toks[i].Text
						if len(w) < 3 || !(verbForm(w) || baseVerbs[w] || pastForm(w) || gerund(w) || nominal(w) || eventWords[w]) {
							continue
						}
						tag := ""
						for k, st := range starts {
							if st == s.toks[i].Start {
								tag = ptoks[k].Tag
							}
						}
						if tag == "" {
							continue
						}
						hc, tc := heurClass(words, i), tagClass(tag, w)
						if s.title {
							c.tn++
						} else {
							c.n++
						}
						if hc != tc {
							if s.title {
								c.tdis++
							} else {
								c.dis++
							}
							pairs[fmt.Sprintf("%v %s heur=%s tag=%s", s.title, w, hc, tc)]++
							fmt.Fprintf(out, "%s\t%v\t%s\t%s\t%s(%s)\t%s\n", filepath.Base(dir), s.title, w, hc, tc, tag, s.text)
						}
					}
				}
			}
		}
	}
	var tn, td, hn, hd int
	for _, d := range dirs {
		c := per[d]
		t.Logf("%-28s body %4d words, %3d disagree (%.0f%%); headline %3d, %3d disagree", d, c.n, c.dis, 100*float64(c.dis)/float64(max(c.n, 1)), c.tn, c.tdis)
		tn += c.n
		td += c.dis
		hn += c.tn
		hd += c.tdis
	}
	t.Logf("ALL body %d words, %d disagree (%.1f%%); headlines %d, %d disagree (%.1f%%)", tn, td, 100*float64(td)/float64(tn), hn, hd, 100*float64(hd)/float64(hn))
	type kv struct {
		k string
		v int
	}
	var kvs []kv
	for k, v := range pairs {
		kvs = append(kvs, kv{k, v})
	}
	sort.Slice(kvs, func(i, j int) bool { return kvs[i].v > kvs[j].v })
	for i, p := range kvs {
		if i < 60 {
			t.Logf("%4d %s", p.v, p.k)
		}
	}
}
