package query

import "testing"

// benchTitle and benchBody are a typical news item: about 1KB of text.
const (
	benchTitle = "Russia and China sign information security pact ahead of summit"
	benchBody  = `MOSCOW (Reuters) - Russia and China signed an agreement on Friday to ` +
		`cooperate on information security, pledging not to conduct cyber attacks ` +
		`against each other and to jointly counter technology that may "destabilise ` +
		`the internal political and socio-economic atmosphere". The pact, published ` +
		`on the Russian government's website, was signed during President Xi ` +
		`Jinping's visit to Moscow last month. Analysts said the deal mirrors ` +
		`proposals both countries have made at the United Nations, where a ` +
		`working group on cybersecurity has struggled to agree on norms. The ` +
		`Kremlin said the accord would also cover exchanges of technology and ` +
		`training of specialists. Washington, which set up a bilateral cyber ` +
		`working group with Moscow in 2013, suspended those talks after the ` +
		`Ukraine crisis. A senior U.S. official said the new agreement was "not ` +
		`surprising" given the two countries' shared views on internet ` +
		`sovereignty, and that Beijing and Moscow would push for a treaty at the ` +
		`UN General Assembly later this year. Neither side released the full text.`
	benchQuery = `(Russia OR Russian OR Moscow OR Kremlin OR Putin)
		AND (China OR Chinese OR Beijing OR Xi)
		AND (cyber* OR "information security")
		AND (pact OR accord OR treaty OR agreement OR agreements OR deal)
		AND ((cyber* NEAR/3 "working group") OR (Russia NEAR/12 cyber*))
		-title:rumour`
)

func BenchmarkMatch(b *testing.B) {
	q, err := Parse(benchQuery)
	if err != nil {
		b.Fatal(err)
	}
	d := NewDocument(benchTitle, benchBody)
	if !q.Match(d) {
		b.Fatal("the benchmark query does not match its document")
	}
	b.ReportAllocs()
	for b.Loop() {
		q.Match(d)
	}
}

func BenchmarkNewDocument(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchTitle) + len(benchBody)))
	for b.Loop() {
		NewDocument(benchTitle, benchBody)
	}
}
