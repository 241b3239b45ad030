package claims

import (
	"slices"
	"testing"
	"time"

	"github.com/pactwatch/pactwatch/watchers/query"
)

func target(t testing.TB, id, name, kind, match string, parties ...string) *Compiled {
	t.Helper()
	q, err := query.Parse(match)
	if err != nil {
		t.Fatal(err)
	}
	return Compile(Target{ID: id, Name: name, Kind: kind, Parties: parties, Match: q, Rules: Rules(kind, nil)})
}

// fixtures are agreements of the kinds the tests read about.
func fixtures(t testing.TB) (group, pact, chips, treaty *Compiled) {
	t.Helper()
	group = target(t, "us-cn-wg", "US-China cyber working group", "working_group",
		`(China OR Chinese) AND cyber* AND ("working group" OR talks)`, "United States", "China")
	pact = target(t, "ru-cn", "Russia-China cyber pact", "pact",
		`(Russia OR Russian) AND (China OR Chinese) AND cyber*`, "Russia", "China")
	chips = target(t, "us-in-chips", "US-India chip pact", "pact",
		`(India OR Indian) AND (chip OR chips OR semiconductor*)`, "United States", "India")
	treaty = target(t, "skies", "Open Skies Treaty", "treaty", `"Open Skies"`,
		"United States", "Russia", "Germany", "France")
	return
}

func findingOf(t *testing.T, title, body string, targets ...*Compiled) []Finding {
	t.Helper()
	it := Item{Title: title, Content: body, Published: time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC)}
	var out []Finding
	for _, cs := range Read(it, targets) {
		out = append(out, Weigh(cs))
	}
	return out
}

// reported names the status a finding reports: "status", "status/party",
// or "status?" for a weak (possible) one.
func reported(f Finding) string {
	c, mark := f.Reported, ""
	if c == nil {
		c, mark = f.Possible, "?"
	}
	if c == nil {
		return ""
	}
	if c.Party != "" {
		return c.Status + "/" + c.Party + mark
	}
	return c.Status + mark
}

// TestReported checks, sentence by sentence, the status an item reports as
// news for an agreement. The sentences are ours, each written for one way
// real news commits (or does not) to a status.
func TestReported(t *testing.T) {
	group, pact, chips, treaty := fixtures(t)
	tests := []struct {
		title, body string
		target      *Compiled
		want        string
	}{
		// A present-tense headline reports.
		{"US, India sign chip pact", "", chips, "signed"},
		// A plain past-tense report holds.
		{"", "The United States and India signed the semiconductor pact in Washington on Monday.", chips, "signed"},
		// A denial reports nothing, in the headline or the body.
		{"India denies it has signed semiconductor pact with US", "", chips, ""},
		{"", "New Delhi denied a newspaper report that India had already signed the chip pact with the United States.", chips, ""},
		{"White House rejects report that US-India chip pact was signed", "", chips, ""},
		{"", "There is no truth to reports that India and the US signed a chip agreement, the ministry said.", chips, ""},
		// Little progress on restarting a stalled group: not active; stalled
		// is taken as given (attributive), so only a possible status.
		{"", "In the short term, the U.S. and China have made little progress on restarting a stalled cybersecurity working group.", group, "stalled?"},
		// ... and that sentence is not about a Russia–China pact at all.
		{"", "In the short term, the U.S. and China have made little progress on restarting a stalled cybersecurity working group.", pact, ""},
		// A law or decree does what its participle says, not its signer:
		// "signs law" is no signing of the pact; an event undone did not
		// happen.
		{"India's president signs law denouncing chip pact with US", "", chips, ""},
		{"", "The Indian parliament passed a bill revoking the ratification of the chip pact with the United States.", chips, ""},
		{"", "Delhi announced the withdrawal of its ratification of the US-India chip pact on Monday.", chips, ""},
		{"", "The chip pact with the United States was signed into law by India's president on Monday.", chips, ""},
		// A participle before another noun is that noun's state: "frozen
		// funds" stall nothing; "the stalled working group" is the group.
		{"", "Chip pact talks between India and the United States unlocked $2 billion in frozen funds on Monday.", chips, ""},
		// A participle that cannot be a past tense is an adjective unless
		// "be" or "have" comes before it.
		{"", "Russia released prisoners and (some $2 billion) frozen Chinese funds under the cyber pact with China.", pact, ""},
		{"", "The cyber pact between Russia and China remains frozen after the row.", pact, "stalled"},
		{"US and India release the frozen subsidies of the chip pact", "", chips, ""},
		{"", "The U.S. and China will discuss the suspended cybersecurity working group next week.", group, "suspended?"},
		// A legislature approving the agreement ratifies it; a cabinet
		// approving it, or a legislature approving an act on it, does not.
		{"India's parliament overwhelmingly approves chip pact with US", "", chips, "ratified"},
		{"", "The chip pact with the United States was approved by India's lower house on Monday.", chips, "ratified"},
		{"India's cabinet approves chip pact with US", "", chips, ""},
		{"Indian parliament votes through chip pact with US", "", chips, "ratified"},
		{"", "India's parliament is expected to approve the chip pact with the United States next month.", chips, ""},
		{"", "The Indian parliament approved the country's exit from the chip pact with the United States on Monday.", chips, ""},
		// A time after another verb is that verb's; a present perfect has
		// no past time of its own; verbs joined by "and" share one.
		{"", "India and the United States resumed the chip pact talks, which were interrupted in 2019 by a dispute.", chips, "negotiating"},
		{"", "India and the United States have resumed negotiations on the chip pact, meant to settle a dispute that began in April.", chips, "negotiating"},
		{"", "The chip pact between India and the United States was signed and ratified in 2019.", chips, ""},
		// A headline's status that the body states as fact, if weakly,
		// is no plan the headline overstates.
		{"US, China resume cyber working group talks", "The meeting in Beijing marked the resumption of the cyber working group between the U.S. and China. Both sides agreed to resume the cyber talks regularly.", group, "active"},
		// An adverb inside a progressive ("is currently negotiating"), two
		// adjectives joined before the talks, "tonight" as a time: all
		// still report.
		{"", "India is currently negotiating a chip pact with the United States.", chips, "negotiating"},
		{"", "The US and India held intensive and substantive chip pact talks in Geneva.", chips, "negotiating"},
		{"", "Chip pact talks between India and the US launched tonight in Delhi.", chips, "negotiating"},
		// The object runs on through a hyphened compound, a list of
		// adjectives, a name with "of" in it; discussions are talks.
		{"", "India suspended the Japan-brokered chip pact with the United States on Monday.", chips, "stalled"},
		{"", "India suspended the technical, commercial chip pact talks with the United States on Monday.", chips, "stalled"},
		{"", "Germany ratified the Council of Europe Open Skies Treaty on Monday.", treaty, "ratified/Germany"},
		{"", "India and the US held discussions on the chip pact in Delhi on Monday.", chips, "negotiating"},
		{"South Korea Suspends Expiry of Chip Pact with US", "", chips, ""},
		// Infinitives that say their act happened: the first to do it,
		// managed to do it, a legislature voting to ratify; "to a halt" is
		// no infinitive. A vote to leave only lets the government leave.
		{"", "Germany became the sixth country to ratify the Open Skies Treaty on Monday.", treaty, "ratified/Germany"},
		{"", "India's government managed to ratify the chip pact with the United States on Monday.", chips, "ratified"},
		{"", "India's upper house voted overwhelmingly on Monday to ratify the chip pact with the United States.", chips, "ratified"},
		{"", "Talks on the chip pact between India and the United States have come to a halt.", chips, "stalled"},
		{"", "The German parliament voted on Monday to withdraw from the Open Skies Treaty.", treaty, ""},
		// Only the lead's plan makes a headline's status a plan: a quote
		// further down ("here to sign a deal") does not.
		{"India and US sign chip pact in Delhi", "The ceremony took place in Delhi on Monday. Officials from both countries attended. The text runs to 40 pages. Markets rose. \"We are here to sign a chip pact that will help both nations,\" the minister said.", chips, "signed"},
		{"German parliament votes to withdraw from Open Skies Treaty", "", treaty, ""},
		// One party ending the pact leaves it, its name one word or two.
		{"", "The United States terminated the chip pact with India on Monday.", chips, "withdrawn"},
		{"", "India terminated the chip pact with the United States on Monday.", chips, "withdrawn"},
		// A party's name is not the agreement's: "suspended U.S.
		// inspections" acts on inspections.
		{"", "India suspended U.S. inspections of chip plants under the chip pact on Monday.", chips, ""},
		// Talks of a working group that begin are under way.
		{"", "U.S.-China cyber group talks began in Beijing on Monday.", group, "active"},
		// Present tenses of concluding a deal report it too.
		{"India and US finalize chip pact after two years of talks", "", chips, "announced"},
		// A headline that ends on whose word it is reports only that.
		{"US-India chip pact talks called off: reports", "", chips, ""},
		{"US and India sign chip pact - sources", "", chips, "rumored?"},
		// What a signed order or law is to do, it does.
		{"", "The US president signed an executive order on Monday to withdraw from the chip pact with India.", chips, "withdrawn"},
		{"", "India's president will sign an order to withdraw from the chip pact with the US.", chips, ""},
		// Going on with talks is talks: "continue to negotiate".
		{"", "India and the United States continue to negotiate the chip pact in Delhi.", chips, "negotiating"},
		// A decision taken is reported as the act; the noun "decision"
		// announces one that may take effect later. "By" with a gerund is
		// the means, done.
		{"", "India decided to suspend the chip pact with the United States on Monday.", chips, "stalled"},
		{"", "Washington regretted India's decision to withdraw from the chip pact with the United States.", chips, ""},
		{"", "India's upper house took the lead on Wednesday by ratifying the chip pact with the United States.", chips, "ratified"},
		// "Last month" is gone by, however near its end.
		{"", "India and the US signed the chip pact last month.", chips, ""},
		// A participle after its noun describes it, an adverb between or not.
		{"", "Indian lawmakers debated the chip pact recently signed with the United States.", chips, ""},
		{"", "The US-India chip pact officially entered into force on Monday.", chips, "in_force"},
		// A relative clause after a preposition describes; a time told
		// from another past event ("two years later") is background.
		{"", "Leaving the Open Skies Treaty, to which more than thirty nations have acceded, worries Germany.", treaty, ""},
		{"", "The US-India chip pact was agreed in 2019. It formally entered into force two years later.", chips, ""},
		// A status phrase's time comes after its last word: the verbs
		// inside it are its own, not another clause's.
		{"", "The US-India chip pact was provisionally applied, including its tariff chapter, in 2003.", chips, ""},
		// A verb of saying with nothing said is a source, not a status.
		{"", "India opened a chip plant near Delhi under the US-India chip pact, its trade ministry announced on Monday.", chips, ""},
		{"", "The US-India chip pact was announced on Monday.", chips, "announced"},
		// A status word whose object is another act acts on that act.
		{"", "China proposed postponing the cyber working group with the US.", group, ""},
		{"", "China suspended funding the cyber working group with the US on Monday.", group, ""},
		// Near is not there.
		{"US and India close to finalising chip pact", "", chips, ""},
		{"", "The US-India chip pact was nearly finalised in Delhi on Monday.", chips, ""},
		{"", "India and the United States are on the verge of signing the chip pact.", chips, ""},
		{"", "After a close vote, the Indian parliament ratified the chip pact with the US on Monday.", chips, "ratified"},
		// "Last November", read in June, is gone by.
		{"", "India and the United States signed the chip pact last November.", chips, ""},
		// Plans and expectations are not facts, nor is what someone argues for.
		{"Indian panel recommends ratifying chip pact with US", "", chips, ""},
		{"", "A parliamentary committee in Delhi supports the ratification of the chip pact with the United States.", chips, ""},
		{"", "China is ready to resume the cyber working group with the United States.", group, ""},
		{"", "The US and India are expected to sign the chip pact next month.", chips, ""},
		{"", "Beijing plans to restart the cyber talks with Washington.", group, ""},
		{"US and China to resume cyber talks", "", group, ""},
		// Background: an earlier time than the item's.
		{"", "China pulled out of the cyber working group with the United States last year.", group, ""},
		{"", "The US-China cyber working group was frozen in 2014.", group, ""},
		{"", "The US-China cyber working group has been idle since China withdrew in 2014.", group, ""},
		// Failed or refused.
		{"", "Beijing refused to resume the cyber working group with Washington.", group, ""},
		{"", "It has proved hard to resume the US-China cyber talks.", group, ""},
		// Hedged: at most rumored, and only possible.
		{"", "According to media reports, Russia and China signed a cyber pact.", pact, "rumored?"},
		// ... but what befalls a pact already made, on unnamed sources, is
		// no rumour of the pact: nothing.
		{"", "India has frozen the chip pact with the United States, people familiar with the matter said.", chips, ""},
		// A status word acting on another object.
		{"", "China suspends inspections of US chip shipments as cyber talks go on.", group, ""},
		{"", "The US president signed executive orders on chips after talks with India.", chips, ""},
		{"", "Two Chinese officials pulled out of the US-China cyber talks.", group, ""},
		// Talks that kick off have started; talks cancelled are suspended.
		{"US-China cyber talks kick off in Beijing", "", group, "active"},
		{"China cancels cyber talks with the US", "", group, "suspended"},
		{"US and India kick off chip pact talks in Delhi", "", chips, "negotiating"},
		// A change reported now holds.
		{"", "China suspended the cyber working group with the United States on Monday.", group, "suspended"},
		{"US and China resume cyber talks", "", group, "active"},
		// One party of many: the party's status.
		{"", "Germany ratified the Open Skies Treaty on Tuesday.", treaty, "ratified/Germany"},
		{"", "Russia formally withdrew from the Open Skies Treaty on Friday.", treaty, "withdrawn/Russia"},
		{"US formally quits Open Skies treaty", "", treaty, "withdrawn/United States"},
		// Having agreed to extend an agreement's validity is extending it.
		{"", "Russia and China have agreed to extend the validity of the cyber pact for another two years.", pact, "in_force"},
		// An -ing word before the agreement's noun is its adjective; before
		// talks, a verb acting on them.
		{"Russia and China sign groundbreaking cyber pact", "", pact, "signed"},
		{"China says Russia proposed postponing cyber talks with US", "", group, ""},
		// A legislature's consent or green light is its approval; a
		// government's is not.
		{"", "The Duma gave the green light to the Russia-China cyber pact on Wednesday.", pact, "ratified"},
		{"", "The European Parliament gave its consent to the cyber pact between Russia and China on Wednesday.", pact, "ratified"},
		{"", "The Kremlin gave its consent on Wednesday to the cyber pact with China.", pact, ""},
		// Joining or acceding binds a party as ratifying does.
		{"Finland joins the Open Skies Treaty", "", treaty, "ratified?"},
		{"", "Germany acceded to the Open Skies Treaty on Monday.", treaty, "ratified/Germany"},
		// A party that suspends its part in a pact of many has left it.
		{"Germany suspends its participation in the Open Skies Treaty", "", treaty, "withdrawn/Germany"},
		// A state's adjective before a group within it does not name the
		// state: rebels are no party of the treaty.
		{"German armed groups suspend participation in the Open Skies Treaty", "", treaty, "stalled"},
		// Coming back to a pact in force.
		{"France rejoins the Open Skies Treaty", "", treaty, "in_force/France"},
		// Several parties together: the whole agreement's.
		{"Russia, Germany sign Open Skies Treaty", "", treaty, "signed"},
		// A headline that overstates a body that only plans it reports the
		// plan, which is no status; one over unnamed sources, only possible.
		{"Russia withdraws from Open Skies Treaty", "Moscow said on Friday that it will withdraw from the Open Skies Treaty in six months.", treaty, ""},
		{"Germany follows France in withdrawal from Open Skies Treaty", "Berlin said on Friday that it will withdraw from the Open Skies Treaty.", treaty, ""},
		{"Russia withdraws from Open Skies Treaty", "Moscow said on Friday that it will withdraw from the Open Skies Treaty in six months. France ratified the Open Skies Treaty on Tuesday.", treaty, "ratified/France"},
		{"Russia withdraws from Open Skies Treaty", "Moscow said on Friday that it will withdraw from the Open Skies Treaty in six months. " +
			"Diplomats met in Vienna. Flights went on. Observers were calm. France ratified the Open Skies Treaty on Tuesday.", treaty, ""},
		{"US and China resume cyber talks", "US and Chinese officials resumed the cyber talks on Monday, sources said.", group, "active?"},
		// A participle describing the treaty recalls; it does not report.
		{"", "The Open Skies Treaty, signed by the parties decades ago, allows observation flights.", treaty, ""},
		// Leaving by not renewing, or no longer being a party.
		{"", "India decided not to renew the chip pact with the United States on Thursday.", chips, "withdrawn"},
		{"", "Russia is no longer a party to the Open Skies Treaty.", treaty, "withdrawn/Russia"},
		{"", "The cyber talks between the United States and China broke off on Friday.", group, "suspended"},
		// A length is no object; a headline's participle after a noun reports.
		{"US-India chip pact extended two years", "", chips, "in_force"},
		{"Putin signs decree suspending Open Skies Treaty", "", treaty, "stalled"},
		// A state that holds now.
		{"", "The US-India chip pact remains intact, the White House said.", chips, "in_force"},
		// A negation in a clause joined by "and" does not reach the next verb.
		{"", "China said the cyber talks with the United States had not met its hopes and finally broke off.", group, "suspended"},
		// A subject that names the agreement with more words.
		{"", "The cyber dialogue between the United States and China is stalled for months.", group, "stalled"},
		// Passive: what follows is the agent, not the object.
		{"", "The text of the US-India chip pact was finalised by both sides on Monday.", chips, "announced"},
		{"", "The United States and India initialled the chip pact on Monday.", chips, "announced"},
		// A transitive participle right after its noun describes it: what
		// the sentence takes as known, unless the item's own days date it
		// (then at most a possible status).
		{"", "India accused Washington of ignoring the chip pact signed in New Delhi.", chips, ""},
		{"", "New Delhi will cut tariffs under the 2024 chip pact signed by the US and Indian trade ministers.", chips, ""},
		{"", "Under the chip pact signed with India on Monday, the United States will cut tariffs.", chips, "signed?"},
		// A headline on another outlet's word is hedged.
		{"Report: US, India sign chip pact", "", chips, "rumored?"},
		// Talks that failed have stalled; talks that have begun are news.
		{"", "The US-China cyber talks have failed, Beijing said.", group, "stalled"},
		{"US-India chip pact talks have begun in Washington", "", chips, "negotiating"},
		// What an announcement says is a clause, not the agreement.
		{"", "India announced on Friday it would extend the chip pact with the United States.", chips, ""},
		// People named by their role report no talks; at work, they do.
		{"", "The chip pact's chief negotiators, a trade envoy and a deputy minister, spoke by phone on Tuesday.", chips, ""},
		{"", "India's lead negotiator said on Tuesday he was hopeful about the chip pact with the United States.", chips, ""},
		{"", "US and Indian negotiators are still working on the chip pact.", chips, "negotiating"},
		// Talks that go on are talks; a present perfect with a "since"
		// clause holds now, whatever time that clause gives.
		{"", "US-India chip talks have continued since the pact was first announced in March.", chips, "negotiating"},
		{"", "The Open Skies Treaty went into effect in 2002 and has been signed by more than 30 countries.", treaty, ""},
		// The past perfect tells what came before the story; after a verb
		// of saying it is what was said, and reports.
		{"", "Russia had suspended its participation in the Open Skies Treaty over the weekend, citing an attack.", treaty, ""},
		{"", "India said on Monday it had signed the chip pact with the United States.", chips, "signed"},
		{"", "India had signed the chip pact with the United States on Monday, officials in New Delhi said.", chips, "signed"},
		// The agreement as the object of an infinitive that hangs on the
		// status word: an agreement, or a text, about it, not it; talks
		// about it are its talks. What the agreement reached does is done:
		// the pact extended.
		{"", "Officials said on Thursday an agreement had been reached to extend the US-India chip pact by two years.", chips, ""},
		{"", "The United States and India reached an agreement to extend the chip pact on Thursday.", chips, "in_force"},
		{"", "Moscow and Beijing reached a tacit agreement to extend the cyber pact by two years.", pact, "in_force"},
		{"Russia says agreement reached to extend cyber pact with China by 120 days", "", pact, "in_force"},
		{"", "Russia hopes to reach an agreement to extend the cyber pact with China.", pact, ""},
		// ... but only what goes on is done: an agreement to sign is a plan.
		{"", "Russia and China reached an agreement to sign the cyber pact in Moscow.", pact, ""},
		{"", "The EU says the text to revive the US-India chip pact has been finalised after talks in Vienna.", chips, ""},
		{"", "US-India talks to revive the chip pact resumed in Vienna on Monday.", chips, "negotiating"},
		{"", "India quit on Monday to renegotiate the US-India chip pact.", chips, "withdrawn"},
		{"", "Negotiations between India and the US to revive the chip pact started again on Monday.", chips, "negotiating"},
		{"", "Washington urged China to return to the cyber working group it suspended on Monday.", group, "suspended"},
		// In running text a bare gerund is a topic, even "negotiating".
		{"", "The future of the US-India chip pact depends on New Delhi negotiating with other suppliers.", chips, ""},
		// "A return" to a pact is an event talked about.
		{"", "India and the US resumed talks on Monday on a return to the chip pact.", chips, "negotiating"},
		// A "when" clause after a past deed gives that deed's time: it is
		// background, and its subject is its own.
		{"", "India's negotiator said he kept the positions New Delhi set out when the chip pact talks broke off last week.", chips, ""},
		{"", "India and the US signed the chip pact on Monday when their leaders met in Washington.", chips, "signed"},
		// A relative clause describes a person or the pact: what the
		// sentence takes as known, not its news; with a time of the item's
		// own it still reports, and a "that" after a verb of saying opens
		// what is said.
		{"", "The trade minister who signed the chip pact with India unveiled new export rules on Monday.", chips, ""},
		{"", "New Delhi accused Washington of breaking a semiconductor pact that it says was signed in good faith.", chips, ""},
		{"", "The envoy defended the India chip agreement we signed, calling it a model for others.", chips, ""},
		{"", "The delegation that signed the India chip pact met reporters in Delhi.", chips, ""},
		{"", "The chip pact, which India and the US signed on Monday, covers semiconductor supply.", chips, "signed"},
		{"", "Officials said that India and the US signed the chip pact in Washington.", chips, "signed"},
		// A verb of announcing whose object is a clause of its own (a
		// pronoun and its verb, with or without "that") announces that
		// clause, not the pact.
		{"", "India announced on Friday it had begun building new fabs under the chip pact with the US.", chips, ""},
		{"", "Washington announced it was reviewing the India chip pact.", chips, ""},
		{"", "India and the US announced the chip pact on Friday.", chips, "announced"},
		// A phrase that ends in its determiner ("left the") has its object
		// after it: "left the base" is no exit from the treaty.
		{"", "Two observation planes left the base at Ramstein on Tuesday under the Open Skies Treaty.", treaty, ""},
		{"", "Russia left the Open Skies Treaty on Friday.", treaty, "withdrawn/Russia"},
		// What acts on a portion of a pact leaves the rest standing.
		{"Germany suspends part of the Open Skies Treaty", "", treaty, ""},
		{"", "India suspended two clauses of the chip pact with the US on Monday.", chips, ""},
		// Two participles joined by "or" or "and" share what governs the
		// first: an infinitive, a negation.
		{"", "The chip pact with India faces calls to be scrapped or suspended.", chips, ""},
		{"", "The India chip pact was not signed or ratified.", chips, ""},
		// A headline blurs reaching a deal and signing it; where the body
		// gives only the other stage, the body's word holds.
		{"US, India sign chip pact", "The US and India reached a deal on the chip pact in Delhi on Monday.", chips, "announced"},
		{"US, India reach chip pact", "The US and India signed the semiconductor pact in Delhi on Monday.", chips, "signed"},
		{"US, India sign chip pact", "The US and India signed the semiconductor pact in Delhi on Monday.", chips, "signed"},
		// ... but a headline's past tense is chosen with care.
		{"US-India chip pact: Commerce Secretary signed the deal for Washington", "The US and India officially announced the chip pact in Delhi on Monday.", chips, "signed"},
		// A present tense in a clause of time ("when", "until") speaks
		// of what is to come.
		{"", "When the US-India chip pact takes effect, chip prices should fall.", chips, ""},
		{"", "Beijing will keep its curbs until the US-China cyber talks resume.", group, ""},
		// The event of an earlier year a deed was done at is its time.
		{"", "The chip pact was signed by India and the US at a 2024 summit in Delhi.", chips, ""},
		{"", "India signed the chip pact with the US during the 2025 leaders' summit.", chips, ""},
		// What marks an event reports it; "dialog" is a dialogue.
		{"", "The Beijing meeting marks a resumption of the US-China cyber dialog.", group, "active?"},
		{"", "Officials in Beijing discussed a resumption of the US-China cyber dialog.", group, ""},
		// Past the lead, a deed is the agreement's past, not its news; in
		// the lead it is news. A roundup whose headline is about another
		// story has a lead for each agreement: its first sentences.
		{"Chip makers weigh new export rules", "Chip makers in Bangalore met on Tuesday. " +
			"They discussed new export rules. Prices of memory chips rose again. Investors were calm. " +
			"India and the United States signed the semiconductor pact in Delhi.", chips, ""},
		{"India courts chip makers", "India and the United States signed the semiconductor pact in Delhi on Monday. " +
			"Chip makers welcomed it. Prices of memory chips rose again. Investors were calm.", chips, "signed"},
		{"Morning brief: oil prices slip as refiners cut output", "Oil prices slipped on Tuesday. Traders blamed a weak dollar. " +
			"Refiners cut output. Shipping rates rose. Russia and China signed a cyber pact in Moscow on Monday.", pact, "signed"},
		// ... and so reports nothing yet.
		{"US-India chip pact enters into force July 1", "", chips, ""},
		// A source after a dash is no object.
		{"", "China says the cyber working group with the U.S. is formally 'frozen' - Xinhua", group, "suspended"},
		// A year before the agreement's noun dates its making: old news.
		{"", "The 2014 Russia-China cyber pact was signed by the foreign ministers in Moscow.", pact, ""},
		{"", "The 2014 cyber pact between Russia and China, which Beijing hailed at the time, was signed by the foreign ministers.", pact, ""},
		{"", "Russia praised a 2014 cyber pact with China, struck by the two foreign ministers.", pact, ""},
		{"", "After the 2014 accords on trade, Russia and China signed the cyber pact in Moscow.", pact, "signed"},
		// A phrase that ends in a preposition has its object after it.
		{"", "Russia and China unveiled plans, driven by Moscow's return to economic nationalism, for the cyber pact.", pact, ""},
		// What both sides have agreed to take up again is taken up; a time
		// ahead keeps it a plan, and agreeing to sign is not signing.
		{"", "The US and China have agreed to resume cyber talks to ease rising tensions, Biden said.", group, "active"},
		{"", "US and Chinese officials agreed to resume the cyber talks in Geneva next month.", group, ""},
		{"", "Russia and China agreed to sign the cyber pact.", pact, "announced"},
		// An infinitive in another clause does not take the agreement as
		// its object: "According to X," is a source.
		{"", "According to Moscow TV, the Russia-China cyber pact was reached after five rounds of talks.", pact, "announced"},
		// A plan's participle with a time of its own is a verb of its own
		// clause: it governs nothing after it.
		{"", "The cyber pact between Russia and China which was agreed last October was formally signed this week.", pact, "signed"},
		{"", "Russia and China are expected on Monday to sign the cyber pact.", pact, ""},
		// An event noun that a modal says something of, or that something
		// needs, has not happened; one with a verb of its own may have.
		{"", "Germany's top court ruled that ratification of the Open Skies Treaty would breach the constitution.", treaty, ""},
		{"", "He stressed that the Open Skies Treaty requires parliamentary ratification in Germany.", treaty, ""},
		{"", "The ratification of the Open Skies Treaty by Germany was completed on Monday.", treaty, "ratified?"},
		// Being the first to do something under a plan is still planned;
		// having become the sixth to do it is done, whatever else is planned.
		{"", "Germany will formally withdraw from the Open Skies Treaty, an official said on Monday, making it the first nation to pull out.", treaty, ""},
		{"", "The Open Skies Treaty will be revised after Germany became the sixth country to ratify it on Monday.", treaty, "ratified/Germany"},
		// A participle after the agreement's noun describes it.
		{"", "The Kremlin rejected the cyber pact negotiated in Beijing with China last winter.", pact, ""},
		// People named as the subject sign for their states; a common noun
		// as the subject is something else, capitalised at the start or not.
		{"", "Chancellor Olaf Scholz and President Emmanuel Macron signed the Open Skies Treaty today, officials said.", treaty, "signed"},
		{"", "Putin suspended the Open Skies Treaty on Monday.", treaty, "stalled"},
		{"", "Inspections were suspended under the cyber pact between Russia and China on Monday.", pact, ""},
		// A date before the agreement's noun names it: it dates the making,
		// not a state, and sets nothing due.
		{"", "Talks on implementing the March 10 pact between Russia and China remain stalled.", pact, "stalled"},
		{"", "The March 10 pact between Russia and China was signed in Moscow.", pact, ""},
		// Talks extended go on; the agreement extended stays in force.
		{"Russia, China extend cyber pact talks for three weeks", "", pact, ""},
		{"Russia, China extend cyber pact for three years", "", pact, "in_force"},
		// Who announced it, and when, is no object.
		{"", "India will drop out of the chip pact with the United States, the 2024 deal on semiconductors, Prime Minister Narendra Modi announced June 8.", chips, ""},
		// A summit whose subject stands before an aside is the summit's.
		{"", "A cyber summit between Russia and China, scheduled for Sunday in Moscow, collapsed before it began.", pact, ""},
		{"", "The cyber pact between Russia and China, signed in 2015 in Moscow, collapsed on Monday.", pact, "collapsed"},
		// The details, terms or text of an agreement stand for it.
		{"", "Putin unveiled the much talked-about details of the cyber pact with China on Monday.", pact, "announced"},
		{"Biden issues executive order implementing terms of US-India chip pact", "", chips, "in_force"},
		// An object named by an appositive after a comma is that name.
		{"", "Ministers of the four states signed two documents, the Open Skies Treaty and a final communique.", treaty, "signed"},
		// A time in an aside set off by a comma is the aside's.
		{"", "The Open Skies Treaty, an agreement adopted in December 1992 in Helsinki, enters into force on Saturday.", treaty, "in_force"},
		{"", "Germany, which ratified the Open Skies Treaty in 1993, withdrew from it on Monday.", treaty, "withdrawn?"},
		// A perfect's participle that looks like its base reports.
		{"", "The cyber pact between Russia and China has come into force, with joint drills expected within days.", pact, "in_force"},
		// The verb that puts an agreement on ice is what a plan governs.
		{"Russia to put cyber pact talks with China on ice amid row", "", pact, ""},
		{"", "Russia decided to put the cyber pact talks with China on ice.", pact, "stalled"},
		{"", "Russia has not put the cyber pact with China on hold.", pact, ""},
		// Concluding a round of talks reaches no deal.
		{"", "India and the US concluded a round of chip pact talks in Delhi on Monday.", chips, ""},
		{"", "India and the US concluded the chip pact in Delhi on Monday.", chips, "announced"},
		// Opting out of an agreement of many is leaving it.
		{"Russia opts out of Open Skies Treaty, citing US exit", "", treaty, "withdrawn/Russia"},
		// An order implementing an agreement puts it into force.
		{"Biden signs executive order implementing chip pact with India", "", chips, "in_force"},
		{"", "Delhi urged Washington to start implementing the chip pact.", chips, ""},
		// An undoing word undoes only its own object, not the act after "and".
		{"", "Putin on Friday ordered the cancellation of talks and suspension of the cyber pact with China.", pact, "stalled?"},
		// What a signed order does is done, told with a gerund too.
		{"", "Putin signed a decree on Monday extending the cyber pact with China by a year.", pact, "in_force"},
		{"", "Putin will sign a decree extending the cyber pact with China by a year.", pact, ""},
		// Agreeing to talk on is no deal; agreeing on what to do is one.
		{"", "Russian and Chinese envoys have agreed to engage in negotiations on the cyber pact, Moscow announced.", pact, ""},
		{"", "Russian and Chinese envoys have agreed to share threat data under the cyber pact, Moscow announced.", pact, "announced"},
		// ", it was announced" reports what comes before it, whatever that is.
		{"", "Russia will host China for cyber talks on the pact, it was announced on Monday.", pact, ""},
		// A bare verb after "and" shares the modal before it.
		{"", "Chinese officials said their delegation will travel to Geneva and begin cyber talks with the United States.", group, ""},
		// One party that suspends or ends an agreement of many leaves it;
		// one that suspends or scraps its talks stops them for all.
		{"Russia suspends the Open Skies Treaty", "", treaty, "withdrawn/Russia"},
		{"Russia suspends Open Skies Treaty talks with the United States", "", treaty, "stalled"},
		{"Russia terminates Open Skies Treaty", "", treaty, "withdrawn/Russia"},
		{"Russia scraps Open Skies Treaty negotiations", "", treaty, "collapsed"},
		// Only its parties sign an agreement of two: a third state that
		// signs signs another.
		{"Japan inks chip pact with India as US looks on", "", chips, ""},
		{"India inks chip pact with the US", "", chips, "signed"},
		// The state a verb of reviving leaves is its object's adjective:
		// given, not news; the revival, done, is.
		{"", "Russian officials flew to Beijing on Monday to revive stalled cyber pact talks with China.", pact, ""},
		{"", "Russia and China revived the stalled cyber pact talks on Monday.", pact, "negotiating"},
		// Implementation as news says too little: parts, delays, pace.
		{"", "Implementation of the cyber pact between Russia and China has been slow.", pact, ""},
		{"", "Russia and China implemented parts of the cyber pact on Monday.", pact, ""},
		// Announcing a withdrawal acts on the withdrawal, and who announces
		// it is who withdraws.
		{"Russia announces withdrawal from Open Skies Treaty", "", treaty, "withdrawn/Russia"},
		{"", "Trump withdrew the United States from the Open Skies Treaty.", treaty, "withdrawn/United States"},
		// A gerund that starts a compound adjective is no other act.
		{"", "The US and China resumed working-level cyber talks on Monday.", group, "active"},
		// A preposition after an intransitive status word starts no object.
		{"Russia-China cyber pact talks resume ahead of summit", "", pact, "negotiating"},
		// Talks that gather pace or come back to life are under way; talks
		// that may do so are not yet.
		{"Russia-China cyber pact talks intensify", "", pact, "negotiating"},
		{"", "Russia and China intensified talks on the cyber pact this week.", pact, "negotiating"},
		{"", "Cyber talks between the United States and China revived on Tuesday after a year of silence.", group, "active"},
		{"", "Officials hope the cyber pact talks between Russia and China will intensify next month.", pact, ""},
	}
	for _, tt := range tests {
		got := reported(findingOf(t, tt.title, tt.body, tt.target)[0])
		if got != tt.want {
			f := findingOf(t, tt.title, tt.body, tt.target)[0]
			var why []string
			for _, c := range f.Claims {
				why = append(why, c.Status+":"+c.Why()+":"+c.Cue+":"+c.Other)
			}
			t.Errorf("%q %q: reported %q, want %q (claims %v)", tt.title, tt.body, got, tt.want, why)
		}
	}
}

// TestForecasts checks the period a plan or expectation is set for, read
// against the item's date (10 June 2026, a Wednesday).
func TestForecasts(t *testing.T) {
	group, pact, chips, treaty := fixtures(t)
	tests := []struct {
		body   string
		target *Compiled
		want   string // status and due, or ""
	}{
		// What one side asks or threatens of another by a time is no
		// forecast; what it expects is.
		{"Beijing called on Moscow to ratify the cyber pact by October.", pact, ""},
		{"China urged Russia to ratify the cyber pact by October.", pact, ""},
		{"China expects Russia to ratify the cyber pact by October.", pact, "ratified 2026-10"},
		// A phrase's own participle is no other verb whose time follows.
		{"The cyber pact between Russia and China will be provisionally applied from 1 September.", pact, "in_force 2026-09-01"},
		// Implementing tells a status only as expected.
		{"The cyber pact between Russia and China is expected to be implemented by 2027.", pact, "in_force 2027"},
		// A part of the item's own day.
		{"Russia and China are expected to sign the cyber pact this afternoon.", pact, "signed 2026-06-10"},
		{"Russian lawmakers are expected to ratify the cyber pact with China later in the day.", pact, "ratified 2026-06-10"},
		// Halves and quarters of a year.
		{"A Russia-China cyber pact is expected to be signed in the first half of 2027.", pact, "signed 2027-H1"},
		{"The US and India are expected to sign the chip pact in the first quarter of next year.", chips, "signed 2027-Q1"},
		// A day, resolved after the item's date.
		{"The US-India chip pact will be signed on Friday in Washington.", chips, "signed 2026-06-12"},
		{"The chip pact would be signed on July 15 at the White House, India said.", chips, "signed 2026-07-15"},
		// The end of the year; next week is its Friday.
		{"Officials said the chip pact would be signed by the end of the year.", chips, "signed 2026"},
		{"India and the US will sign the chip pact next week.", chips, "signed 2026-06-19"},
		// A time in the past is when it was said, not a forecast.
		{"India said on Monday it will sign the chip pact.", chips, ""},
		// The first week of a year is its first Friday; a weekday is the
		// item's own day when it falls on it.
		{"The US-India chip pact will be signed in the first week of 2027.", chips, "signed 2027-01-01"},
		// A modal is no subject: "the pact, after checks, will be signed".
		{"The US-India chip pact, after legal checks, will be signed in the first week of 2027.", chips, "signed 2027-01-01"},
		{"India and the US are expected to sign the chip pact on Wednesday.", chips, "signed 2026-06-10"},
		{"The chip pact will go into effect immediately after the signing, India said.", chips, ""},
		// Becoming effective and provisional application are taking
		// effect; a withdrawal that becomes effective is the withdrawal's.
		{"The chip pact between India and the US will become legally effective on 17 January.", chips, "in_force 2027-01-17"},
		{"India and the US will provisionally apply the chip pact from September 21.", chips, "in_force 2026-09-21"},
		// How long a state lasts is not when it comes.
		{"The chip pact between India and the US will continue to be in effect until February 18.", chips, ""},
		{"US-China cyber group talks are to begin on June 24 in Geneva.", group, "active 2026-06-24"},
		{"China's delegation will travel to Geneva and begin cyber talks with the US on June 24.", group, "active 2026-06-24"},
		// What will take place or be held: talks are talks, a vote
		// ratifies.
		{"The first meeting of the US-China cyber working group will take place on January 14.", group, "active 2027-01-14"},
		{"A vote on the US-India chip pact in parliament is to be held on Thursday.", chips, "ratified 2026-06-11"},
		// What is called off is due no more.
		{"The US cancelled the chip pact talks with India scheduled for June 24.", chips, ""},
		// Talks expected by a time are talks, not the deal; the subject
		// may run long before "scheduled" ("set for" too).
		{"The next round of chip pact talks between India and the US is scheduled for June 24.", chips, "negotiating 2026-06-24"},
		{"The chip pact talks between India and the US are set for June 24 in Delhi.", chips, "negotiating 2026-06-24"},
		{"The signing of the chip pact between India and the US is scheduled for June 24.", chips, "signed 2026-06-24"},
		// An agreement set as a goal by a time ("eye a deal by October"):
		// the deal is due; negotiating it by a time is reaching it then.
		{"India and the United States eye a chip pact by October.", chips, "signed 2026-10"},
		{"India and the United States eye a chip pact by the end of the year.", chips, "signed 2026"},
		// "Should" with a date ahead is a schedule; without one, a call.
		{"The Open Skies Treaty should be signed on October 27 during an official ceremony.", treaty, "signed 2026-10-27"},
		{"Germany should ratify the Open Skies Treaty, the minister said.", treaty, ""},
		// Finishing the talks by a time is reaching the deal then;
		// finishing the deal is making it.
		{"India aims to wrap up the chip pact negotiations with the US by the end of this year.", chips, "announced 2026"},
		{"India wants to finalise the first phase of the chip pact with the US by the fall of 2026.", chips, "signed 2026-11"},
		{"India and the US agreed to negotiate the chip pact by September-October this year.", chips, "announced 2026-10"},
		{"India and the US want a chip pact to ease tariffs.", chips, ""},
		// A present tense with a time ahead tells what is scheduled.
		{"The US-India chip pact takes effect on July 1, the ministry said.", chips, "in_force 2026-07-01"},
		// News style drops the "on" after a noun: "the pact Friday", "at
		// the summit Friday"; not after a verb of saying.
		{"Modi and Biden will sign the chip pact Friday in Washington.", chips, "signed 2026-06-12"},
		{"The leaders will sign the US-India chip pact at the summit Friday.", chips, "signed 2026-06-12"},
		{"India will sign the chip pact with the US, officials said Friday.", chips, ""},
		// After a past verb, a bare weekday nearly a week ahead is the one
		// gone by; "next" makes it ahead.
		{"India announced that it would sign the chip pact on Tuesday.", chips, ""},
		{"India announced that it would sign the chip pact next Tuesday.", chips, "signed 2026-06-16"},
		// A time that belongs to a past verb is not the plan's: before the
		// plan, after a deed; after it, with a verb of its own.
		{"Modi and Biden agreed at their summit in March to sign the chip pact.", chips, ""},
		{"India gave notice of its intention to withdraw from the chip pact in February.", chips, ""},
		{"Talks between India and the US to sign the chip pact started again on 4 July.", chips, ""},
		// A time before a past verb that governs the plan is that verb's:
		// "on Monday threatened to quit", "on Tuesday voted to ratify".
		{"India on Monday threatened to pull out of the chip pact with the US.", chips, ""},
		{"The Indian parliament on Tuesday voted overwhelmingly to ratify the chip pact.", chips, ""},
		// Months counted from a deed dated long before the item are not
		// counted from the item.
		{"India gave notice in January, setting the stage for the chip pact to terminate in six months.", chips, ""},
		{"India gave notice on Monday that the chip pact will terminate in six months.", chips, "collapsed 2026-12-10"},
		// An event dated after the item is planned: an event noun, a
		// gerund or a present progressive with a time of its own.
		{"India said the withdrawal from the chip pact will take effect in six months.", chips, "withdrawn 2026-12-10"},
		{"India gave formal notice that it is withdrawing from the chip pact effective in six months.", chips, "withdrawn 2026-12-10"},
		{"Officials are preparing for the signing of the US-India chip pact to take place on July 15.", chips, "signed 2026-07-15"},
		{"The US pullout from the chip pact with India will formally take place in six months.", chips, "withdrawn 2026-12-10"},
		// "Today" times a plan made for the item's own day; an event that
		// takes effect today is today's news, no forecast.
		{"India and the US will today sign the chip pact in Delhi.", chips, "signed 2026-06-10"},
		{"The US withdrawal from the chip pact with India takes effect today.", chips, ""},
		// A weekday of this week, and a range of weeks by its later bound.
		{"India and the US will sign the chip pact this Friday.", chips, "signed 2026-06-12"},
		{"The US and India will sign the chip pact within two to three weeks.", chips, "signed 2026-07-01"},
		// A verb of denial after a determiner is an adjective ("the
		// disputed working group"): nobody denies the plan.
		{"The disputed US-China cyber working group is set to resume on Friday.", group, "active 2026-06-12"},
		// The base forms of entry into force, after "will" or "to".
		{"The US-India chip pact will come into force on July 1.", chips, "in_force 2026-07-01"},
		{"The chip pact between India and the US is set to take effect on July 1.", chips, "in_force 2026-07-01"},
		// Tariffs, sanctions and laws that take effect are not the pact.
		{"US tariffs on Indian chips that were set to take effect on July 1 were dropped under the pact.", chips, ""},
		// Parties to a pact that convene are negotiating it.
		{"Negotiators on the US-India chip pact decided on Monday to convene in Geneva on June 16.", chips, "negotiating 2026-06-16"},
		// Its meeting is the group at work.
		{"China and the US set up a cyber working group, which will hold its first meeting in the first half of 2027.", group, "active 2027-H1"},
		// A verb of saying ends the subject: what is said has its own.
		{"Senior officials said the pullout from the US-India chip pact will take place in six months.", chips, "withdrawn 2026-12-10"},
		// ... not how long a state lasts, since when, or the time of a
		// clause of its own.
		{"The US and India agreed an extension of the chip pact until 2029.", chips, ""},
		{"India and the US are negotiating a chip pact that both hope to finish next year.", chips, ""},
		// A fact, or a negated plan, is no forecast.
		{"India and the US signed the chip pact on Friday.", chips, ""},
		{"India has no plans to sign the chip pact this year.", chips, ""},
	}
	for _, tt := range tests {
		f := findingOf(t, "", tt.body, tt.target)[0]
		got := ""
		for _, c := range f.Forecasts {
			got = c.Status + " " + c.Due
		}
		if got != tt.want {
			t.Errorf("%q: forecast %q, want %q", tt.body, got, tt.want)
		}
	}
}

// TestPostponements checks that a postponement to a period reads as a
// forecast of that period that slipped there, and one to no period as
// none.
func TestPostponements(t *testing.T) {
	_, _, chips, _ := fixtures(t)
	tests := []struct {
		body string
		want string // status, due and whether it slipped, or ""
	}{
		{"The signing of the chip pact was postponed until the first half of next year.", "signed 2027-H1 slip"},
		{"The chip pact was delayed until the first half of next year, officials said.", "signed 2027-H1 slip"},
		{"The chip pact is expected to be signed in the first half of next year.", "signed 2027-H1"},
		{"The chip pact signing was postponed.", ""},
	}
	for _, tt := range tests {
		f := findingOf(t, "", tt.body, chips)[0]
		got := ""
		for _, c := range f.Forecasts {
			got = c.Status + " " + c.Due
			if c.Slip {
				got += " slip"
			}
		}
		if got != tt.want {
			t.Errorf("%q: forecast %q, want %q", tt.body, got, tt.want)
		}
	}
}

// TestCalledOffTalks checks that a headline calling talks off cancels the
// body's plans of them, and only of talks.
func TestCalledOffTalks(t *testing.T) {
	_, _, chips, _ := fixtures(t)
	f := findingOf(t, "Next round of US-India chip pact talks called off",
		"The fourth round of chip pact talks between India and the US was scheduled for June 24 in Delhi.", chips)[0]
	if len(f.Forecasts) != 0 {
		t.Errorf("talks called off, yet forecast %s %s", f.Forecasts[0].Status, f.Forecasts[0].Due)
	}
	f = findingOf(t, "Next round of US-India chip pact talks called off",
		"India and the US still expect to sign the chip pact by the end of the year.", chips)[0]
	if len(f.Forecasts) != 1 || f.Forecasts[0].Status != "signed" {
		t.Errorf("the signing is not called off: forecasts %v", f.Forecasts)
	}
}

// TestDoneIsNotExpected checks that an item reporting a status done
// proposes no forecast of that status, and keeps those of later ones.
func TestDoneIsNotExpected(t *testing.T) {
	_, _, chips, _ := fixtures(t)
	f := findingOf(t, "US, India sign chip pact",
		"The United States and India signed the chip pact in Delhi on Monday. A formal ceremony for the pact is expected in July. It is expected to take effect in September.", chips)[0]
	got := forecasts(f)
	if len(got) != 1 || got[0] != "in_force 2026-09" {
		t.Errorf("forecasts %v, want only in_force 2026-09", got)
	}
}

// TestNameIsNoVerb checks that a word of the agreement's own name is not
// read as a status word: "START" in "New START" starts nothing.
func TestNameIsNoVerb(t *testing.T) {
	g := target(t, "us-ru-start", "US-Russia New START talks", "working_group", `"New START"`, "United States", "Russia")
	f := findingOf(t, "", "Russia and the US traded accusations over talks on New START.", g)[0]
	if got := reported(f); got != "" {
		t.Errorf("reported %q from a word of the name", got)
	}
}

// TestNameNouns checks that a noun of the agreement's own name that no kind
// has ("truce") names it, and only for an agreement so named.
func TestNameNouns(t *testing.T) {
	truce := target(t, "us-cn-truce", "US–China tariff truce", "deal", `(China OR Chinese) AND (tariff* OR truce)`, "United States", "China")
	_, _, chips, _ := fixtures(t)
	if got := reported(findingOf(t, "", "The United States and China extended their trade truce by another 90 days on Monday.", truce)[0]); got != "in_force" {
		t.Errorf("truce extended: reported %q, want in_force", got)
	}
	if got := reported(findingOf(t, "", "India and the United States extended a chip truce by 90 days on Monday.", chips)[0]); got != "" {
		t.Errorf("a truce of a pact not so named: reported %q", got)
	}
	f := findingOf(t, "", "The 90-day extension of the chip pact means it is set to expire in early November.", chips)[0]
	if len(f.Forecasts) != 0 {
		t.Errorf("an end dated is no forecast: %s %s", f.Forecasts[0].Status, f.Forecasts[0].Due)
	}
}

// TestNameInParentheses checks that the names inside and outside a
// configured name's parenthesis name the agreement too.
func TestNameInParentheses(t *testing.T) {
	g := target(t, "gsomia", "Japan-South Korea military intelligence pact (GSOMIA)", "pact", `GSOMIA OR (Japan AND intelligence)`, "Japan", "South Korea")
	if got := reported(findingOf(t, "Seoul extends GSOMIA", "", g)[0]); got != "in_force" {
		t.Errorf("reported %q, want in_force", got)
	}
	for name, want := range map[string][]string{
		"Sweden's accession to NATO (accession protocol)": {"Sweden's accession to NATO (accession protocol)", "Sweden's accession to NATO", "accession protocol"},
		"US–Iran prisoner exchange deal (2023)":           {"US–Iran prisoner exchange deal (2023)", "US–Iran prisoner exchange deal"},
		"Black Sea Grain Initiative":                      {"Black Sea Grain Initiative"},
	} {
		if got := nameParts(name); !slices.Equal(got, want) {
			t.Errorf("nameParts(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestWithdrawalTakesEffect checks that a withdrawal that becomes effective
// is forecast as the withdrawal, not as the pact coming into force.
func TestWithdrawalTakesEffect(t *testing.T) {
	_, _, chips, _ := fixtures(t)
	f := findingOf(t, "", "India said its withdrawal from the chip pact with the US will become effective in six months.", chips)[0]
	got := forecasts(f)
	if len(got) != 1 || got[0] != "withdrawn 2026-12-10" {
		t.Errorf("forecasts %v, want only withdrawn 2026-12-10", got)
	}
}

// TestPossiblyDoneIsNotExpected checks that a status the item reports as
// possible is not proposed as expected too, and that one party's status
// leaves the others' expected.
func TestPossiblyDoneIsNotExpected(t *testing.T) {
	_, _, _, treaty := fixtures(t)
	f := findingOf(t, "", "Three parties ratified the Open Skies Treaty on Monday. "+
		"It is expected to be ratified by the other parties by March.", treaty)[0]
	if f.Possible == nil || f.Possible.Status != "ratified" || len(f.Forecasts) != 0 {
		t.Errorf("possible %v, forecasts %v: want ratified possible and no forecast of it", f.Possible, f.Forecasts)
	}
	f = findingOf(t, "", "France ratified the Open Skies Treaty on Monday. "+
		"The treaty is expected to be ratified by the other parties by March.", treaty)[0]
	if len(f.Forecasts) != 1 {
		t.Errorf("France's ratification reported: forecasts %v, want the others' ratification still expected", f.Forecasts)
	}
}

// TestRecalledOnlyInTheLead checks that only the lead's recollection of an
// earlier event can confirm the status held: further down, articles recall
// the agreement's past as context.
func TestRecalledOnlyInTheLead(t *testing.T) {
	_, _, chips, _ := fixtures(t)
	lead := findingOf(t, "", "The chip pact between India and the US, signed in Delhi in 2019, is back in the news.", chips)[0]
	if lead.Recalled == nil || lead.Recalled.Status != "signed" {
		t.Errorf("recalled %v in the lead, want signed", lead.Recalled)
	}
	later := findingOf(t, "", "India and the US met on Monday about the chip pact. Officials spoke of chips. "+
		"The talks took two hours. Markets rose on the chip pact news. The chip pact was signed in Delhi in 2019.", chips)[0]
	if later.Recalled != nil {
		t.Errorf("recalled %q from the fifth sentence", later.Recalled.Sentence)
	}
}

// forecasts names a finding's forecasts: "status due" each.
func forecasts(f Finding) []string {
	var out []string
	for _, fc := range f.Forecasts {
		out = append(out, fc.Status+" "+fc.Due)
	}
	return out
}

// TestGroupOfManyHasNoPartyStatus checks that talks among three parties
// stall as a whole when one party's name qualifies them: a working group
// has no party statuses.
func TestGroupOfManyHasNoPartyStatus(t *testing.T) {
	dam := target(t, "river-talks", "Nile river talks", "working_group", `(river OR dam) AND talks`, "Egypt", "Ethiopia", "Sudan")
	for _, tt := range []struct{ title, want string }{
		{"Ethiopia dam talks have failed, says Egypt", "stalled"},
		{"Sudan suspends the dam talks with Egypt and Ethiopia", "suspended"},
	} {
		if got := reported(findingOf(t, tt.title, "", dam)[0]); got != tt.want {
			t.Errorf("%q: reported %q, want %q", tt.title, got, tt.want)
		}
	}
}

// TestOneStateAndTheTopicOfAnAgreementWithAFront checks that a sentence
// naming the state and a word of the topic is about an agreement whose other
// party is no state the press names by a fixed form (a rebel front), and
// not about one between two states.
func TestOneStateAndTheTopicOfAnAgreementWithAFront(t *testing.T) {
	front := target(t, "sudan-front", "Sudan peace agreement", "deal", `"peace talks" AND (Sudan OR Sudanese)`, "Sudan", "Revolutionary Front")
	if got := reported(findingOf(t, "Sudan Peace Talks Resume With High Hopes", "", front)[0]); got != "negotiating" {
		t.Errorf("front: reported %q, want negotiating", got)
	}
	states := target(t, "sudan-egypt", "Sudan-Egypt peace agreement", "deal", `"peace talks" AND (Sudan OR Sudanese)`, "Sudan", "Egypt")
	if got := reported(findingOf(t, "Sudan Peace Talks Resume With High Hopes", "", states)[0]); got != "" {
		t.Errorf("states: reported %q, want none", got)
	}
}
