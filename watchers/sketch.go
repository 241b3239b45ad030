package watchers

import (
	"hash/fnv"
	"math/bits"

	"github.com/pactwatch/pactwatch/watchers/query"
)

// nearDuplicate is how many of a sketch's 64 bits may differ for two texts
// to be copies of one story (a wire report reposted with another headline
// or a trimmed first paragraph).
const nearDuplicate = 10

// sketch returns a SimHash of a text's word 3-shingles: texts that share
// most of their wording get sketches a few bits apart. Texts of fewer than
// twenty words get 0, which matches nothing: too short to tell copies
// from different reports that share a stock phrase.
func sketch(text string) uint64 {
	toks := query.Tokenize(text)
	if len(toks) < 20 {
		return 0
	}
	var weights [64]int
	h := fnv.New64a()
	for i := 0; i+3 <= len(toks); i++ {
		h.Reset()
		for _, t := range toks[i : i+3] {
			h.Write([]byte(t.Text))
			h.Write([]byte{0})
		}
		v := h.Sum64()
		for b := range 64 {
			if v&(1<<b) != 0 {
				weights[b]++
			} else {
				weights[b]--
			}
		}
	}
	var out uint64
	for b, w := range weights {
		if w > 0 {
			out |= 1 << b
		}
	}
	if out == 0 {
		out = 1
	}
	return out
}

// sameText reports whether two sketches are of copies of one text.
func sameText(a, b uint64) bool {
	return a != 0 && b != 0 && bits.OnesCount64(a^b) <= nearDuplicate
}
