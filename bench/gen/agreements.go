package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Agreement is one generated agreement: two parties, a topic and a kind,
// with a match query in the style of the corpus config.
type Agreement struct {
	ID, Name string
	Kind     Kind
	A, B     Country
	Topic    Topic
	Match    string
}

// Agreements returns k distinct agreements. Every tenth is written with
// NEAR, as working groups are in the corpus.
func Agreements(seed uint64, k int) []Agreement {
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	seen := map[string]bool{}
	out := make([]Agreement, 0, k)
	for len(out) < k {
		i, j := r.IntN(len(Countries)), r.IntN(len(Countries))
		if i == j {
			continue
		}
		if i > j {
			i, j = j, i
		}
		a := Agreement{A: Countries[i], B: Countries[j], Topic: Topics[r.IntN(len(Topics))], Kind: Kinds[r.IntN(len(Kinds))]}
		key := fmt.Sprintf("%d-%d-%s-%s", i, j, a.Topic.Name, a.Kind.Name)
		if seen[key] {
			if len(seen) >= len(Countries)*(len(Countries)-1)/2*len(Topics)*len(Kinds) {
				panic("gen: asked for more agreements than there are combinations")
			}
			continue
		}
		seen[key] = true
		a.ID = fmt.Sprintf("%s-%s-%s-%s-%d", slug(a.A.Name), slug(a.B.Name), a.Topic.Name, strings.ReplaceAll(a.Kind.Name, "_", "-"), len(out))
		a.Name = fmt.Sprintf("%s–%s %s %s", a.A.Name, a.B.Name, a.Topic.Name, strings.ReplaceAll(a.Kind.Name, "_", " "))
		if len(out)%10 == 9 {
			a.Match = nearQuery(a)
		} else {
			a.Match = andQuery(a)
		}
		out = append(out, a)
	}
	return out
}

// partyTerms is the OR group that finds a country in text.
func partyTerms(c Country) string {
	terms := []string{quote(c.Name)}
	if c.Adj != c.Name {
		terms = append(terms, quote(c.Adj))
	}
	if c.Capital != c.Name {
		terms = append(terms, quote(c.Capital))
	}
	return "(" + strings.Join(terms, " OR ") + ")"
}

func topicTerms(t Topic) string {
	return "(" + strings.Join(t.Terms, " OR ") + ")"
}

// andQuery is the corpus's Russia–China pact style: both parties, the
// topic and the kind.
func andQuery(a Agreement) string {
	return fmt.Sprintf("%s AND %s AND %s AND %s", partyTerms(a.A), partyTerms(a.B), topicTerms(a.Topic), a.Kind.Terms)
}

// nearQuery is the corpus's working-group style: the topic near the kind,
// and each party near the topic.
func nearQuery(a Agreement) string {
	kind := a.Kind.Terms
	if !strings.HasPrefix(kind, "(") {
		kind = "(" + kind + ")"
	}
	return fmt.Sprintf("(%s NEAR/6 %s) AND (%s NEAR/20 %s) AND (%s NEAR/20 %s)",
		topicTerms(a.Topic), kind, partyTerms(a.A), topicTerms(a.Topic), partyTerms(a.B), topicTerms(a.Topic))
}

// quote makes a phrase of a name of several words.
func quote(s string) string {
	if strings.Contains(s, " ") {
		return `"` + s + `"`
	}
	return s
}

func slug(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, " ", "-"))
}
